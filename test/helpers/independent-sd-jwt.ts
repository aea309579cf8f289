/**
 * An independent SD-JWT VC verifier (and issuer, for the reverse direction) for the tests: the
 * oracle the library's SD-JWT VCs are checked against. It shares no code with the library: JWS and
 * JWK through `jose`, digests through node:crypto, and the compact form, the disclosures and the
 * `_sd` / `...` processing written here from RFC 9901 (§4, §5, §7.1, §7.3) and the SD-JWT VC draft
 * (typ `dc+sd-jwt`, the claims that must not be disclosed). It must not import `@sd-jwt/*` nor
 * src/sd-jwt-vc/.
 *
 * It reports failures as short reason strings (`signature`, `disclosure-unreferenced /disclosures/2`,
 * `kb-sd-hash`, …), collecting as many as it can find, and `ok` is true only when there is none.
 */
import { createHash, randomBytes } from 'node:crypto';
import { base64url, compactVerify, decodeProtectedHeader, importJWK, SignJWT, type JWK } from 'jose';

export type Path = (string | number)[];

/** What the verifier found. `claims` is the payload with the presented disclosures in place. */
export interface IndependentVerification {
  ok: boolean;
  errors: string[];
  header?: Record<string, unknown>;
  /** The issuer-signed payload, as signed. */
  payload?: Record<string, unknown>;
  /** The payload with every presented disclosure in place and `_sd`, `_sd_alg`, undisclosed `...` removed. */
  claims?: Record<string, unknown>;
  /** JSON Pointers (into `claims`) of the claims and array elements that came from disclosures. */
  disclosed: string[];
  /** Digests in `_sd` / `...` with no disclosure presented (decoys included). */
  undisclosed: number;
  keyBinding?: { header: Record<string, unknown>; payload: Record<string, unknown> };
}

export interface IndependentOptions {
  /** The issuer's public key(s). A key with a `kid` is only tried for a header with that `kid`. */
  issuerKeys: JWK | JWK[];
  audience?: string;
  nonce?: string;
  now?: Date;
  /** Seconds (default 60). */
  clockSkew?: number;
  /** Default: required exactly when the payload has `cnf`. */
  requireKeyBinding?: boolean;
  /** Maximum age of the key-binding JWT in seconds (default 300). */
  maxKeyBindingAge?: number;
  /** Header `typ` values accepted (default `dc+sd-jwt`). */
  typ?: string[];
}

/** Claims the SD-JWT VC draft says must never be in a disclosure (top level). */
export const NEVER_DISCLOSED = ['iss', 'nbf', 'exp', 'cnf', 'vct', 'vct#integrity', 'aka_vcts', 'status'];

const HASHES: Record<string, string> = { 'sha-256': 'sha256', 'sha-384': 'sha384', 'sha-512': 'sha512' };

/** base64url of the digest of the ASCII string `text` (RFC 9901 §4.2.3, §4.3.1). */
export const digestOf = (text: string, alg = 'sha-256'): string => base64url.encode(createHash(HASHES[alg]!).update(text, 'ascii').digest());

const pointer = (path: Path) => path.map((p) => '/' + String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('');
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const B64URL = /^[A-Za-z0-9_-]+$/;

/** Whether `segment` is base64url in its one canonical spelling (no padding, unused bits zero: RFC 4648 §3.5). */
export const isCanonicalBase64url = (segment: string): boolean => B64URL.test(segment) && base64url.encode(base64url.decode(segment)) === segment;

function decodeJson(segment: string): unknown {
  if (!isCanonicalBase64url(segment)) throw new Error('not base64url');
  return JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(base64url.decode(segment)));
}

interface Disclosure {
  index: number;
  encoded: string;
  digest: string;
  salt: string;
  name?: string;
  value: unknown;
  used: boolean;
}

/** Puts the disclosures into `value` (RFC 9901 §7.1 step 3), recording what came from where. */
class Embedder {
  readonly seen = new Set<string>();
  readonly disclosed: string[] = [];
  undisclosed = 0;
  constructor(
    private readonly byDigest: Map<string, Disclosure>,
    private readonly errors: string[],
  ) {}

  private take(digest: unknown, at: Path): Disclosure | undefined {
    if (typeof digest !== 'string') {
      this.errors.push(`digest-not-a-string ${pointer(at)}`);
      return undefined;
    }
    if (this.seen.has(digest)) this.errors.push(`digest-duplicate ${pointer(at)}`);
    this.seen.add(digest);
    const d = this.byDigest.get(digest);
    if (!d) this.undisclosed++;
    else if (d.used) this.errors.push(`digest-duplicate ${pointer(at)}`);
    return d;
  }

