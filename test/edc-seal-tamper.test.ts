/**
 * Changes to the EU's sealed sample must not verify, unless they provably leave the seal's content
 * unchanged (see test/helpers/tamper.ts for how that is judged):
 *
 * - random one-character changes anywhere in the file (3 000, seeded);
 * - every position of the JSON structure outside the long strings, with every printable character;
 * - every position of the JSON structure of the archive time-stamp element (the one `etsiU` element
 *   no time-stamp covers), with every base64url character.
 *
 * `EDC_TAMPER_TRIALS=20000 EDC_TAMPER_SEED=7 EDC_TAMPER_REPORT=1 npx vitest run test/edc-seal-tamper.test.ts`
 * runs a longer campaign and prints the breakdown by region; `EDC_TAMPER_DER=1` adds a sweep that
 * changes every byte of every DER object in `etsiU` (a few minutes).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyEdcSeal } from '../src/seal/edc-seal.js';
import { formatStats, normalized, stringTokens, tamperCampaign } from './helpers/tamper.js';

const SAMPLE_TEXT = readFileSync(new URL('./vectors/eu-elm/Sample-MC-Annex1-signed.jsonld', import.meta.url), 'utf8');
const TRIALS = Number(process.env.EDC_TAMPER_TRIALS ?? 3000);
const SEED = Number(process.env.EDC_TAMPER_SEED ?? 20230927);
const REPORT = process.env.EDC_TAMPER_REPORT !== undefined;
const ORIGINAL = normalized(JSON.parse(SAMPLE_TEXT));
const PRINTABLE = Array.from({ length: 95 }, (_, i) => String.fromCharCode(0x20 + i));
const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
/** What these changes attack is integrity; without anchors that answer must be asked for (0.2.0). */
const INTEGRITY_ONLY = { integrityOnly: true } as const;

/** Verifies each changed text, 16 at a time; returns those that verify with changed content. */
async function survivors(changes: { pos: number; to: string }[]): Promise<{ pos: number; to: string }[]> {
  const out: { pos: number; to: string }[] = [];
  for (let i = 0; i < changes.length; i += 16) {
    await Promise.all(changes.slice(i, i + 16).map(async (c) => {
      const text = SAMPLE_TEXT.slice(0, c.pos) + c.to + SAMPLE_TEXT.slice(c.pos + 1);
      if (!(await verifyEdcSeal(text, INTEGRITY_ONLY)).verified) return;
      let same = false;
      try {
        same = normalized(JSON.parse(text)) === ORIGINAL;
      } catch {
        same = false;
      }
      if (!same) out.push(c);
    }));
  }
  return out;
}

