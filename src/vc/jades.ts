/**
 * The JAdES parts of an EDC seal (ETSI TS 119 182-1): which signed header parameters the verifier
 * understands when `crit` lists them, the `x5t#o` certificate digest, and the unsigned `etsiU`
 * header with its time-stamps and validation data, which are checked for form only.
 * @module
 */
import { checkWellFormed } from './der.js';
import { lenientBase64ToBytes, utf8Decode, type Bytes } from './encoding.js';
import { isJsonObject, own, type JsonObject } from './jws.js';
import type { HashName } from './x509.js';

/**
 * Header parameters `crit` may list, and what the verifier does with them. RFC 7515 §4.1.11 asks a
 * recipient to understand and process every listed parameter, or reject the JWS.
 *
 * - processed: `b64` (RFC 7797), `sigT` and `iat` (the signing time, ETSI TS 119 182-1 §5.2.1;
 *   V1.2.1 moves to `iat`), `x5t#o` (digest of the signer certificate, §5.2.2.2).
 * - understood, informational: `srCms` (commitment), `sigPl` (place), `srAts` (signer attributes),
 *   `sigX5ts` (digests of the chain; the chain itself is checked), returned in the protected header.
 * - understood, not verified: `adoTst` (a time-stamp over the signed data, §5.2.8.1) and `sigPId`
 *   (signature policy, §5.2.7); an `info` issue says so.
 *
 * `sigD` (§5.2.8: the signed data is detached and referenced) is not understood: the payload in
 * the document would not be what was signed, so such a seal is rejected.
 */
export const UNDERSTOOD_CRITICAL = new Set(['b64', 'sigT', 'iat', 'x5t#o', 'srCms', 'sigPl', 'srAts', 'sigX5ts', 'adoTst', 'sigPId']);

/** Signed parameters that carry something the verifier checks only for presence. */
export const UNVERIFIED_SIGNED_PARAMETERS = ['adoTst', 'sigPId'] as const;

/** Digest algorithm URIs used by `digAlg` (ETSI TS 119 182-1 §5.2.2.2, the XML Signature URIs). */
const DIGEST_URIS: Readonly<Record<string, HashName>> = {
  'http://www.w3.org/2000/09/xmldsig#sha1': 'SHA-1',
  'http://www.w3.org/2001/04/xmlenc#sha256': 'SHA-256',
  'http://www.w3.org/2001/04/xmldsig-more#sha384': 'SHA-384',
  'http://www.w3.org/2001/04/xmlenc#sha512': 'SHA-512',
};

/** Reads an `x5t#o`-style `{ digAlg, digVal }`: a known hash and its value, `'unknown'` for another algorithm, `undefined` if malformed. */
export function readDigest(value: unknown): { hash: HashName; digest: Bytes } | 'unknown' | undefined {
  if (!isJsonObject(value)) return undefined;
  const alg = own(value, 'digAlg');
  const val = own(value, 'digVal');
  if (typeof alg !== 'string' || typeof val !== 'string') return undefined;
  const digest = lenientBase64ToBytes(val);
  if (digest === undefined) return undefined;
  const hash = DIGEST_URIS[alg];
  return hash === undefined ? 'unknown' : { hash, digest };
}

/** What the unsigned `etsiU` header holds, as far as the verifier reads it. */
export interface EtsiU {
  /** Certificates from `xVals` (candidates for the chain, never trusted by themselves). */
  readonly certificates: readonly Bytes[];
  /** Whether it carries time-stamps or validation data (which are not verified). */
  readonly hasUnverifiedData: boolean;
  /** Form problems, with the path below `header.etsiU`. */
  readonly problems: readonly { readonly path: readonly (string | number)[]; readonly message: string }[];
  /** Whether a size limit stopped the reading. */
  readonly limited: boolean;
}

const MAX_ETSIU_ENTRIES = 256;
const MAX_ETSIU_BYTES = 64 << 20;

/** Components whose `tstTokens[].val` are time-stamp tokens (§5.3.4, §5.3.6). */
const TIMESTAMP_COMPONENTS = ['sigTst', 'arcTst', 'sigRTst', 'rfsTst', 'tstVD'];
/** Components whose entries hold certificates (§5.3.5.1, §5.3.5.3). */
const CERTIFICATE_COMPONENTS = ['xVals', 'axVals'];
/** Components holding revocation values (§5.3.5.2, §5.3.5.4). */
const REVOCATION_COMPONENTS = ['rVals', 'arVals'];

/**
 * Reads `etsiU` (ETSI TS 119 182-1 §5.3.1): an array whose entries are JSON objects or their
 * base64url encodings. Recognised components (time-stamps, certificate and revocation values)
 * must hold well-formed base64 DER/BER; everything else is left alone.
 *
 * @example
 * const { certificates, problems } = readEtsiU(signature.header.etsiU);
 */
