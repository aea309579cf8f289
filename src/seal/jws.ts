/**
 * Reading a JWS (RFC 7515) in any of its three serializations, with the unencoded-payload option
 * of RFC 7797, into plain data the verifier can check without touching the caller's objects again.
 * @module
 */
import { base64UrlToBytes, utf8Decode } from '../json/encoding.js';
import type { HashName, SignatureScheme } from './algorithms.js';
import type { CurveName } from './keys.js';

/** A JSON object read from untrusted input: only own properties count. */
export type JsonObject = Record<string, unknown>;

/** Own property, never one inherited from `Object.prototype` (`__proto__`, `constructor`…). */
export function own(obj: JsonObject, key: string): unknown {
  return Object.prototype.hasOwnProperty.call(obj, key) ? obj[key] : undefined;
}

/** A plain JSON object (not null, not an array). */
export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** One signature as found in the document, before any checking. */
export interface RawSignature {
  /** `protected` member: should be a base64url string; `undefined` when absent. */
  readonly protected: unknown;
  /** `header` member (the JWS Unprotected Header), as a JSON snapshot. */
  readonly header: unknown;
  readonly signature: unknown;
  /** Path of the signature object in the document: `['signatures', 0]`, or `[]` when flattened or compact. */
  readonly path: readonly (string | number)[];
  /**
   * General serialization only: members of `signatures[i]` other than `protected`, `header` and
   * `signature`. (In the flattened serialization the signature object is the envelope, whose extra
   * members are {@link RawJws.extraMembers}.)
   */
  readonly unknownMembers?: readonly ExtraMember[];
}

/** A member a JWS JSON object may not have. */
export interface ExtraMember {
  readonly name: string;
  /** Not the object's own member but an enumerable one of its prototype chain (`{ __proto__: {…} }`). */
  readonly inherited: boolean;
}

/** RFC 7515 §7.2.1: the members of a signature object of the general serialization. */
export const SIGNATURE_MEMBERS: ReadonlySet<string> = new Set(['protected', 'header', 'signature']);
/** RFC 7515 §7.2.1: the members of the general serialization's top-level object. */
export const GENERAL_MEMBERS: ReadonlySet<string> = new Set(['payload', 'signatures']);
/** RFC 7515 §7.2.2: the members of the flattened serialization's top-level object. */
export const FLATTENED_MEMBERS: ReadonlySet<string> = new Set(['payload', 'protected', 'header', 'signature']);
/** How far up a prototype chain inherited members are looked for (a proxy could make it endless). */
const MAX_PROTOTYPES = 16;

/**
 * RFC 7515 §7.2.1 says members that are not understood "MUST be ignored". A verifier that ignores
 * them while an application reads them (a forged `credentialSubject` beside an intact seal) lets
 * the two see different documents, so here every such member is found and reported: own names
 * outside `known`, and enumerable members inherited from a prototype other than `Object.prototype`
 * (JSON text has none; an object built in code may, and `doc.credentialSubject` would read it).
 * May throw on a proxy or getter: the caller reports that as unreadable input.
 */
export function extraMembers(obj: JsonObject, known: ReadonlySet<string>): ExtraMember[] {
  const out: ExtraMember[] = Object.keys(obj).filter((k) => !known.has(k)).map((name) => ({ name, inherited: false }));
  let proto: unknown = Object.getPrototypeOf(obj);
  for (let depth = 0; proto !== null && proto !== Object.prototype; depth++) {
    if (depth >= MAX_PROTOTYPES || typeof proto !== 'object') {
      out.push({ name: '__proto__', inherited: true });
      break;
    }
    for (const name of Object.keys(proto)) {
      if (!Object.prototype.hasOwnProperty.call(obj, name)) out.push({ name, inherited: true });
    }
    proto = Object.getPrototypeOf(proto);
  }
  return out;
}

