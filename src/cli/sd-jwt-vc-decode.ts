/**
 * Reading an SD-JWT's claims without checking its signature, for `eumc validate` and
 * `eumc convert --to model`: the issuer-signed JWT's payload with every disclosure the SD-JWT
 * carries put in its place (RFC 9901 §7.1 steps 3-5: digests matched over `_sd` arrays and `...`
 * array elements, recursively; `_sd` and `_sd_alg` removed). A disclosure that matches no digest,
 * or one that cannot be read, is reported with its index. Who signed it is `eumc verify`'s question.
 */
import { createHash } from 'node:crypto';
import { type Finding, finding } from './finding.js';

/** The decoded parts of a compact SD-JWT. */
export interface DecodedSdJwt {
  ok: true;
  header: Record<string, unknown>;
  payload: Record<string, unknown>;
  /** The payload with the disclosures in place. */
  claims: Record<string, unknown>;
  /** JSON Pointers (into `claims`) of the claims that came from a disclosure. */
  disclosed: string[];
  /** Digests that no disclosure matched (undisclosed claims and decoys). */
  undisclosed: number;
  /** The trailing key-binding JWT is present. */
  keyBinding: boolean;
  issues: Finding[];
}

const HASHES: Record<string, string> = { 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512' };
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const pointer = (parts: readonly (string | number)[]) => parts.map((p) => `/${String(p).replace(/~/g, '~0').replace(/\//g, '~1')}`).join('');
const json = (segment: string): unknown => JSON.parse(Buffer.from(segment, 'base64url').toString('utf8'));

/** Decodes a compact SD-JWT; never throws. */
export function decodeSdJwt(text: string): DecodedSdJwt | { ok: false; issues: Finding[] } {
  const malformed = (path: string, why: string) => ({ ok: false as const, issues: [finding('SDJWT_INPUT_MALFORMED', 'error', path, `The input is not an SD-JWT in compact form: ${why}.`)] });
  const parts = text.trim().split('~');
  const jwt = parts[0]!.split('.');
  if (parts.length < 2 || jwt.length !== 3) return malformed('', 'it is not an issuer-signed JWT followed by `~`-separated disclosures');
  let header: unknown;
  let payload: unknown;
  try {
    header = json(jwt[0]!);
    payload = json(jwt[1]!);
  } catch {
    return malformed('/payload', 'the header or payload is not base64url JSON');
  }
  if (!isObject(header) || !isObject(payload)) return malformed('/payload', 'the header or payload is not a JSON object');
  const last = parts[parts.length - 1]!;
  const disclosures = parts.slice(1, last === '' || last.includes('.') ? -1 : undefined);
  const issues: Finding[] = [];
  const alg = payload._sd_alg ?? 'sha-256';
  const hash = typeof alg === 'string' ? HASHES[alg] : undefined;
  if (hash === undefined) return { ok: false, issues: [finding('SDJWT_HASH_ALG_UNSUPPORTED', 'error', '/payload/_sd_alg', `\`_sd_alg\` ${JSON.stringify(alg)} is not sha-256, sha-384 or sha-512.`)] };
  const byDigest = new Map<string, { index: number; value: unknown[] }>();
  disclosures.forEach((d, index) => {
    let value: unknown;
    try {
      value = json(d);
    } catch {
      value = undefined;
    }
    if (!Array.isArray(value) || !(value.length === 2 || (value.length === 3 && typeof value[1] === 'string')) || typeof value[0] !== 'string') {
      issues.push(finding('SDJWT_DISCLOSURE_MALFORMED', 'error', `/disclosures/${index}`, `Disclosure ${index} is not base64url JSON of [salt, value] or [salt, name, value].`));
      return;
    }
    byDigest.set(createHash(hash).update(d).digest('base64url'), { index, value });
  });
  const used = new Set<number>();
  const disclosed: string[] = [];
  let undisclosed = 0;
  const take = (digest: unknown) => {
    const found = typeof digest === 'string' ? byDigest.get(digest) : undefined;
    if (found === undefined || used.has(found.index)) {
      undisclosed++;
      return undefined;
    }
    used.add(found.index);
    return found.value;
  };
  const resolve = (node: unknown, at: (string | number)[]): unknown => {
    if (Array.isArray(node)) {
      const out: unknown[] = [];
      for (const item of node) {
        if (isObject(item) && Object.keys(item).length === 1 && Object.hasOwn(item, '...')) {
          const d = take(item['...']);
          if (d?.length === 2) {
            disclosed.push(pointer([...at, out.length]));
            out.push(resolve(d[1], [...at, out.length]));
          }
        } else out.push(resolve(item, [...at, out.length]));
      }
      return out;
    }
    if (!isObject(node)) return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) if (k !== '_sd' && !(k === '_sd_alg' && at.length === 0)) out[k] = resolve(v, [...at, k]);
    for (const digest of Array.isArray(node._sd) ? node._sd : []) {
      const d = take(digest);
      if (d?.length !== 3 || Object.hasOwn(out, d[1] as string)) continue;
      disclosed.push(pointer([...at, d[1] as string]));
      out[d[1] as string] = resolve(d[2], [...at, d[1] as string]);
    }
    return out;
  };
  const claims = resolve(payload, []) as Record<string, unknown>;
  for (const { index } of byDigest.values()) {
    if (!used.has(index)) issues.push(finding('SDJWT_DISCLOSURE_UNREFERENCED', 'error', `/disclosures/${index}`, `Disclosure ${index} matches no digest of the payload or of another disclosure: it was added or changed after issuance.`));
  }
  return { ok: true, header, payload, claims, disclosed, undisclosed, keyBinding: last.includes('.'), issues };
}
