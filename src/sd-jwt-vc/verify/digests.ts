/**
 * Disclosures put in place (RFC 9901 §7.1 step 3–5): each digest of a disclosure must be referenced
 * exactly once, from an `_sd` array (an object property) or a `{"...": digest}` array element, in
 * the payload or in another disclosure; a digest met twice, a disclosure referenced from the wrong
 * kind of place, a claim name that already exists at its place, and a disclosure of a claim that
 * must never be disclosed are refused. The result is a new object: `_sd`, `_sd_alg` and the
 * elements of undisclosed array entries removed, the input never changed.
 *
 * @sd-jwt/decode's `unpack` does not do this: it keeps the last of two disclosures with the same
 * digest, ignores unreferenced ones, lets a disclosure overwrite a plain claim of the same name and
 * puts a 2-element disclosure in `_sd` under an undefined name (test/sd-jwt-vc-tamper.test.ts shows
 * each), so the walk is written here; the digests are keys.ts's WebCrypto hasher.
 * @module
 */
import { bytesToBase64Url } from '../../json/encoding.js';
import { pointerOf } from '../../json/pointer.js';
import { type SdJwtVcIssue, type SdJwtVcIssueCode, sdJwtVcIssue } from '../codes.js';
import { isSupportedHashAlg, sdJwtVcHasher, type SdHashAlg } from '../keys.js';
import type { DecodedDisclosure, Json } from './decode.js';

/** A hash `_sd_alg` may name (sha-256, sha-384, sha-512). */
export type HashName = SdHashAlg;

/** The hash `_sd_alg` names (default sha-256, RFC 9901 §4.1.1), or `undefined` when it is not supported. */
export function hashOf(sdAlg: unknown): HashName | undefined {
  if (sdAlg === undefined) return 'sha-256';
  return isSupportedHashAlg(sdAlg) ? sdAlg : undefined;
}

/**
 * base64url(hash(ASCII(text))): the digest of a disclosure (§4.2.3) or the `sd_hash` (§4.3.1),
 * with the library's WebCrypto hasher.
 *
 * @example
 * await digestOf('WyI2cU1RdlJMNWhhaiIsICJmYW1pbHlfbmFtZSIsICJNw7ZiaXVzIl0', 'sha-256'); // 'uutlBuYeMDyjLLTpf6Jxi7yNkEF35jdyWMn9U7b_RYY'
 */
export async function digestOf(text: string, hash: HashName): Promise<string> {
  return bytesToBase64Url(await sdJwtVcHasher(text, hash));
}

/** The claims with the disclosures in place, and what was found on the way. */
export interface Resolution {
  readonly claims: Json;
  /** JSON Pointers into `claims` of what came from a disclosure. */
  readonly disclosed: string[];
  /** The same places as key paths. */
  readonly disclosedPaths: (string | number)[][];
  /** Digests with no disclosure presented (decoys included). */
  readonly undisclosed: number;
  readonly issues: SdJwtVcIssue[];
}

/** Nesting of disclosures inside disclosures beyond which nothing is read. */
const MAX_WALK_DEPTH = 256;

type Keys = (string | number)[];