describe('changes to the EU sealed sample', () => {
  it(`${TRIALS} random one-character changes (seed ${SEED}): none that changes the content verifies`, async () => {
    expect((await verifyEdcSeal(SAMPLE_TEXT, INTEGRITY_ONLY)).verified).toBe(true);
    const stats = await tamperCampaign(SAMPLE_TEXT, (doc) => verifyEdcSeal(doc, INTEGRITY_ONLY), { trials: TRIALS, seed: SEED });
    if (REPORT) {
      console.log(formatStats(stats));
      console.log('same content, still verifying:', JSON.stringify(stats.sameContent));
      console.log('surviving content changes:', JSON.stringify(stats.survivors.slice(0, 50)));
    }
    expect(stats.survivors, formatStats(stats)).toEqual([]);
  }, Math.max(120_000, TRIALS * 25));

  it('every character of the JSON structure (outside the string values), replaced by JSON punctuation, white space and other letters', async () => {
    // Keys and punctuation: a renamed `header` or `etsiU` must not silently drop the validation data.
    const inString = new Uint8Array(SAMPLE_TEXT.length);
    for (const t of stringTokens(SAMPLE_TEXT)) if (!t.key) inString.fill(1, t.start, t.end);
    const changes: { pos: number; to: string }[] = [];
    for (let pos = 0; pos < SAMPLE_TEXT.length; pos++) {
      if (inString[pos]) continue;
      // What can keep the JSON well-formed: punctuation, white space, a digit, and another letter (a renamed key).
      const c = SAMPLE_TEXT.charCodeAt(pos);
      const tos = new Set([...'"\\ ,:{}[]0aZ_', String.fromCharCode(c ^ 1), String.fromCharCode(c ^ 0x20), String.fromCharCode(c + 1)]);
      for (const to of tos) if (to !== SAMPLE_TEXT[pos] && PRINTABLE.includes(to)) changes.push({ pos, to });
    }
    expect(changes.length).toBeGreaterThan(1000);
    expect(await survivors(changes)).toEqual([]);
  }, 120_000);

  it('every character of the archive time-stamp element that encodes its JSON structure, replaced by base64url characters', async () => {
    // etsiU[3] is the base64url of {"arcTst":{"tstTokens":[{"val":"…"}]}}: the characters that carry
    // bytes outside the token's base64 (the names and punctuation) are the first 44 and the last 7.
    const tokens = stringTokens(SAMPLE_TEXT).filter((t) => !t.key && t.path.join('.') === 'signatures.0.header.etsiU.3');
    expect(tokens).toHaveLength(1);
    const { start, end } = tokens[0]!;
    const json = Buffer.from(SAMPLE_TEXT.slice(start, end), 'base64url').toString('latin1');
    const valStart = json.indexOf('"val":"') + 7;
    const valEnd = json.lastIndexOf('"');
    const changes: { pos: number; to: string }[] = [];
    for (let j = 0; start + j < end; j++) {
      const bytesFrom = Math.floor((6 * j) / 8);
      const bytesTo = Math.floor((6 * j + 5) / 8);
      if (bytesFrom >= valStart && bytesTo < valEnd) continue; // inside the token's base64: the random campaign's ground
      // Each character carries 6 bits: change each bit alone, and the top four together (another key letter or punctuation).
      const v = B64URL.indexOf(SAMPLE_TEXT[start + j]!);
      for (const x of [1, 2, 4, 8, 16, 32, 60, 63]) changes.push({ pos: start + j, to: B64URL[v ^ x]! });
    }
    expect(changes.length).toBeGreaterThanOrEqual(50 * 8);
    expect(await survivors(changes)).toEqual([]);
  }, 120_000);

  it.skipIf(!process.env.EDC_TAMPER_DER)('every byte of every DER object in etsiU, XOR 0x01 and 0xFF (EDC_TAMPER_DER=1)', async () => {
    const doc = JSON.parse(SAMPLE_TEXT) as { payload: string; signatures: { protected: string; header: { etsiU: string[] }; signature: string }[] };
    const sig = doc.signatures[0]!;
    const dropArc = process.env.EDC_TAMPER_DER === 'lt';
    const entries = sig.header.etsiU.map((e) => JSON.parse(Buffer.from(e, 'base64url').toString('utf8')) as Record<string, unknown>).filter((e) => !(dropArc && 'arcTst' in e));
    const build = (es: unknown[]) => ({ ...doc, signatures: [{ ...sig, header: { etsiU: es.map((e) => Buffer.from(JSON.stringify(e)).toString('base64url')) } }] });
    const vals: { entry: number; path: (string | number)[] }[] = [];
    const walk = (v: unknown, entry: number, path: (string | number)[]) => {
      if (Array.isArray(v)) v.forEach((x, i) => walk(x, entry, [...path, i]));
      else if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) k === 'val' ? vals.push({ entry, path }) : walk(x, entry, [...path, k]);
    };
    entries.forEach((e, i) => walk(e, i, []));
    const lines: string[] = [];
    for (const { entry, path } of vals) {
      const holder = (es: Record<string, unknown>[]) => path.reduce<Record<string | number, unknown>>((o, p) => o[p] as Record<string | number, unknown>, es[entry]!);
      const der = Buffer.from(holder(entries).val as string, 'base64');
      const kept: string[] = [];
      for (let i = 0; i < der.length; i += 16) {
        await Promise.all(Array.from({ length: Math.min(16, der.length - i) }, (_, k) => i + k).flatMap((b) => [0x01, 0xff].map(async (x) => {
          const es = structuredClone(entries);
          const changed = Buffer.from(der);
          changed[b] = changed[b]! ^ x;
          holder(es).val = changed.toString('base64');
          if ((await verifyEdcSeal(build(es), INTEGRITY_ONLY)).verified) kept.push(`${b}^${x.toString(16)}`);
        })));
      }
      lines.push(`${Object.keys(entries[entry]!)[0]} ${path.slice(1).join('.')}: ${der.length} bytes, ${2 * der.length} changes, ${kept.length} verify ${kept.slice(0, 8).join(' ')}`);
    }
    console.log(lines.join('\n'));
    if (!dropArc) expect(lines.filter((l) => !/ 0 verify/.test(l))).toEqual([]);
  }, 900_000);
});
