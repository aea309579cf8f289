/**
 * The JAdES parts of an EDC seal (ETSI TS 119 182-1): which signed header parameters the verifier
 * understands when `crit` lists them, the `x5t#o` certificate digest, and the unsigned `etsiU`
 * header: its form, and the time-stamps and validation data it carries, which `validation-data.ts`
 * then verifies.
 * @module
 */
import { checkDer as checkStructure } from './der.js';
import { lenientBase64ToBytes, utf8Decode, type Bytes } from '../json/encoding.js';
import { isJsonObject, own, type JsonObject } from './jws.js';
import type { HashName } from './algorithms.js';

/**
 * Header parameters `crit` may list, and what the verifier does with them. RFC 7515 §4.1.11 asks a
 * recipient to understand and process every listed parameter, or reject the JWS.
 *
 * - processed: `b64` (RFC 7797), `sigT` and `iat` (the signing time, ETSI TS 119 182-1 §5.2.1;
 *   V1.2.1 moves to `iat`), `x5t#o` (digest of the signer certificate, §5.2.2.2), `adoTst` (a
 *   time-stamp over the signed data, §5.2.8.1, verified like the `etsiU` ones).
 * - understood, informational: `srCms` (commitment), `sigPl` (place), `srAts` (signer attributes),
 *   `sigX5ts` (digests of the chain; the chain itself is checked), returned in the protected header.
 * - understood, not verified: `sigPId` (signature policy, §5.2.7); an `info` issue says so.
 *
 * `sigD` (§5.2.8: the signed data is detached and referenced) is not understood: the payload in
 * the document would not be what was signed, so such a seal is rejected.
 */
export const UNDERSTOOD_CRITICAL = new Set(['b64', 'sigT', 'iat', 'x5t#o', 'srCms', 'sigPl', 'srAts', 'sigX5ts', 'adoTst', 'sigPId']);

/** Signed parameters whose presence makes the verifier say what it does not check about them (trust in the TSA, the policy). */
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

/** A DER object found in `etsiU`, to be checked by `verifyUnsignedData`. */
export interface EtsiUObject {
  readonly kind: 'certificate' | 'crl' | 'ocsp' | 'timestamp';
  /** The component it came from: `xVals`, `rVals`, `sigTst`, `arcTst`… */
  readonly component: string;
  /** Index of the `etsiU` element holding it. */
  readonly entry: number;
  /** Path below `header.etsiU`, e.g. `[3, 'arcTst', 'tstTokens', 0, 'val']`. */
  readonly path: readonly (string | number)[];
  readonly der: Bytes;
}

/** What the unsigned `etsiU` header holds, as far as the verifier reads it. */
export interface EtsiU {
  /** Certificates from `xVals` (and `tstVD`/`anyValData`): candidates for the chain, never trusted by themselves. */
  readonly certificates: readonly Bytes[];
  /** Every certificate, CRL, OCSP response and time-stamp token, with where it is. */
  readonly objects: readonly EtsiUObject[];
  /** The elements as written: a base64url string (what an archive time-stamp covers, ETSI TS 119 182-1 §5.3.6.3) or a JSON object. */
  readonly entries: readonly unknown[];
  /** Known components or values the verifier does not check (references, other formats): path and what. */
  readonly unchecked: readonly { readonly path: readonly (string | number)[]; readonly what: string }[];
  /** Whether it carries time-stamps or validation data. */
  readonly hasUnverifiedData: boolean;
  /** Form problems, with the path below `header.etsiU`. */
  readonly problems: readonly { readonly path: readonly (string | number)[]; readonly message: string }[];
  /** Whether a size limit stopped the reading. */
  readonly limited: boolean;
}

const MAX_ETSIU_ENTRIES = 256;
const MAX_ETSIU_BYTES = 64 << 20;

/**
 * The unsigned components ETSI TS 119 182-1 defines (§5.3, Annex A; V1.2.1 adds `anyValData`).
 * Each `etsiU` element holds one; a name outside this list is refused: it is either a component
 * this verifier has never heard of, or a damaged name, which would silently drop a time-stamp.
 */
const TIMESTAMP_COMPONENTS = new Set(['sigTst', 'arcTst', 'sigRTst', 'rfsTst']);
/** Components holding certificate values (§5.3.5.1, §5.3.5.3) and revocation values (§5.3.5.2, §5.3.5.4). */
const CERTIFICATE_COMPONENTS = new Set(['xVals', 'axVals']);
const REVOCATION_COMPONENTS = new Set(['rVals', 'arVals']);
/** Validation data containers: for time-stamps (`tstVD`, §5.3.7) and for anything (`anyValData`, V1.2.1). */
const CONTAINER_COMPONENTS = new Set(['tstVD', 'anyValData']);
/** Known components whose content is not checked: references (Annex A.1), counter signatures (§5.3.2), the policy store (§5.3.3). */
const UNCHECKED_COMPONENTS = new Set(['xRefs', 'rRefs', 'axRefs', 'arRefs', 'cSig', 'sigPSt']);