  embed(value: unknown, at: Path): unknown {
    if (Array.isArray(value)) {
      const out: unknown[] = [];
      for (const element of value) {
        if (isObject(element) && '...' in element) {
          if (Object.keys(element).length !== 1) this.errors.push(`array-digest-with-other-keys ${pointer(at)}`);
          const d = this.take(element['...'], [...at, out.length]);
          if (!d) continue;
          d.used = true;
          if (d.name !== undefined) this.errors.push(`disclosure-kind /disclosures/${d.index}`);
          this.disclosed.push(pointer([...at, out.length]));
          out.push(this.embed(d.value, [...at, out.length]));
        } else out.push(this.embed(element, [...at, out.length]));
      }
      return out;
    }
    if (!isObject(value)) return value;
    const out: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      if (key === '_sd') continue;
      out[key] = this.embed(child, [...at, key]);
    }
    if ('_sd' in value) {
      const sd = value._sd;
      if (!Array.isArray(sd)) this.errors.push(`sd-not-an-array ${pointer([...at, '_sd'])}`);
      else
        sd.forEach((digest, i) => {
          const d = this.take(digest, [...at, '_sd', i]);
          if (!d) return;
          d.used = true;
          if (d.name === undefined) return void this.errors.push(`disclosure-kind /disclosures/${d.index}`);
          if (d.name === '_sd' || d.name === '...') return void this.errors.push(`disclosure-name /disclosures/${d.index}`);
          if (Object.hasOwn(out, d.name)) return void this.errors.push(`disclosure-name-exists /disclosures/${d.index}`);
          if (at.length === 0 && NEVER_DISCLOSED.includes(d.name)) this.errors.push(`disclosure-forbidden /disclosures/${d.index}`);
          this.disclosed.push(pointer([...at, d.name]));
          out[d.name] = this.embed(d.value, [...at, d.name]);
        });
    }
    return out;
  }
}

function readDisclosures(encoded: string[], alg: string, errors: string[]): Map<string, Disclosure> {
  const byDigest = new Map<string, Disclosure>();
  encoded.forEach((text, index) => {
    let parsed: unknown;
    try {
      parsed = decodeJson(text);
    } catch {
      return void errors.push(`disclosure-malformed /disclosures/${index}`);
    }
    if (!Array.isArray(parsed) || (parsed.length !== 2 && parsed.length !== 3) || typeof parsed[0] !== 'string' || (parsed.length === 3 && typeof parsed[1] !== 'string')) {
      return void errors.push(`disclosure-malformed /disclosures/${index}`);
    }
    const digest = digestOf(text, alg);
    if (byDigest.has(digest)) return void errors.push(`disclosure-duplicate /disclosures/${index}`);
    byDigest.set(digest, { index, encoded: text, digest, salt: parsed[0] as string, name: parsed.length === 3 ? (parsed[1] as string) : undefined, value: parsed.at(-1), used: false });
  });
  return byDigest;
}

async function verifyIssuerJws(jwt: string, keys: JWK[], errors: string[]): Promise<{ header: Record<string, unknown>; payload: Record<string, unknown> } | undefined> {
  let header: Record<string, unknown>;
  let payload: unknown;
  try {
    const [h, p] = jwt.split('.');
    if (jwt.split('.').length !== 3) throw new Error('parts');
    header = decodeJson(h!) as Record<string, unknown>;
    payload = decodeJson(p!);
    if (!isObject(header) || !isObject(payload)) throw new Error('not objects');
  } catch {
    errors.push('jwt-malformed');
    return undefined;
  }
  if (!isCanonicalBase64url(jwt.split('.')[2]!)) errors.push('signature-encoding');
  const alg = header.alg;
  if (typeof alg !== 'string' || alg === 'none' || alg.startsWith('HS')) {
    errors.push('alg');
    return { header, payload };
  }
  const candidates = keys.filter((k) => k.kid === undefined || k.kid === header.kid);
  let verified = false;
  for (const jwk of candidates) {
    try {
      await compactVerify(jwt, await importJWK(jwk, alg));
      verified = true;
      break;
    } catch {
      /* the next key */
    }
  }
  if (!verified) errors.push(candidates.length === 0 ? 'issuer-key-unknown' : 'signature');
  return { header, payload };
}

