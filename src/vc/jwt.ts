/**
 * VC-JWT: a credential secured as a compact JWS instead of an embedded proof (Open Badges 3.0,
 * "JSON Web Token Proof Format"; VC Data Model 1.1 §6.3.1; VC-JOSE-COSE's `vc+jwt`). The payload is
 * read by `unwrapBadge` (src/ob3/import/unwrap.ts: the credential, and each JWT claim held to the
 * property it stands for); the header is held to the allow-list of src/jose/jws.ts; the signature
 * is checked with the key the header names, and that key is tied to the issuer as an embedded
 * proof's is (its controller is the issuer, it is under the controller's `assertionMethod`, it is
 * not revoked). No key is fetched: `did:key` resolves offline, every other key comes from the
 * caller's `controllers`. What follows (validity, status, trust, content) is verifyCredential's.
 * @module
 */
import { hasDuplicateNames } from '../json/duplicates.js';
import { base58btcToBytes, base64UrlToBytes, bytesToBase64Url, utf8Decode } from '../json/encoding.js';
import { INPUT_LIMITS } from '../json/snapshot.js';
import type { JsonObject } from '../json/types.js';
import { ACCEPTED_ALGS, importJwk, isAcceptedAlg, publicJwk, verifyJws, type JwsAlg } from '../jose/jws.js';
import { unwrapBadge } from '../ob3/import/unwrap.js';
import { type VcIssue, vcIssue } from './codes.js';
import { didKeyDocument } from './keys.js';
import { idMemberPointer } from './places.js';
import { issuerIdOf } from './preflight.js';
import { methodBase } from './resolver.js';

const COMPACT = /^([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]+)\.([A-Za-z0-9_-]*)$/;
/** `typ` values of a VC-JWT (RFC 7515 §4.1.9: compared without `application/`, in any case). */
const TYPES: ReadonlySet<string> = new Set(['jwt', 'vc+jwt', 'vc+ld+jwt']);

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const own = (o: Obj, key: string): unknown => (Object.hasOwn(o, key) ? o[key] : undefined);
const short = (v: unknown): string => (JSON.stringify(v) ?? String(v)).slice(0, 80);

/** A VC-JWT as read: the credential and where it is in the payload, or why it could not be read. */
export interface JwtCredential {
  /** The credential (absent when the JWT could not be read). */
  doc?: JsonObject;
  /** The JSON Pointer of the credential in the JWT's payload: `''`, or `'/vc'` (VC 1.1 form). */
  prefix: string;
  /** The JWT's claims set. */
  claims?: Obj;
  header?: Obj;
  /** The JWS signing input (`header.payload`, as given) and the signature's base64url text. */
  signed?: { input: string; signature: string };
  /** What is wrong with the form (paths into the payload; the header at `''`). */
  format: VcIssue[];
}

/** base64url → UTF-8 → a JSON object with no member twice, or why not. */
function segmentObject(text: string): Obj | string {
  const bytes = base64UrlToBytes(text);
  const json = bytes === undefined ? undefined : utf8Decode(bytes);
  if (json === undefined) return 'is not base64url-encoded UTF-8';
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return 'is not JSON text';
  }
  if (!isObj(value)) return 'is not a JSON object';
  return hasDuplicateNames(json) ? 'has an object with two members of the same name, which readers resolve differently' : value;
}