type Path = (string | number)[];

/** Reads `etsiU` one element at a time, collecting what {@link readEtsiU} returns. */
class EtsiUReader {
  readonly certificates: Bytes[] = [];
  readonly objects: EtsiUObject[] = [];
  readonly entries: unknown[] = [];
  readonly unchecked: { path: Path; what: string }[] = [];
  readonly problems: { path: Path; message: string }[] = [];
  hasUnverifiedData = false;
  limited = false;
  private budget = MAX_ETSIU_BYTES;

  /** A `val`: base64 of well-formed BER (DER checked later, when it is read), within the size budget. */
  private der(val: unknown, path: Path, what: string): Bytes | undefined {
    if (typeof val !== 'string') {
      this.problems.push({ path, message: `${what}: \`val\` must be a base64 string.` });
      return undefined;
    }
    if (val.length > this.budget) {
      this.limited = true;
      return undefined;
    }
    this.budget -= val.length;
    // Unsigned data: its spelling carries no meaning, so any base64 variant is read.
    const bytes = lenientBase64ToBytes(val);
    if (bytes === undefined) {
      this.problems.push({ path, message: `${what}: \`val\` is not base64.` });
      return undefined;
    }
    try {
      checkStructure(bytes, { ber: true });
    } catch (e) {
      this.problems.push({ path, message: `${what}: malformed DER (${e instanceof Error ? e.message : 'unreadable'}).` });
      return undefined;
    }
    return bytes;
  }

  private vals(list: unknown, path: Path, what: string, onEach: (entry: JsonObject, p: Path) => void): void {
    if (!Array.isArray(list)) {
      this.problems.push({ path, message: `${what} must be an array.` });
      return;
    }
    list.forEach((entry: unknown, i) => {
      if (!isJsonObject(entry)) this.problems.push({ path: [...path, i], message: `${what}[${i}] must be an object.` });
      else onEach(entry, [...path, i]);
    });
  }

  private pkiOb(item: JsonObject, ip: Path, kind: EtsiUObject['kind'], component: string, entry: number, chain = false): void {
    const what = kind === 'certificate' ? 'certificate' : kind === 'crl' ? 'CRL' : kind === 'ocsp' ? 'OCSP response' : `\`${component}\` time-stamp token`;
    // §5.3.4: `encoding` names another encoding than DER (the default); such values are not read.
    if (own(item, 'encoding') !== undefined) {
      this.unchecked.push({ path: ip, what: `a ${what} in another encoding than DER` });
      return;
    }
    const bytes = this.der(own(item, 'val'), [...ip, 'val'], what);
    if (bytes === undefined) return;
    this.objects.push({ kind, component, entry, path: [...ip, 'val'], der: bytes });
    if (chain) this.certificates.push(bytes);
  }

  certificateValues(list: unknown, p: Path, name: string, entry: number, chain: boolean): void {
    this.vals(list, p, `\`${name}\``, (item, ip) => {
      const cert = own(item, 'x509Cert');
      if (cert === undefined) {
        // §5.3.5.1: an item is { x509Cert } or { otherCert }; a bare pkiOb ({ val }) is read as an X.509 certificate.
        if (own(item, 'otherCert') !== undefined) this.unchecked.push({ path: [...ip, 'otherCert'], what: 'a certificate in another format (otherCert)' });
        else if (own(item, 'val') !== undefined) this.pkiOb(item, ip, 'certificate', name, entry, chain);
        else this.problems.push({ path: ip, message: `\`${name}\` items must be \`{ x509Cert: { val } }\` or \`{ otherCert }\`.` });
        return;
      }
      if (!isJsonObject(cert)) {
        this.problems.push({ path: [...ip, 'x509Cert'], message: '`x509Cert` must be an object with `val`.' });
        return;
      }
      this.pkiOb(cert, [...ip, 'x509Cert'], 'certificate', name, entry, chain);
    });
  }

  revocationValues(component: unknown, p: Path, name: string, entry: number): void {
    if (!isJsonObject(component)) {
      this.problems.push({ path: p, message: `\`${name}\` must be an object.` });
      return;
    }
    for (const kind of Object.keys(component)) {
      const list = own(component, kind);
      if (kind === 'crlVals' || kind === 'ocspVals') this.vals(list, [...p, kind], `\`${name}.${kind}\``, (item, ip) => this.pkiOb(item, ip, kind === 'crlVals' ? 'crl' : 'ocsp', name, entry));
      else if (kind === 'otherVals') this.unchecked.push({ path: [...p, kind], what: 'revocation values in another format (otherVals)' });
      // §5.3.5.2: crlVals, ocspVals, otherVals; another member is a damaged name.
      else this.problems.push({ path: [...p, kind], message: `\`${name}\` holds \`${kind}\`, which is not crlVals, ocspVals or otherVals.` });
    }
  }

