/** `1999-10-01T22:00:00Z` → `1999-10-02`: EDC writes a date of birth as local midnight in UTC, so round to the nearest day. */
export function calendarDate(dateTime: string): string | undefined {
  if (/^\d{4}-\d{2}-\d{2}$/.test(dateTime)) return dateTime;
  const t = Date.parse(dateTime);
  if (Number.isNaN(t)) return undefined;
  return new Date(t + 12 * 3600_000).toISOString().slice(0, 10);
}

/** Hours in an xsd:duration made of days, hours, minutes and seconds (`PT60H`, `P2DT4H`); undefined for years or months. */
export function durationHours(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const m = /^P(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(value);
  if (!m || value === 'P' || value.endsWith('T')) return undefined;
  const [, d = '0', h = '0', min = '0', s = '0'] = m;
  const hours = Number(d) * 24 + Number(h) + Number(min) / 60 + Number(s) / 3600;
  return hours > 0 ? Math.round(hours * 1e6) / 1e6 : undefined;
}