function checkTimes(payload: Record<string, unknown>, now: number, skew: number, errors: string[]): void {
  for (const name of ['iat', 'nbf', 'exp'] as const) {
    const t = payload[name];
    if (t === undefined) continue;
    if (typeof t !== 'number' || !Number.isFinite(t)) errors.push(`time-malformed /payload/${name}`);
    else if (name === 'exp' ? t < now - skew : t > now + skew) errors.push(name === 'exp' ? 'expired' : name === 'nbf' ? 'not-yet-valid' : 'issued-in-future');
  }
}

async function checkKeyBinding(kb: string, presented: string, payload: Record<string, unknown>, alg: string, options: IndependentOptions, now: number, errors: string[]) {
  const cnf = payload.cnf;
  if (!isObject(cnf) || !isObject(cnf.jwk)) return void errors.push('kb-unexpected');
  let header: Record<string, unknown>;
  let kbPayload: Record<string, unknown>;
  try {
    header = decodeProtectedHeader(kb) as Record<string, unknown>;
    kbPayload = decodeJson(kb.split('.')[1] ?? '') as Record<string, unknown>;
    if (!isObject(kbPayload)) throw new Error('payload');
  } catch {
    return void errors.push('kb-malformed');
  }
  if (header.typ !== 'kb+jwt') errors.push('kb-typ');
  if (!isCanonicalBase64url(kb.split('.')[2] ?? '')) errors.push('kb-signature-encoding');
  try {
    if (typeof header.alg !== 'string' || header.alg === 'none') throw new Error('alg');
    await compactVerify(kb, await importJWK(cnf.jwk as JWK, header.alg));
  } catch {
    errors.push('kb-signature');
  }
  if (kbPayload.sd_hash !== digestOf(presented, alg)) errors.push('kb-sd-hash');
  if (options.audience !== undefined && kbPayload.aud !== options.audience) errors.push('kb-aud');
  if (options.nonce !== undefined && kbPayload.nonce !== options.nonce) errors.push('kb-nonce');
  const iat = kbPayload.iat;
  const skew = options.clockSkew ?? 60;
  if (typeof iat !== 'number' || iat > now + skew || iat < now - (options.maxKeyBindingAge ?? 300) - skew) errors.push('kb-iat');
  return { header, payload: kbPayload };
}

/** Verifies an SD-JWT (VC) in compact form, with or without a key-binding JWT. Never throws. */
export async function verifyIndependently(presentation: string, options: IndependentOptions): Promise<IndependentVerification> {
  const errors: string[] = [];
  const result: IndependentVerification = { ok: false, errors, disclosed: [], undisclosed: 0 };
  if (typeof presentation !== 'string' || !presentation.includes('~')) return { ...result, errors: ['compact-malformed'] };
  const parts = presentation.split('~');
  const kb = parts.pop()!;
  const [jwt, ...disclosures] = parts;
  const presented = presentation.slice(0, presentation.length - kb.length);
  if (disclosures.some((d) => d === '')) errors.push('compact-malformed');
  const issuerKeys = Array.isArray(options.issuerKeys) ? options.issuerKeys : [options.issuerKeys];
  const signed = await verifyIssuerJws(jwt!, issuerKeys, errors);
  if (!signed) return result;
  const { header, payload } = signed;
  Object.assign(result, { header, payload });
  if (!(options.typ ?? ['dc+sd-jwt']).includes(header.typ as string)) errors.push('typ');
  const alg = payload._sd_alg ?? 'sha-256';
  if (typeof alg !== 'string' || !HASHES[alg]) {
    errors.push('sd-alg');
    return result;
  }
  const byDigest = readDisclosures(disclosures, alg, errors);
  const embedder = new Embedder(byDigest, errors);
  const { _sd_alg: _alg, ...rest } = payload;
  result.claims = embedder.embed(rest, []) as Record<string, unknown>;
  result.disclosed = embedder.disclosed;
  result.undisclosed = embedder.undisclosed;
  for (const d of byDigest.values()) if (!d.used) errors.push(`disclosure-unreferenced /disclosures/${d.index}`);
  if (typeof payload.vct !== 'string') errors.push('vct');
  const now = Math.floor((options.now ?? new Date()).getTime() / 1000);
  checkTimes(payload, now, options.clockSkew ?? 60, errors);
  const requireKb = options.requireKeyBinding ?? payload.cnf !== undefined;
  if (kb !== '') result.keyBinding = await checkKeyBinding(kb, presented, payload, alg, options, now, errors);
  else if (requireKb) errors.push('kb-missing');
  result.ok = errors.length === 0;
  return result;
}

// ---- The other direction: SD-JWT VCs made here, for the library's verifier. ----

