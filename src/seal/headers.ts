/**
 * The first phase of a signature's check: its headers (RFC 7515 §5.2 steps 2-5), `crit`
 * (§4.1.11), `alg` (RFC 7518 §3.1) and the claimed signing time (ETSI TS 119 182-1 §5.2.1).
 * @module
 */
import { MAX_IAT, MAX_PROTECTED_HEADER_CHARS, type Scope } from './context.js';
import { UNDERSTOOD_CRITICAL } from './jades.js';
import { JWS_ALGORITHMS, REGISTERED_JWS_PARAMETERS, decodeProtectedHeader, isJsonObject, isoSeconds, own, parseRfc3339, type JsonObject, type JwsAlgorithm, type RawSignature } from './jws.js';

/** The decoded headers of one signature. */
export interface Headers {
  readonly prot: JsonObject;
  readonly unprot: JsonObject;
  /** The `protected` member as written: what the signature covers. */
  readonly protectedText: string;
  /** RFC 7797 §3: false for an unencoded payload. */
  readonly b64: boolean;
}

/** Decodes `protected` into the result's `protectedHeader`; `undefined` when the check cannot go on. */
function readProtected(raw: RawSignature, s: Scope): { prot: JsonObject; protectedText: string } | undefined {
  if (raw.protected === undefined) return { prot: {}, protectedText: '' };
  if (typeof raw.protected !== 'string') {
    s.add('EDC_SEAL_HEADER_INVALID', s.protPath, '`protected` must be a base64url string.');
    return undefined;
  }
  if (raw.protected.length > MAX_PROTECTED_HEADER_CHARS) {
    s.add('EDC_SEAL_LIMIT_EXCEEDED', s.protPath, `The protected header is longer than ${MAX_PROTECTED_HEADER_CHARS} characters.`);
    return undefined;
  }
  const decoded = decodeProtectedHeader(raw.protected);
  if (typeof decoded === 'string') {
    s.add('EDC_SEAL_HEADER_INVALID', s.protPath, `The protected header ${decoded}: it must be BASE64URL(UTF8(JSON object)) (RFC 7515 §7.2.1).`);
    return undefined;
  }
  s.result.protectedHeader = decoded;
  return { prot: decoded, protectedText: raw.protected };
}

/**
 * Reads the protected and unprotected headers and checks how they are placed. `undefined` when
 * the check cannot go on (no header, an unreadable protected header, a `b64` that is no boolean).
 */
export function readHeaders(raw: RawSignature, s: Scope, reportExtraMembers: () => void): Headers | undefined {
  const read = readProtected(raw, s);
  if (read === undefined) return undefined;
  const { prot, protectedText } = read;
  let unprot: JsonObject = {};
  if (raw.header !== undefined) {
    if (isJsonObject(raw.header)) unprot = raw.header;
    else s.add('EDC_SEAL_UNPROTECTED_HEADER_INVALID', s.headerPath, '`header` must be a JSON object (RFC 7515 §7.2.1).');
  }
  if (raw.protected === undefined && raw.header === undefined) {
    s.add('EDC_SEAL_HEADER_INVALID', s.base, 'The signature has neither `protected` nor `header`: there is no `alg`.');
    return undefined;
  }
  // RFC 7515 §7.2.1 lets recipients ignore unknown members; a seal has none, and a renamed
  // `header` would drop the validation data unseen, so an unknown member is refused.
  reportExtraMembers();
  for (const name of Object.keys(unprot)) {
    // RFC 7515 §7.2.1: the protected and unprotected header parameter names must be disjoint.
    if (Object.hasOwn(prot, name)) s.add('EDC_SEAL_HEADER_INVALID', [...s.headerPath, name], `\`${name}\` is in both the protected and the unprotected header (RFC 7515 §7.2.1).`);
    // RFC 7515 §4 would ignore an unknown parameter; unprotected, it is unauthenticated, and in a
    // seal it can only be a damaged name (an `etsiU` renamed would drop the validation data unseen).
    else if (name !== 'etsiU' && !REGISTERED_JWS_PARAMETERS.has(name)) s.add('EDC_SEAL_UNPROTECTED_HEADER_INVALID', [...s.headerPath, name], `The unprotected header has \`${name.slice(0, 40)}\`, which is neither \`etsiU\` nor a parameter RFC 7515/7518 define.`);
  }
  // RFC 7797 §3 and RFC 7515 §4.1.11: `b64` and `crit` must be integrity protected.
  for (const name of ['b64', 'crit']) {
    if (Object.hasOwn(unprot, name)) s.add('EDC_SEAL_HEADER_INVALID', [...s.headerPath, name], `\`${name}\` must be in the protected header, where the signature covers it.`);
  }
  const b64Value = own(prot, 'b64');
  if (b64Value !== undefined && typeof b64Value !== 'boolean') {
    s.add('EDC_SEAL_HEADER_INVALID', s.protPath, '`b64` must be true or false (RFC 7797 §3).');
    return undefined;
  }
  return { prot, unprot, protectedText, b64: b64Value !== false };
}