/** A JWS read from the input. */
export interface RawJws {
  readonly form: 'general' | 'flattened' | 'compact';
  /** `payload` member (a string in every valid JWS). */
  readonly payload: unknown;
  readonly signatures: readonly RawSignature[];
  /** Signatures beyond {@link MAX_SIGNATURES}, which were not read. */
  readonly skipped: number;
  /**
   * Members of the top-level object that its serialization does not define: general, other than
   * `payload` and `signatures`; flattened, other than `payload`, `protected`, `header` and
   * `signature` (RFC 7515 §7.2.1, §7.2.2). Empty for the compact serialization.
   */
  readonly extraMembers: readonly ExtraMember[];
}

/** At most this many signatures are checked. */
export const MAX_SIGNATURES = 32;

/**
 * A JSON snapshot of a value: getters run once, proxies and cycles fail here (and are reported as
 * unreadable input) rather than later, and the result is plain data.
 */
function snapshot(value: unknown): unknown {
  return value === undefined ? undefined : JSON.parse(JSON.stringify(value)) as unknown;
}

/**
 * Reads the JWS structure from a parsed JSON document, JSON text, compact text or UTF-8 bytes.
 * Returns a reason when it is not a JWS. May throw when reading the caller's object throws (a
 * getter or proxy): the caller reports that as unreadable input.
 *
 * @example
 * const jws = readJws(doc);
 * if ('notJws' in jws) console.log(jws.notJws);
 * else for (const s of jws.signatures) console.log(s.path, typeof s.protected);
 */
export function readJws(input: unknown): RawJws | { notJws: string } | { unreadable: string } {
  let doc = input;
  if (doc instanceof Uint8Array) {
    const text = utf8Decode(doc);
    if (text === undefined) return { unreadable: 'The bytes are not UTF-8 text.' };
    doc = text;
  }
  if (typeof doc === 'string') {
    const text = doc.trim();
    if (text.startsWith('{')) {
      try {
        doc = JSON.parse(text) as unknown;
      } catch {
        return { notJws: 'The text is not JSON.' };
      }
    } else {
      // Compact serialization (RFC 7515 §7.1): exactly three dot-separated parts.
      const first = text.indexOf('.');
      const second = first < 0 ? -1 : text.indexOf('.', first + 1);
      if (first < 0 || second < 0 || text.indexOf('.', second + 1) >= 0) {
        return { notJws: 'The text is neither JSON nor a compact JWS (three parts separated by dots).' };
      }
      return {
        form: 'compact',
        payload: text.slice(first + 1, second),
        signatures: [{ protected: text.slice(0, first), header: undefined, signature: text.slice(second + 1), path: [] }],
        skipped: 0,
        extraMembers: [],
      };
    }
  }
  if (!isJsonObject(doc)) {
    return { notJws: `Expected a JWS JSON object, got ${doc === null ? 'null' : Array.isArray(doc) ? 'an array' : typeof doc}.` };
  }
  const signatures = own(doc, 'signatures');
  const payload = own(doc, 'payload');
  if (signatures !== undefined) {
    // General serialization (RFC 7515 §7.2.1); it must not also carry flattened members (§7.2.2).
    if (own(doc, 'signature') !== undefined || own(doc, 'protected') !== undefined) {
      return { notJws: 'The document mixes the general (`signatures`) and flattened (`signature`) serializations.' };
    }
    if (!Array.isArray(signatures) || signatures.length === 0) return { notJws: '`signatures` must be a non-empty array.' };
    const count = Math.min(signatures.length, MAX_SIGNATURES);
    const out: RawSignature[] = [];
    for (let i = 0; i < count; i++) {
      const s: unknown = signatures[i];
      if (!isJsonObject(s)) return { notJws: `\`signatures[${i}]\` is not an object.` };
      out.push({ protected: own(s, 'protected'), header: snapshot(own(s, 'header')), signature: own(s, 'signature'), path: ['signatures', i], unknownMembers: extraMembers(s, SIGNATURE_MEMBERS) });
    }
    return { form: 'general', payload, signatures: out, skipped: signatures.length - count, extraMembers: extraMembers(doc, GENERAL_MEMBERS) };
  }
  if (own(doc, 'signature') !== undefined) {
    // Flattened serialization (RFC 7515 §7.2.2).
    return {
      form: 'flattened',
      payload,
      signatures: [{ protected: own(doc, 'protected'), header: snapshot(own(doc, 'header')), signature: own(doc, 'signature'), path: [] }],
      skipped: 0,
      extraMembers: extraMembers(doc, FLATTENED_MEMBERS),
    };
  }
  return { notJws: 'The object has neither `signatures` nor `signature`: it is not a sealed (JWS) document.' };
}