/** A disclosure as a base64url string: `[salt, name, value]`, or `[salt, value]` for an array element. */
export function encodeDisclosure(salt: string, nameOrValue: string | unknown, ...value: unknown[]): string {
  const array = value.length > 0 ? [salt, nameOrValue, value[0]] : [salt, nameOrValue];
  return base64url.encode(new TextEncoder().encode(JSON.stringify(array)));
}

const salt = () => base64url.encode(randomBytes(16));
const same = (a: Path, b: Path) => a.length === b.length && a.every((p, i) => p === b[i]);

export interface IndependentIssued {
  sdJwt: string;
  jwt: string;
  /** Every disclosure, with the path of its claim or element in the full claims. */
  disclosures: { path: Path; encoded: string; digest: string }[];
}

/** Makes every path in `disclosable` selectively disclosable (nested paths inside disclosed values too). */
function conceal(value: unknown, at: Path, disclosable: Path[], out: IndependentIssued['disclosures'], decoys: number, hashAlg = 'sha-256'): unknown {
  const disclose = (path: Path, v: unknown, name?: string) => {
    const encoded = name === undefined ? encodeDisclosure(salt(), v) : encodeDisclosure(salt(), name, v);
    const digest = digestOf(encoded, hashAlg);
    out.push({ path, encoded, digest });
    return digest;
  };
  if (Array.isArray(value)) {
    return value.map((element, i) => {
      const inner = conceal(element, [...at, i], disclosable, out, 0, hashAlg);
      return disclosable.some((d) => same(d, [...at, i])) ? { '...': disclose([...at, i], inner) } : inner;
    });
  }
  if (!isObject(value)) return value;
  const result: Record<string, unknown> = {};
  const sd: string[] = [];
  for (const [key, child] of Object.entries(value)) {
    const inner = conceal(child, [...at, key], disclosable, out, 0, hashAlg);
    if (disclosable.some((d) => same(d, [...at, key]))) sd.push(disclose([...at, key], inner, key));
    else result[key] = inner;
  }
  for (let i = 0; i < decoys; i++) sd.push(digestOf(salt(), hashAlg));
  if (sd.length > 0) result._sd = sd.sort();
  return result;
}

/** Issues an SD-JWT VC with jose: `claims` signed with `issuerKey` (private JWK with `alg`), `disclosable` hidden. */
export async function issueIndependently(
  claims: Record<string, unknown>,
  options: { issuerKey: JWK; alg: 'ES256' | 'EdDSA'; disclosable: Path[]; holderKey?: JWK; header?: Record<string, unknown>; decoys?: number; hashAlg?: 'sha-256' | 'sha-384' | 'sha-512' },
): Promise<IndependentIssued> {
  const disclosures: IndependentIssued['disclosures'] = [];
  const hashAlg = options.hashAlg ?? 'sha-256';
  const payload = conceal(claims, [], options.disclosable, disclosures, options.decoys ?? 0, hashAlg) as Record<string, unknown>;
  if (disclosures.length > 0) payload._sd_alg = hashAlg;
  if (options.holderKey) payload.cnf = { jwk: options.holderKey };
  const key = await importJWK(options.issuerKey, options.alg);
  const jwt = await new SignJWT(payload).setProtectedHeader({ typ: 'dc+sd-jwt', ...options.header, alg: options.alg }).sign(key);
  return { sdJwt: `${jwt}~${disclosures.map((d) => `${d.encoded}~`).join('')}`, jwt, disclosures };
}

/** A key-binding JWT over `presented` (the SD-JWT up to and including its last `~`). */
export async function keyBindingJwt(
  presented: string,
  options: { holderKey: JWK; alg: 'ES256' | 'EdDSA'; aud: string; nonce: string; iat: number; sdHash?: string; typ?: string; hashAlg?: string },
): Promise<string> {
  const key = await importJWK(options.holderKey, options.alg);
  return new SignJWT({ iat: options.iat, aud: options.aud, nonce: options.nonce, sd_hash: options.sdHash ?? digestOf(presented, options.hashAlg) })
    .setProtectedHeader({ alg: options.alg, typ: options.typ ?? 'kb+jwt' })
    .sign(key);
}

/** The SD-JWT with only the disclosures `keep` selects, and (with `kb`) a key-binding JWT. */
export async function presentIndependently(
  issued: IndependentIssued,
  keep: (d: IndependentIssued['disclosures'][number]) => boolean,
  kb?: Parameters<typeof keyBindingJwt>[1],
): Promise<string> {
  const presented = `${issued.jwt}~${issued.disclosures.filter(keep).map((d) => `${d.encoded}~`).join('')}`;
  return kb ? presented + (await keyBindingJwt(presented, kb)) : presented;
}
