/**
 * One-character tamper campaign over a sealed JWS JSON file: replace the character at a random
 * position of the file text with a random printable ASCII character, verify, and sort what still
 * verifies by where the change landed (payload, protected header, signature, each `etsiU` object,
 * JSON syntax) and by whether it changed the seal's content at all.
 *
 * "Content unchanged" is decided independently of the verifier: the changed document is parsed and
 * compared with the original after decoding every base64 value, so a change that only re-spells
 * the same bytes (non-canonical base64 padding bits) or touches JSON white space between tokens is
 * recognised as such. Everything else that verifies is a surviving content change.
 */

/** A seeded PRNG (mulberry32): the same seed gives the same trials on every run and platform. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type JsonPath = (string | number)[];

/** A string token of JSON text: where its characters (between the quotes) are, and what it is. */
interface StringToken {
  readonly start: number; // first character after the opening quote
  readonly end: number; // the closing quote
  readonly path: JsonPath;
  readonly key: boolean;
}

/** The string tokens of JSON text, with their paths (a tiny scanner for well-formed JSON). */
export function stringTokens(text: string): StringToken[] {
  const out: StringToken[] = [];
  const stack: { kind: 'object' | 'array'; key: string | number; expectKey: boolean }[] = [];
  const path = (): JsonPath => stack.map((s) => s.key);
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === '"') {
      let j = i + 1;
      while (text[j] !== '"') j += text[j] === '\\' ? 2 : 1;
      const top = stack[stack.length - 1];
      const isKey = top?.kind === 'object' && top.expectKey;
      if (isKey) {
        top.key = JSON.parse(text.slice(i, j + 1)) as string;
        top.expectKey = false;
        out.push({ start: i + 1, end: j, path: path(), key: true });
      } else {
        out.push({ start: i + 1, end: j, path: path(), key: false });
      }
      i = j + 1;
      continue;
    }
    if (c === '{') stack.push({ kind: 'object', key: '', expectKey: true });
    else if (c === '[') stack.push({ kind: 'array', key: 0, expectKey: false });
    else if (c === '}' || c === ']') stack.pop();
    else if (c === ',') {
      const top = stack[stack.length - 1]!;
      if (top.kind === 'object') top.expectKey = true;
      else top.key = (top.key as number) + 1;
    }
    i++;
  }
  return out;
}

const b64url = (s: string) => Buffer.from(s, 'base64url');

/** Bytes of base64 or base64url text, or `undefined` when it has a character of neither (Buffer alone would skip it). */
function strictBytes(s: string): Buffer | undefined {
  if (/^[A-Za-z0-9+/]*={0,2}$/.test(s)) return Buffer.from(s, 'base64');
  if (/^[A-Za-z0-9_-]*={0,2}$/.test(s)) return Buffer.from(s, 'base64url');
  return undefined;
}

/** Names the `etsiU` object a decoded byte offset of entry `k` falls in. */
function etsiUObject(entryJson: string, byteOffset: number): string {
  // The entries are ASCII JSON, so byte offsets are character offsets.
  const component = Object.keys(JSON.parse(entryJson) as object)[0] ?? '?';
  for (const t of stringTokens(entryJson)) {
    if (t.key || byteOffset < t.start || byteOffset >= t.end) continue;
    const p = t.path.join('.');
    if (component === 'xVals') return `etsiU xVals certificate ${String(t.path[1])}`;
    if (p.includes('crlVals')) return 'etsiU rVals CRL';
    if (p.includes('ocspVals')) return 'etsiU rVals OCSP response';
    if (component === 'sigTst' || component === 'arcTst') return `etsiU ${component} token`;
    return `etsiU ${component} value`;
  }
  return `etsiU ${component} JSON syntax`;
}

/** Where a change at `pos` of the file text lands. */
export function regionOf(text: string, tokens: readonly StringToken[], pos: number): string {
  const t = tokens.find((x) => pos >= x.start && pos < x.end);
  if (t === undefined || t.key) return 'JSON syntax';
  const p = t.path;
  if (p.length === 1 && p[0] === 'payload') return 'payload';
  if (p[0] === 'signatures' && p[2] === 'protected') return 'protected header';
  if (p[0] === 'signatures' && p[2] === 'signature') return 'signature';
  if (p[0] === 'signatures' && p[2] === 'header' && p[3] === 'etsiU' && typeof p[4] === 'number') {
    const entry = text.slice(t.start, t.end);
    const j = pos - t.start;
    // Character j of base64url carries bits 6j…6j+5, i.e. bytes ⌊6j/8⌋ to ⌊(6j+5)/8⌋.
    return etsiUObject(b64url(entry).toString('latin1'), Math.floor((6 * j) / 8));
  }
  return 'other string';
}