/** Why a VC-JWT's header is refused, or undefined. */
function headerProblem(header: Obj): string | undefined {
  const alg = own(header, 'alg');
  if (!isAcceptedAlg(alg)) return `The JWS header's \`alg\` is ${short(alg)}: a VC-JWT is verified only with ${ACCEPTED_ALGS.join(', ')} (never "none", never a shared-secret HS* algorithm).`;
  const typ = own(header, 'typ');
  if (typ !== undefined && !(typeof typ === 'string' && TYPES.has(typ.toLowerCase().replace(/^application\//, '')))) {
    return `The JWS header's \`typ\` is ${short(typ)}: a VC-JWT is typed "JWT", "vc+jwt" or "vc+ld+jwt"; another type is another kind of token, not read as a credential.`;
  }
  if (own(header, 'crit') !== undefined) return 'The JWS header has `crit`: it asks the verifier to understand extensions (such as `b64`) this verifier does not, so it must refuse it (RFC 7515 §4.1.11).';
  const jwk = own(header, 'jwk');
  if (jwk !== undefined && !isObj(jwk)) return 'The JWS header\'s `jwk` is not a JSON object.';
  if (isObj(jwk) && own(jwk, 'd') !== undefined) return 'The JWS header\'s `jwk` carries a private key (`d`): the signer\'s key is compromised.';
  const kid = own(header, 'kid');
  if (kid !== undefined && typeof kid !== 'string') return 'The JWS header\'s `kid` is not a string.';
  return undefined;
}

const unwrapCodes: Readonly<Record<string, 'VC_CREDENTIAL_MALFORMED' | 'VC_JWT_INVALID'>> = {
  OB3_INPUT_LIMIT: 'VC_CREDENTIAL_MALFORMED',
  OB3_INPUT_UNREADABLE: 'VC_CREDENTIAL_MALFORMED',
  OB3_JWT_MALFORMED: 'VC_CREDENTIAL_MALFORMED',
  OB3_JWT_CLAIM_MISMATCH: 'VC_JWT_INVALID',
};

/**
 * Reads a VC-JWT: its header, claims and credential, with every problem of form. Never throws.
 *
 * @example
 * const read = readJwtCredential(jwt); // { doc, prefix: '', claims, header, format: [] }
 */
export function readJwtCredential(text: string): JwtCredential {
  const malformed = (message: string, path = ''): JwtCredential => ({ prefix: '', format: [vcIssue('VC_CREDENTIAL_MALFORMED', message, path)] });
  if (text.length > INPUT_LIMITS.chars) return malformed(`The VC-JWT has more than ${INPUT_LIMITS.chars} characters; not read.`);
  const m = COMPACT.exec(text.trim());
  if (!m) return malformed('A string credential must be a VC-JWT: a compact JWS, three base64url segments separated by dots (header, payload, signature). A JSON credential is passed as an object (JSON.parse it first).');
  const header = segmentObject(m[1]!);
  if (typeof header === 'string') return malformed(`The JWS header ${header}.`);
  const claims = segmentObject(m[2]!);
  if (typeof claims === 'string') return malformed(`The JWS payload ${claims}.`);
  const bad = headerProblem(header);
  if (bad) return { prefix: '', header, claims, format: [vcIssue('VC_JWT_INVALID', bad, '')] };
  const read = unwrapBadge(text.trim());
  const format = read.issues.flatMap((i) => (unwrapCodes[i.code] && i.severity === 'error' ? [vcIssue(unwrapCodes[i.code]!, i.message, i.path)] : []));
  if (!read.doc) return { prefix: read.prefix, header, claims, format: format.length > 0 ? format : [vcIssue('VC_CREDENTIAL_MALFORMED', 'The VC-JWT holds no credential.', '')] };
  if (read.doc.proof !== undefined) {
    format.push(vcIssue('VC_JWT_INVALID', 'The VC-JWT\'s credential carries an embedded `proof` as well: a reader of the JSON would take it as checked, but only the JWS is; refused.', `${read.prefix}/proof`));
  }
  return { doc: read.doc, prefix: read.prefix, header, claims, signed: { input: `${m[1]}.${m[2]}`, signature: m[3]! }, format };
}

/** A verification method found for a `kid`: its key as a JWK, its controller, and whether that controller authorised it. */
interface FoundKey {
  jwk?: Obj;
  controller?: string;
  authorised: boolean;
  why?: string;
}

/** The key of a verification method as a JWK: `publicKeyJwk`, or an Ed25519 `publicKeyMultibase`. */
function methodJwk(method: Obj): Obj | undefined {
  const jwk = own(method, 'publicKeyJwk');
  if (isObj(jwk)) return jwk;
  const multibase = own(method, 'publicKeyMultibase');
  if (typeof multibase !== 'string' || !multibase.startsWith('z')) return undefined;
  const bytes = base58btcToBytes(multibase.slice(1));
  // Multikey: the Ed25519 public key's multicodec prefix 0xed 0x01, then 32 bytes.
  if (bytes?.length === 34 && bytes[0] === 0xed && bytes[1] === 0x01) return { kty: 'OKP', crv: 'Ed25519', x: bytesToBase64Url(bytes.subarray(2)) };
  return undefined;
}

const listed = (list: unknown, id: string, base: string): boolean =>
  Array.isArray(list) && list.some((entry) => {
    const ref = typeof entry === 'string' ? entry : isObj(entry) ? own(entry, 'id') : undefined;
    return typeof ref === 'string' && (ref === id || (ref.startsWith('#') && base + ref === id));
  });

/**
 * The one document a key id may be read from: the document whose id is the key id without its
 * fragment (Controller Documents 1.0, "Retrieve Verification Method"), a did:key's built offline.
 * A document listing a method under another controller's id says nothing of that key.
 */
function documentOf(id: string, controllers: readonly unknown[]): Obj | string {
  const base = methodBase(id);
  const did = didKeyDocument(base);
  if (did) return did as unknown as Obj;
  const docs = controllers.filter((c): c is Obj => isObj(c) && own(c, 'id') === base);
  return docs.length === 1 ? docs[0]! : docs.length === 0 ? `no controller document of ${short(base)} is given` : `two controller documents of ${short(base)} are given`;
}

/** The verification method a `kid` names (a DID URL or a key's URL; `#…` relative to the issuer), or why none. */
function findKey(kid: string, issuer: string | undefined, controllers: readonly unknown[]): FoundKey {
  const id = kid.startsWith('#') && issuer !== undefined ? issuer + kid : kid;
  const doc = documentOf(id, controllers);
  if (typeof doc === 'string') return { authorised: false, why: doc };
  const base = own(doc, 'id') as string;
  const assertion = Array.isArray(own(doc, 'assertionMethod')) ? (own(doc, 'assertionMethod') as unknown[]) : [];
  const methods = [...(Array.isArray(own(doc, 'verificationMethod')) ? (own(doc, 'verificationMethod') as unknown[]) : []), ...assertion];
  const absolute = (ref: string) => (ref.startsWith('#') ? base + ref : ref);
  // A kid that is the DID itself names the one key it asserts with, when there is exactly one.
  const only = id === base && assertion.length === 1 ? assertion[0] : undefined;
  const wanted = typeof only === 'string' ? absolute(only) : isObj(only) && typeof own(only, 'id') === 'string' ? absolute(own(only, 'id') as string) : id;
  const method = methods.find((m): m is Obj => isObj(m) && typeof own(m, 'id') === 'string' && absolute(own(m, 'id') as string) === wanted);
  if (!method) return { authorised: false, why: `the controller document of ${short(base)} lists no key ${short(wanted)}` };
  const controller = typeof own(method, 'controller') === 'string' ? (own(method, 'controller') as string) : base;
  const revoked = own(method, 'revoked') !== undefined;
  // Authorised only by its own controller's document, which is this one.
  const authorised = !revoked && controller === base && listed(assertion, wanted, base);
  const jwk = methodJwk(method);
  const why = revoked ? 'its controller has revoked it' : !authorised ? `it is not under the \`assertionMethod\` of its controller ${short(controller)}` : undefined;
  return { ...(jwk ? { jwk } : {}), controller, authorised, ...(why ? { why } : {}) };
}

/** Whether two JWKs are the same public key for `alg`. */
function sameKey(a: Obj, b: Obj, alg: JwsAlg): boolean {
  const x = publicJwk(a, alg);
  const y = publicJwk(b, alg);
  return typeof x !== 'string' && typeof y !== 'string' && JSON.stringify(x) === JSON.stringify(y);
}

/** The signature and binding outcome of a VC-JWT. */
export interface JwtProofOutcome {
  /** Issues of the signature: absent key, a key that cannot verify, a signature that does not hold. */
  signature: VcIssue[];
  /** Issues of the key's tie to the issuer. */
  binding: VcIssue[];
}

/**
 * Checks a VC-JWT's signature with the key its header names, and that key's tie to the issuer.
 *
 * @example
 * const { signature, binding } = await checkJwtProof(readJwtCredential(jwt), [didDocument]);
 */
export async function checkJwtProof(read: JwtCredential, controllers: readonly unknown[]): Promise<JwtProofOutcome> {
  const header = read.header!;
  const doc = read.doc!;
  const alg = own(header, 'alg') as JwsAlg;
  const issuer = issuerIdOf(doc);
  const issuerAt = read.prefix + idMemberPointer(doc, 'issuer');
  const kid = own(header, 'kid') as string | undefined;
  const headerJwk = own(header, 'jwk') as Obj | undefined;
  const found = kid !== undefined ? findKey(kid, issuer, controllers) : undefined;
  const signature: VcIssue[] = [];
  const binding: VcIssue[] = [];
  if (found?.jwk && headerJwk && !sameKey(found.jwk, headerJwk, alg)) {
    return { signature: [vcIssue('VC_SIGNATURE_INVALID', `The JWS header's \`jwk\` is not the key its \`kid\` ${short(kid)} names: which one signed is unclear.`, '')], binding };
  }
  // With a kid, the key is the one it names, or none: a header jwk beside a kid that names no key
  // would let the header name one key and the signature come from another.
  const key = kid !== undefined ? found?.jwk : headerJwk;
  if (!key) {
    const why = found?.controller ? ' in a form this verifier reads (publicKeyJwk, or an Ed25519 publicKeyMultibase)' : found?.why ? ` (${found.why})` : '';
    const message = kid !== undefined ? `The key the JWS header names (\`kid\` ${short(kid)}) is not available offline${why}: pass the issuer's controller document in \`controllers\` (did:key resolves by itself); nothing was fetched.` : 'The JWS header names no key (no `kid`, no `jwk`): the signature cannot be checked.';
    return { signature: [vcIssue('VC_CONTROLLER_UNKNOWN', message, '')], binding };
  }
  const imported = await importJwk(key, alg);
  const signed = read.signed!;
  const bytes = base64UrlToBytes(signed.signature);
  if (!imported.ok) signature.push(vcIssue('VC_SIGNATURE_INVALID', `The key cannot verify this JWS: ${imported.reason}.`, ''));
  else if (bytes === undefined || !(await verifyJws(alg, imported.key, signed.input, bytes))) signature.push(vcIssue('VC_SIGNATURE_INVALID', 'The JWS signature does not match the VC-JWT: it was changed after signing, or signed with another key.', ''));
  if (found?.jwk) {
    if (found.controller !== issuer) binding.push(vcIssue('VC_ISSUER_KEY_MISMATCH', `The credential's issuer is ${issuer === undefined ? 'missing' : short(issuer)} but the key that signed it belongs to ${short(found.controller)}.`, issuerAt));
    else if (!found.authorised) binding.push(vcIssue('VC_KEY_NOT_AUTHORIZED', `The signing key ${short(kid)} is not authorised to issue credentials: ${found.why ?? 'its controller does not list it'}.`, ''));
  } else {
    // Only the header's jwk: the JWT names its own key, which ties it to no one unless the issuer is that key's did:key.
    const did = issuer === undefined ? undefined : didKeyDocument(issuer);
    const didJwk = did ? methodJwk(did.verificationMethod[0] as unknown as Obj) : undefined;
    if (!didJwk || !sameKey(didJwk, key, alg)) {
      binding.push(vcIssue('VC_CONTROLLER_UNKNOWN', `The VC-JWT was signed with the key in its own header (\`jwk\`), which nothing ties to the issuer ${issuer === undefined ? '(none)' : short(issuer)}: anyone can sign with a key of their own. Pass the issuer's controller document in \`controllers\` and a \`kid\` naming its key.`, issuerAt));
    }
  }
  return { signature, binding };
}

/**
 * A VC-JWT's own `exp` and `nbf`, when the credential states no end or start of its own (a stated
 * one must agree with the claim, which `readJwtCredential` checks).
 *
 * @example
 * jwtClaimValidity(read, Date.now()); // [VC_EXPIRED at /exp] for a JWT past its exp
 */
export function jwtClaimValidity(read: JwtCredential, now: number): VcIssue[] {
  const out: VcIssue[] = [];
  const doc = read.doc ?? {};
  const claims = read.claims ?? {};
  const exp = own(claims, 'exp');
  const nbf = own(claims, 'nbf');
  const ends = ['validUntil', 'expirationDate'].some((k) => Object.hasOwn(doc, k));
  const starts = ['validFrom', 'issuanceDate'].some((k) => Object.hasOwn(doc, k));
  // A NumericDate no Date can hold is refused by the claims' check (VC_JWT_INVALID); not a date here.
  const date = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v) && Math.abs(v * 1000) <= 8.64e15;
  if (!ends && date(exp) && exp * 1000 < now) out.push(vcIssue('VC_EXPIRED', `The VC-JWT expired at ${new Date(exp * 1000).toISOString()} (its \`exp\`), before ${new Date(now).toISOString()}.`, '/exp'));
  if (!starts && date(nbf) && nbf * 1000 > now) out.push(vcIssue('VC_NOT_YET_VALID', `The VC-JWT is valid from ${new Date(nbf * 1000).toISOString()} (its \`nbf\`), after ${new Date(now).toISOString()}.`, '/nbf'));
  return out;
}