export function readEtsiU(value: unknown): EtsiU {
  const certificates: Bytes[] = [];
  const problems: { path: (string | number)[]; message: string }[] = [];
  let hasUnverifiedData = false;
  let limited = false;
  let budget = MAX_ETSIU_BYTES;
  if (!Array.isArray(value)) {
    return { certificates, hasUnverifiedData, problems: [{ path: [], message: '`etsiU` must be an array.' }], limited };
  }
  const checkDer = (val: unknown, path: (string | number)[], what: string): Bytes | undefined => {
    if (typeof val !== 'string') {
      problems.push({ path, message: `${what}: \`val\` must be a base64 string.` });
      return undefined;
    }
    if (val.length > budget) {
      limited = true;
      return undefined;
    }
    budget -= val.length;
    // Unsigned data: its spelling carries no meaning, so any base64 variant is read.
    const bytes = lenientBase64ToBytes(val);
    if (bytes === undefined) {
      problems.push({ path, message: `${what}: \`val\` is not base64.` });
      return undefined;
    }
    try {
      checkWellFormed(bytes);
    } catch (e) {
      problems.push({ path, message: `${what}: malformed DER (${e instanceof Error ? e.message : 'unreadable'}).` });
      return undefined;
    }
    return bytes;
  };
  const vals = (list: unknown, path: (string | number)[], what: string, onEach: (entry: JsonObject, p: (string | number)[]) => void): void => {
    if (!Array.isArray(list)) {
      problems.push({ path, message: `${what} must be an array.` });
      return;
    }
    list.forEach((entry: unknown, i) => {
      if (!isJsonObject(entry)) problems.push({ path: [...path, i], message: `${what}[${i}] must be an object.` });
      else onEach(entry, [...path, i]);
    });
  };

  const count = Math.min(value.length, MAX_ETSIU_ENTRIES);
  if (value.length > MAX_ETSIU_ENTRIES) limited = true;
  for (let k = 0; k < count; k++) {
    const raw: unknown = value[k];
    let entry: unknown = raw;
    if (typeof raw === 'string') {
      if (raw.length > budget) {
        limited = true;
        break;
      }
      budget -= raw.length;
      const bytes = lenientBase64ToBytes(raw);
      const text = bytes === undefined ? undefined : utf8Decode(bytes);
      try {
        entry = text === undefined ? undefined : JSON.parse(text);
      } catch {
        entry = undefined;
      }
    }
    if (!isJsonObject(entry)) {
      problems.push({ path: [k], message: `\`etsiU[${k}]\` is neither a JSON object nor base64url of one.` });
      continue;
    }
    for (const name of Object.keys(entry)) {
      const component = own(entry, name);
      const p: (string | number)[] = [k, name];
      if (TIMESTAMP_COMPONENTS.includes(name)) {
        hasUnverifiedData = true;
        if (!isJsonObject(component)) {
          problems.push({ path: p, message: `\`${name}\` must be an object with \`tstTokens\`.` });
          continue;
        }
        vals(own(component, 'tstTokens'), [...p, 'tstTokens'], `\`${name}.tstTokens\``, (token, tp) => {
          // Only DER/BER-encoded tokens are checked; other encodings are announced by `encoding`.
          if (own(token, 'encoding') === undefined) checkDer(own(token, 'val'), [...tp, 'val'], `\`${name}\` time-stamp token`);
        });
      } else if (CERTIFICATE_COMPONENTS.includes(name)) {
        hasUnverifiedData = true;
        vals(component, p, `\`${name}\``, (item, ip) => {
          const cert = own(item, 'x509Cert');
          if (cert === undefined) return;
          if (!isJsonObject(cert)) {
            problems.push({ path: [...ip, 'x509Cert'], message: '`x509Cert` must be an object with `val`.' });
            return;
          }
          const bytes = checkDer(own(cert, 'val'), [...ip, 'x509Cert', 'val'], 'certificate');
          if (bytes !== undefined && name === 'xVals') certificates.push(bytes);
        });
      } else if (REVOCATION_COMPONENTS.includes(name)) {
        hasUnverifiedData = true;
        if (!isJsonObject(component)) {
          problems.push({ path: p, message: `\`${name}\` must be an object.` });
          continue;
        }
        for (const kind of ['crlVals', 'ocspVals']) {
          const list = own(component, kind);
          if (list !== undefined) vals(list, [...p, kind], `\`${name}.${kind}\``, (item, ip) => checkDer(own(item, 'val'), [...ip, 'val'], kind === 'crlVals' ? 'CRL' : 'OCSP response'));
        }
      }
    }
  }
  return { certificates, hasUnverifiedData, problems, limited };
}