const isObject = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Sets an own member even when the name is `__proto__`. */
function put(target: Json, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

class Walk {
  readonly seen = new Set<string>();
  readonly used = new Set<DecodedDisclosure>();
  readonly disclosed: (string | number)[][] = [];
  readonly issues: SdJwtVcIssue[] = [];
  undisclosed = 0;
  limited = false;

  constructor(
    private readonly byDigest: ReadonlyMap<string, DecodedDisclosure>,
    private readonly neverDisclosable: ReadonlySet<string>,
    private readonly rule: string,
  ) {}

  add(code: SdJwtVcIssueCode, path: string, message: string): void {
    this.issues.push(sdJwtVcIssue(code, 'error', path, null, message, 'sd-jwt'));
  }

  /** The disclosure a digest names, once; reports a digest met again (§7.1 step 4). */
  refer(digest: string, at: string): DecodedDisclosure | undefined {
    if (this.seen.has(digest)) {
      this.add('SDJWT_DIGEST_DUPLICATE', at, `The digest ${digest} appears a second time here (RFC 9901 §7.1: a digest is referenced at most once).`);
      return undefined;
    }
    this.seen.add(digest);
    const d = this.byDigest.get(digest);
    if (d === undefined) this.undisclosed++;
    else this.used.add(d);
    return d;
  }

  /** `source`: where the value is in the parts (for issues); `keys`: where it lands in the claims; `guard`: the never-disclosable claim it is under. */
  value(v: unknown, source: string, keys: Keys, guard: string | undefined, depth: number): unknown {
    if (depth > MAX_WALK_DEPTH) {
      if (!this.limited) this.add('SDJWT_INPUT_LIMIT', source, `Disclosures nest deeper than ${MAX_WALK_DEPTH} levels; the rest was not read.`);
      this.limited = true;
      return null;
    }
    if (Array.isArray(v)) return this.array(v, source, keys, guard, depth);
    if (isObject(v)) return this.object(v, source, keys, guard, depth);
    return v;
  }

  private policy(d: DecodedDisclosure, keys: Keys, guard: string | undefined): void {
    const name = guard ?? String(keys[0]);
    this.add('SDJWT_DISCLOSURE_POLICY', `/disclosures/${d.index}`, `Disclosure ${d.index} discloses ${pointerOf(keys)}, part of \`${name}\`, which must never be selectively disclosed (${this.rule}).`);
  }

  private array(v: readonly unknown[], source: string, keys: Keys, guard: string | undefined, depth: number): unknown[] {
    const out: unknown[] = [];
    v.forEach((item, k) => {
      const at = `${source}/${k}`;
      if (!isObject(item) || !Object.prototype.hasOwnProperty.call(item, '...')) {
        out.push(this.value(item, at, [...keys, out.length], guard, depth + 1));
        return;
      }
      const digest = item['...'];
      if (typeof digest !== 'string' || Object.keys(item).length !== 1) {
        this.add(source.startsWith('/disclosures') ? 'SDJWT_DISCLOSURE_MALFORMED' : 'SDJWT_INPUT_MALFORMED', at, 'An array element `{"...": …}` must have exactly the one member `...`, a digest string (RFC 9901 §4.2.4.2).');
        return;
      }
      const d = this.refer(digest, `${at}/...`);
      if (d === undefined) return;
      if (d.name !== undefined) {
        this.add('SDJWT_DISCLOSURE_MALFORMED', `/disclosures/${d.index}`, `Disclosure ${d.index} has a claim name (3 members) but is referenced from an array element at ${at}, where a 2-member disclosure belongs.`);
        return;
      }
      const where = [...keys, out.length];
      if (guard !== undefined) this.policy(d, where, guard);
      out.push(this.value(d.value, `/disclosures/${d.index}/1`, where, guard, depth + 1));
      this.disclosed.push(where);
    });
    return out;
  }

  private object(v: Json, source: string, keys: Keys, guard: string | undefined, depth: number): Json {
    const out: Json = {};
    const top = keys.length === 0;
    for (const key of Object.keys(v)) {
      if (key === '_sd' || (top && key === '_sd_alg')) continue;
      put(out, key, this.value(v[key], `${source}${pointerOf([key])}`, [...keys, key], guard ?? (top && this.neverDisclosable.has(key) ? key : undefined), depth + 1));
    }
    if (!Object.prototype.hasOwnProperty.call(v, '_sd')) return out;
    const sd = v._sd;
    if (!Array.isArray(sd)) {
      this.add(source.startsWith('/disclosures') ? 'SDJWT_DISCLOSURE_MALFORMED' : 'SDJWT_INPUT_MALFORMED', `${source}/_sd`, '`_sd` is not an array of digests (RFC 9901 §4.2.4.1).');
      return out;
    }
    sd.forEach((digest, k) => {
      const at = `${source}/_sd/${k}`;
      if (typeof digest !== 'string') return this.add('SDJWT_INPUT_MALFORMED', at, 'A member of `_sd` is not a digest string (RFC 9901 §4.2.4.1).');
      const d = this.refer(digest, at);
      if (d === undefined) return;
      if (d.name === undefined) return this.add('SDJWT_DISCLOSURE_MALFORMED', `/disclosures/${d.index}`, `Disclosure ${d.index} is an array element (2 members) but is referenced from \`_sd\` at ${at}, where a claim (3 members) belongs.`);
      const where = [...keys, d.name];
      if (Object.prototype.hasOwnProperty.call(out, d.name)) return this.add('SDJWT_DISCLOSURE_MALFORMED', `/disclosures/${d.index}`, `Disclosure ${d.index} names the claim ${pointerOf(where)}, which already exists at its place (RFC 9901 §7.1 step 3.c.ii.3).`);
      const g = guard ?? (top && this.neverDisclosable.has(d.name) ? d.name : undefined);
      if (g !== undefined) this.policy(d, where, g);
      put(out, d.name, this.value(d.value, `/disclosures/${d.index}/2`, where, g, depth + 1));
      this.disclosed.push(where);
    });
    return out;
  }
}

/**
 * Puts the disclosures in place in `payload`. `neverDisclosable`: claim names (top level) that no
 * disclosure may carry, nor any of their sub-claims; `rule`: where that list comes from (for messages).
 *
 * @example
 * const { claims, disclosed, undisclosed, issues } = await resolveDisclosures(jwt.payload, decoded.disclosures, 'sha-256', NEVER_DISCLOSABLE);
 */
export async function resolveDisclosures(
  payload: Json,
  disclosures: readonly DecodedDisclosure[],
  hash: HashName,
  neverDisclosable: ReadonlySet<string>,
  rule = 'SD-JWT VC draft, registered JWT claims',
): Promise<Resolution> {
  const digests = await Promise.all(disclosures.map((d) => digestOf(d.encoded, hash)));
  const byDigest = new Map<string, DecodedDisclosure>();
  const early: SdJwtVcIssue[] = [];
  disclosures.forEach((d, i) => {
    const first = byDigest.get(digests[i]!);
    if (first === undefined) byDigest.set(digests[i]!, d);
    else early.push(sdJwtVcIssue('SDJWT_DIGEST_DUPLICATE', 'error', `/disclosures/${d.index}`, null, `Disclosure ${d.index} has the same digest as disclosure ${first.index}: it is presented twice (RFC 9901 §7.1).`, 'sd-jwt'));
  });
  const walk = new Walk(byDigest, neverDisclosable, rule);
  const claims = walk.value(payload, '/payload', [], undefined, 0) as Json;
  for (const d of byDigest.values()) {
    if (!walk.used.has(d)) walk.add('SDJWT_DISCLOSURE_UNREFERENCED', `/disclosures/${d.index}`, `Disclosure ${d.index}${d.name !== undefined ? ` (claim \`${d.name}\`)` : ''} is referenced by no \`_sd\` digest nor \`...\` element of the payload or of another disclosure: it was added or changed after issuance.`);
  }
  return { claims, disclosed: walk.disclosed.map(pointerOf), disclosedPaths: walk.disclosed, undisclosed: walk.undisclosed, issues: [...early, ...walk.issues] };
}