  /** Validation data containers (`tstVD`, `anyValData`): certificate and revocation values inside. */
  private container(component: unknown, p: Path, name: string, k: number): void {
    if (!isJsonObject(component)) {
      this.problems.push({ path: p, message: `\`${name}\` must be an object.` });
      return;
    }
    for (const member of Object.keys(component)) {
      const inner = own(component, member);
      // xVals/rVals as in V1.2.1; certVals/revVals as earlier drafts spelled them.
      if (member === 'xVals' || member === 'certVals') this.certificateValues(inner, [...p, member], `${name}.${member}`, k, true);
      else if (member === 'rVals' || member === 'revVals') this.revocationValues(inner, [...p, member], `${name}.${member}`, k);
      else this.unchecked.push({ path: [...p, member], what: `\`${name}.${member}\`` });
    }
  }

  /** One unsigned component `name` of the element `k`. */
  component(name: string, component: unknown, k: number): void {
    const p: Path = [k, name];
    const known = TIMESTAMP_COMPONENTS.has(name) || CERTIFICATE_COMPONENTS.has(name) || REVOCATION_COMPONENTS.has(name) || CONTAINER_COMPONENTS.has(name) || UNCHECKED_COMPONENTS.has(name);
    if (!known) {
      this.problems.push({ path: p, message: `\`etsiU[${k}]\` holds \`${name}\`, which is not a JAdES unsigned component (ETSI TS 119 182-1 §5.3): a damaged name would silently drop a time-stamp or validation data, so it is refused.` });
      return;
    }
    this.hasUnverifiedData = true;
    if (TIMESTAMP_COMPONENTS.has(name)) {
      if (!isJsonObject(component)) this.problems.push({ path: p, message: `\`${name}\` must be an object with \`tstTokens\`.` });
      else this.vals(own(component, 'tstTokens'), [...p, 'tstTokens'], `\`${name}.tstTokens\``, (token, tp) => this.pkiOb(token, tp, 'timestamp', name, k));
    } else if (CERTIFICATE_COMPONENTS.has(name)) this.certificateValues(component, p, name, k, name === 'xVals');
    else if (REVOCATION_COMPONENTS.has(name)) this.revocationValues(component, p, name, k);
    else if (CONTAINER_COMPONENTS.has(name)) this.container(component, p, name, k);
    else this.unchecked.push({ path: p, what: `\`${name}\`` });
  }

  /** An element as written, decoded when it is base64url; `undefined` past the size budget (reading stops). */
  element(raw: unknown): { entry: unknown } | undefined {
    if (typeof raw !== 'string') return { entry: raw };
    if (raw.length > this.budget) {
      this.limited = true;
      return undefined;
    }
    this.budget -= raw.length;
    const bytes = lenientBase64ToBytes(raw);
    const text = bytes === undefined ? undefined : utf8Decode(bytes);
    try {
      return { entry: text === undefined ? undefined : JSON.parse(text) };
    } catch {
      return { entry: undefined };
    }
  }
}

/**
 * Reads `etsiU` (ETSI TS 119 182-1 §5.3.1): an array whose entries are JSON objects or their
 * base64url encodings. Time-stamp tokens, certificates, CRLs and OCSP responses must be
 * well-formed base64 DER/BER; they are returned in `objects` for `verifyUnsignedData` to check.
 *
 * @example
 * const { objects, problems } = readEtsiU(signature.header.etsiU);
 */
export function readEtsiU(value: unknown): EtsiU {
  const r = new EtsiUReader();
  if (!Array.isArray(value)) {
    return { certificates: [], objects: [], entries: [], unchecked: [], hasUnverifiedData: false, problems: [{ path: [], message: '`etsiU` must be an array.' }], limited: false };
  }
  const count = Math.min(value.length, MAX_ETSIU_ENTRIES);
  if (value.length > MAX_ETSIU_ENTRIES) r.limited = true;
  for (let k = 0; k < count; k++) {
    const raw: unknown = value[k];
    r.entries.push(raw);
    const read = r.element(raw);
    if (read === undefined) break;
    if (!isJsonObject(read.entry)) {
      r.problems.push({ path: [k], message: `\`etsiU[${k}]\` is neither a JSON object nor base64url of one.` });
      continue;
    }
    for (const name of Object.keys(read.entry)) r.component(name, own(read.entry, name), k);
  }
  const { certificates, objects, entries, unchecked, hasUnverifiedData, problems, limited } = r;
  return { certificates, objects, entries, unchecked, hasUnverifiedData, problems, limited };
}