/** The document with every base64 value replaced by the hex of its bytes: equal exactly when the content is. */
export function normalized(doc: unknown): string {
  const decodeVals = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(decodeVals);
    if (typeof v === 'object' && v !== null) {
      return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, k === 'val' && typeof x === 'string' ? `hex:${strictBytes(x)?.toString('hex') ?? `invalid:${x}`}` : decodeVals(x)]));
    }
    return v;
  };
  const d = structuredClone(doc) as { signatures?: { header?: { etsiU?: unknown[] } }[] };
  for (const s of d.signatures ?? []) {
    const etsiU = s.header?.etsiU;
    if (!Array.isArray(etsiU)) continue;
    s.header!.etsiU = etsiU.map((e) => {
      if (typeof e !== 'string') return decodeVals(e);
      try {
        return decodeVals(JSON.parse(strictBytes(e)!.toString('utf8')));
      } catch {
        return `undecodable:${e}`;
      }
    });
  }
  return JSON.stringify(d);
}

export interface TamperStats {
  trials: number;
  /** Per region: trials, how many still verified, and how many of those changed the content. */
  regions: Record<string, { trials: number; verified: number; contentChanged: number }>;
  /** The surviving content changes, to reproduce them. */
  survivors: { pos: number; from: string; to: string; region: string }[];
  /** Still verifying but provably the same content (white space, base64 spelling). */
  sameContent: { pos: number; from: string; to: string; region: string }[];
}

/**
 * Runs `trials` one-character changes (printable ASCII, never the same character) at uniformly
 * random positions of `text`, `concurrency` verifications at a time.
 */
export async function tamperCampaign(
  text: string,
  verify: (doc: string) => Promise<{ verified: boolean }>,
  { trials, seed, concurrency = 16 }: { trials: number; seed: number; concurrency?: number },
): Promise<TamperStats> {
  const random = prng(seed);
  const tokens = stringTokens(text);
  const original = normalized(JSON.parse(text));
  const stats: TamperStats = { trials, regions: {}, survivors: [], sameContent: [] };
  const jobs: { pos: number; to: string }[] = [];
  for (let n = 0; n < trials; n++) {
    const pos = Math.floor(random() * text.length);
    let to: string;
    do to = String.fromCharCode(0x20 + Math.floor(random() * 95));
    while (to === text[pos]);
    jobs.push({ pos, to });
  }
  for (let i = 0; i < jobs.length; i += concurrency) {
    await Promise.all(jobs.slice(i, i + concurrency).map(async ({ pos, to }) => {
      const changed = text.slice(0, pos) + to + text.slice(pos + 1);
      const region = regionOf(text, tokens, pos);
      const r = (stats.regions[region] ??= { trials: 0, verified: 0, contentChanged: 0 });
      r.trials++;
      const result = await verify(changed);
      if (!result.verified) return;
      r.verified++;
      let same = false;
      try {
        same = normalized(JSON.parse(changed)) === original;
      } catch {
        same = false;
      }
      const record = { pos, from: text[pos]!, to, region };
      if (same) stats.sameContent.push(record);
      else {
        r.contentChanged++;
        stats.survivors.push(record);
      }
    }));
  }
  return stats;
}

/** The breakdown as a Markdown table. */
export function formatStats(s: TamperStats): string {
  const rows = Object.entries(s.regions).sort((a, b) => b[1].trials - a[1].trials);
  const total = rows.reduce((acc, [, r]) => ({ trials: acc.trials + r.trials, verified: acc.verified + r.verified, contentChanged: acc.contentChanged + r.contentChanged }), { trials: 0, verified: 0, contentChanged: 0 });
  const line = (name: string, r: { trials: number; verified: number; contentChanged: number }) =>
    `| ${name} | ${r.trials} | ${r.verified} (${((100 * r.verified) / Math.max(1, r.trials)).toFixed(1)} %) | ${r.contentChanged} |`;
  return ['| Region | Trials | Still verify | …with changed content |', '|---|---:|---:|---:|', ...rows.map(([k, r]) => line(k, r)), line('**total**', total)].join('\n');
}