/** The problem with one name `crit` lists, if any. */
function critProblem(name: string, prot: JsonObject, seen: ReadonlySet<string>): string | undefined {
  if (seen.has(name)) return `\`crit\` lists \`${name}\` twice.`;
  if (REGISTERED_JWS_PARAMETERS.has(name)) return `\`crit\` lists \`${name}\`, a parameter RFC 7515/7518 define, which it must not (RFC 7515 §4.1.11).`;
  if (!Object.hasOwn(prot, name)) return `\`crit\` lists \`${name}\`, which the protected header does not contain.`;
  if (name === 'sigD') return '`sigD` (ETSI TS 119 182-1 §5.2.8) says the signed data is detached and referenced elsewhere; this verifier checks only the payload in the document, so it cannot process it.';
  if (!UNDERSTOOD_CRITICAL.has(name)) return `\`crit\` lists \`${name}\`, which this verifier does not understand; RFC 7515 §4.1.11 requires rejecting the signature.`;
  return undefined;
}

/** `crit` (RFC 7515 §4.1.11): every listed parameter must be present and understood. False when the signature must be rejected. */
export function checkCrit({ prot, b64 }: Headers, s: Scope): boolean {
  let critOk = true;
  const crit = own(prot, 'crit');
  const critNames = Array.isArray(crit) ? crit : [];
  if (crit !== undefined) {
    if (!Array.isArray(crit) || crit.length === 0 || !crit.every((c) => typeof c === 'string')) {
      s.add('EDC_SEAL_CRITICAL_HEADER', s.protPath, '`crit` must be a non-empty array of header parameter names (RFC 7515 §4.1.11).');
      critOk = false;
    } else {
      const seen = new Set<string>();
      for (const name of crit as string[]) {
        const problem = critProblem(name, prot, seen);
        seen.add(name);
        if (problem !== undefined) {
          s.add('EDC_SEAL_CRITICAL_HEADER', [...s.protPath, name], problem);
          critOk = false;
        }
      }
    }
  }
  if (critOk && own(prot, 'sigD') !== undefined && !critNames.includes('sigD')) {
    s.add('EDC_SEAL_CRITICAL_HEADER', [...s.protPath, 'sigD'], '`sigD` (a detached, referenced payload) is not supported, and JAdES requires it to be critical.');
    critOk = false;
  }
  // RFC 7797 §6: an unencoded payload must be announced as critical, or a verifier unaware of b64 would mis-verify.
  if (!b64 && !critNames.includes('b64')) {
    s.add('EDC_SEAL_CRITICAL_HEADER', s.protPath, '`b64: false` is used but `crit` does not list `b64` (RFC 7797 §6).');
    critOk = false;
  }
  return critOk;
}

/** `alg` (RFC 7515 §4.1.1, RFC 7518 §3.1): the algorithm, or `undefined` (reported) when it is not one a seal may use. */
export function readAlgorithm({ prot, unprot }: Headers, s: Scope): JwsAlgorithm | undefined {
  const algName = own(prot, 'alg') ?? own(unprot, 'alg');
  if (typeof algName === 'string') s.result.algorithm = algName;
  const alg = typeof algName === 'string' && Object.hasOwn(JWS_ALGORITHMS, algName) ? JWS_ALGORITHMS[algName] : undefined;
  if (alg === undefined) {
    const why = algName === undefined ? '`alg` is missing.'
      : algName === 'none' ? '`alg: none` is an unsecured JWS (RFC 7518 §3.6) and is refused.'
      : typeof algName === 'string' && /^HS/.test(algName) ? `\`${algName}\` is a shared-key MAC, not a seal with a certificate.`
      : `\`alg\` ${typeof algName === 'string' ? JSON.stringify(algName.slice(0, 40)) : `(a ${Array.isArray(algName) ? 'array' : typeof algName})`} is not supported (RS256/384/512, PS256/384/512, ES256/384/512).`;
    s.add('EDC_SEAL_ALGORITHM_UNSUPPORTED', [...s.protPath, 'alg'], why);
  }
  return alg;
}

/** The signing time the seal claims: `sigT` (ETSI TS 119 182-1 §5.2.1) or `iat` (RFC 7519 §4.1.6, used by JAdES V1.2.1). */
export function readSigningTime({ prot }: Headers, s: Scope): { date?: Date; name?: 'sigT' | 'iat' } {
  const sigT = own(prot, 'sigT');
  const iat = own(prot, 'iat');
  if (sigT !== undefined) {
    const date = typeof sigT === 'string' ? parseRfc3339(sigT) : undefined;
    if (date === undefined) {
      s.add('EDC_SEAL_HEADER_INVALID', [...s.protPath, 'sigT'], '`sigT` must be an RFC 3339 date-time such as 2023-09-27T11:54:17Z.');
      return {};
    }
    s.result.signingTime = sigT as string;
    return { date, name: 'sigT' };
  }
  if (iat === undefined) return {};
  if (typeof iat === 'number' && Number.isInteger(iat) && iat >= 0 && iat <= MAX_IAT) {
    const date = new Date(iat * 1000);
    s.result.signingTime = isoSeconds(date);
    return { date, name: 'iat' };
  }
  s.add('EDC_SEAL_HEADER_INVALID', [...s.protPath, 'iat'], '`iat` must be a whole number of seconds since 1970 (RFC 7519 §2, NumericDate).');
  return {};
}