/** Decodes a protected header: base64url → UTF-8 → JSON object (RFC 7515 §5.2 steps 2-3). */
export function decodeProtectedHeader(encoded: string): JsonObject | string {
  const bytes = base64UrlToBytes(encoded);
  if (bytes === undefined) return 'is not canonical base64url';
  const text = utf8Decode(bytes);
  if (text === undefined) return 'is not UTF-8';
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return 'is not JSON';
  }
  return isJsonObject(value) ? value : 'is not a JSON object';
}

/** What a JWS `alg` means (RFC 7518 §3.1). */
export interface JwsAlgorithm {
  readonly scheme: Exclude<SignatureScheme, { kind: 'unsupported' }>;
  /** ECDSA: the curve the key must be on, and the raw r‖s length (RFC 7518 §3.4). */
  readonly curve?: CurveName;
  readonly signatureLength?: number;
}

const pkcs1 = (hash: HashName): JwsAlgorithm => ({ scheme: { kind: 'rsa-pkcs1', hash } });
// RFC 7518 §3.5: the salt is as long as the hash output.
const pss = (hash: HashName, saltLength: number): JwsAlgorithm => ({ scheme: { kind: 'rsa-pss', hash, saltLength } });
const ecdsa = (hash: HashName, curve: CurveName, signatureLength: number): JwsAlgorithm => ({ scheme: { kind: 'ecdsa', hash }, curve, signatureLength });

/** The signature algorithms accepted. `none` and the HMAC ones are not (there is no certificate for them). */
export const JWS_ALGORITHMS: Readonly<Record<string, JwsAlgorithm>> = Object.freeze({
  RS256: pkcs1('SHA-256'),
  RS384: pkcs1('SHA-384'),
  RS512: pkcs1('SHA-512'),
  PS256: pss('SHA-256', 32),
  PS384: pss('SHA-384', 48),
  PS512: pss('SHA-512', 64),
  ES256: ecdsa('SHA-256', 'P-256', 64),
  ES384: ecdsa('SHA-384', 'P-384', 96),
  ES512: ecdsa('SHA-512', 'P-521', 132),
});

/**
 * Header parameters that RFC 7515 §4.1 and RFC 7518 §4.1 define for JWS: `crit` must not list them
 * (RFC 7515 §4.1.11).
 */
export const REGISTERED_JWS_PARAMETERS = new Set(['alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit', 'enc', 'zip', 'epk', 'apu', 'apv', 'iv', 'tag', 'p2s', 'p2c']);

/**
 * An RFC 3339 date-time (`2023-09-27T11:54:17Z`, fractions and offsets allowed) that exists on
 * the calendar; `undefined` otherwise.
 */
export function parseRfc3339(text: string): Date | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$/.exec(text);
  if (!m) return undefined;
  const [y, mo, d, h, mi, s] = m.slice(1, 7).map(Number) as [number, number, number, number, number, number];
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  const dim = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][mo - 1];
  if (dim === undefined || d < 1 || d > dim || h > 23 || mi > 59 || s > 60) return undefined;
  const offset = m[8]!;
  let minutes = 0;
  if (offset !== 'Z' && offset !== 'z') {
    const oh = Number(offset.slice(1, 3));
    const om = Number(offset.slice(4, 6));
    if (oh > 23 || om > 59) return undefined;
    minutes = (offset[0] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  const date = new Date(0);
  date.setUTCFullYear(y, mo - 1, d);
  date.setUTCHours(h, mi, Math.min(s, 59), Math.floor(Number(m[7] ?? 0) * 1000));
  return new Date(date.getTime() - minutes * 60_000);
}

/** `YYYY-MM-DDTHH:MM:SSZ` (no milliseconds), the form the result uses for certificate times. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}
