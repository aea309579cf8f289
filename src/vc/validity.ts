/**
 * A credential's validity period at the caller's `now`: every start and every end counts (a
 * credential may state both VC 1.1 and VC 2.0 dates), and an issue points at the member that
 * states the start or end at fault (`/validUntil`, `/expirationDate/1`…).
 */
import jsonld from 'jsonld';
import { pointerSegment } from '../json/pointer.js';
import type { JsonObject, JsonValue } from '../json/types.js';
import type { DocumentLoader } from '../jsonld/loader.js';
import { type VcIssue, vcIssue } from './codes.js';

const CRED = 'https://www.w3.org/2018/credentials#';
const FROM_KEYS = ['validFrom', 'issuanceDate'];
const UNTIL_KEYS = ['validUntil', 'expirationDate'];

/** An instant a credential states, the property it is the value of, and where it is written. */
interface Dated {
  t: number;
  name: string;
  at: string;
}

const instant = (v: unknown): number => (typeof v === 'string' ? Date.parse(v) : Number.NaN);

/** The dates of a document in canonical form: a string, or several different strings (each is signed; all count). */
function canonicalDates(doc: JsonObject, names: readonly string[]): Dated[] {
  return names.flatMap((name) => {
    const value = doc[name];
    const listed = Array.isArray(value) ? value.map((v, i) => ({ v, at: pointerSegment(name) + pointerSegment(i) })) : [{ v: value, at: pointerSegment(name) }];
    return listed.map(({ v, at }) => ({ t: instant(v), name, at })).filter((d) => !Number.isNaN(d.t));
  });
}

/**
 * The dates the JSON shows, in any spelling: under any key whose last part names the property
 * (`cred:validUntil`, a full IRI), as a list or a value object. For a document that is refused
 * anyway: a reader of its JSON sees these dates, so an expiry among them is said.
 */
export function looseDates(doc: JsonObject, names: readonly string[]): Dated[] {
  const loose = (v: JsonValue | undefined, at: string): { v: unknown; at: string }[] =>
    Array.isArray(v) ? v.flatMap((item, i) => loose(item, at + pointerSegment(i))) : v !== null && typeof v === 'object' ? [{ v: (v as JsonObject)['@value'], at: `${at}/@value` }] : [{ v, at }];
  const nameOf = (key: string) => key.split(/[:#/]/).pop() ?? key;
  return Object.keys(doc)
    .filter((k) => names.includes(nameOf(k)))
    .flatMap((k) => loose(doc[k], pointerSegment(k)).map(({ v, at }) => ({ t: instant(v), name: nameOf(k), at })))
    .filter((d) => !Number.isNaN(d.t));
}

/**
 * The dates of a document not in canonical form, read from its JSON-LD expansion (so that a
 * re-spelled end date still counts), each placed where the JSON shows it when it can be found, or
 * at the member that would state it.
 */
async function expandedDates(doc: JsonObject, names: readonly string[], loader: DocumentLoader): Promise<Dated[]> {
  const loose = looseDates(doc, names);
  try {
    const { proof: _proof, ...unsigned } = doc;
    const expanded = (await jsonld.expand(unsigned, { documentLoader: loader, base: null })) as Record<string, unknown>[];
    const found = expanded.flatMap((node) =>
      names.flatMap((name) => (Array.isArray(node[CRED + name]) ? (node[CRED + name] as { '@value'?: unknown }[]).map((v) => ({ t: instant(v?.['@value']), name })) : [])),
    );
    const placed = found
      .filter((d) => !Number.isNaN(d.t))
      .map((d) => ({ ...d, at: (loose.find((l) => l.name === d.name && l.t === d.t) ?? loose.find((l) => l.name === d.name))?.at ?? pointerSegment(d.name) }));
    return [...placed, ...loose];
  } catch {
    return loose;
  }
}

/** The latest of the starts, or the earliest of the ends (the first stated, among equal ones). */
const pick = (dates: readonly Dated[], later: boolean): Dated | undefined => dates.reduce<Dated | undefined>((best, d) => (best === undefined || (later ? d.t > best.t : d.t < best.t) ? d : best), undefined);

/**
 * VC_NOT_YET_VALID and VC_EXPIRED at `now`. A document in its canonical form (`form: 'canonical'`)
 * is read as its JSON, which is what was signed; one that is not, from its JSON-LD expansion
 * (`'expand'`), or loosely from its JSON when it cannot be expanded (`'loose'`: refused for its
 * contexts or its size).
 */
export async function validityIssues(doc: JsonObject, form: 'canonical' | 'expand' | 'loose', loader: DocumentLoader, now: number): Promise<VcIssue[]> {
  const read = (names: readonly string[]) => (form === 'canonical' ? Promise.resolve(canonicalDates(doc, names)) : form === 'expand' ? expandedDates(doc, names, loader) : Promise.resolve(looseDates(doc, names)));
  const start = pick(await read(FROM_KEYS), true);
  const end = pick(await read(UNTIL_KEYS), false);
  const issues: VcIssue[] = [];
  if (start !== undefined && start.t > now) issues.push(vcIssue('VC_NOT_YET_VALID', `The credential is valid from ${new Date(start.t).toISOString()}, after ${new Date(now).toISOString()}.`, start.at));
  if (end !== undefined && end.t < now) issues.push(vcIssue('VC_EXPIRED', `The credential expired at ${new Date(end.t).toISOString()}, before ${new Date(now).toISOString()}.`, end.at));
  return issues;
}
