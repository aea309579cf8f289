/**
 * Reading the files a user loads to judge signers and revocation: certificates (PEM or DER) become
 * trust anchors, DID or controller documents become controllers, JWKs and JWK Sets become SD-JWT VC
 * issuer keys, and status lists (a BitstringStatusListCredential, a Status List Token) become
 * status lists. Anything else is a problem in words, never an exception.
 */
import { base64UrlJson, isObject, readJson, utf8 } from './json.js';
import type { Trust } from './types.js';

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----([\s\S]*?)-----END CERTIFICATE-----/g;
const MAX_TRUST_BYTES = 16 * 1024 * 1024;

const toBase64 = (bytes: Uint8Array): string => {
  let bin = '';
  for (let i = 0; i < bytes.length; i += 0x8000) bin += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(bin);
};
const pemOf = (b64: string) => `-----BEGIN CERTIFICATE-----\n${b64.replace(/.{64}/g, '$&\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;

/** A DER certificate starts with a SEQUENCE holding a SEQUENCE (tbsCertificate). */
const looksLikeDer = (bytes: Uint8Array) => bytes.length > 64 && bytes[0] === 0x30 && (bytes[1]! & 0x80) !== 0 && bytes.indexOf(0x30, 2) > 0 && bytes.indexOf(0x30, 2) < 6;

/** What one trust file adds, or the problem with it (then `added` is empty). */
export function readTrustFile(name: string, bytes: Uint8Array): { added: Partial<Trust>; problem?: string } {
  try {
    if (bytes.length === 0) return { added: {}, problem: `${name} is empty: nothing to load.` };
    if (bytes.length > MAX_TRUST_BYTES) return { added: {}, problem: `${name} is larger than 16 MB: not a certificate, key, DID document or status list.` };
    const text = utf8(bytes);
    if (text === undefined) {
      if (looksLikeDer(bytes)) return { added: { trustAnchors: [{ name, pem: pemOf(toBase64(bytes)) }] } };
      return { added: {}, problem: `${name} is not a certificate (PEM or DER), a DID document, a JWK or a status list.` };
    }
    const blocks = [...text.matchAll(PEM_BLOCK)].map((m) => m[1]!.replace(/\s+/g, ''));
    if (blocks.length > 0) {
      const bad = blocks.findIndex((b) => !/^[A-Za-z0-9+/]+={0,2}$/.test(b));
      if (bad >= 0) return { added: {}, problem: `Certificate ${bad + 1} of ${name} is not base64.` };
      return { added: { trustAnchors: blocks.map((b, i) => ({ name: blocks.length > 1 ? `${name} (${i + 1})` : name, pem: pemOf(b) })) } };
    }
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(text)) return { added: {}, problem: `${name} is a private key: never share it. Load the issuer's certificate instead.` };
    const trimmed = text.trim();
    if (/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(trimmed)) {
      const header = base64UrlJson(trimmed.slice(0, trimmed.indexOf('.')));
      if (isObject(header) && header.typ === 'statuslist+jwt') return { added: { statusLists: [{ name, text: trimmed }] } };
      return { added: {}, problem: `${name} is a JWT, but not a Status List Token (its header's typ is ${JSON.stringify(isObject(header) ? header.typ : undefined) ?? 'absent'}, not "statuslist+jwt").` };
    }
    const json = readJson(text);
    if (!json.ok) return { added: {}, problem: `${name}: ${json.message}` };
    return fromJson(name, json.value, trimmed);
  } catch (error) {
    return { added: {}, problem: `${name} could not be read (${error instanceof Error ? error.message : String(error)}).` };
  }
}

function fromJson(name: string, doc: unknown, text: string): { added: Partial<Trust>; problem?: string } {
  if (!isObject(doc)) return { added: {}, problem: `${name} is JSON, but not an object: not a DID document, a JWK or a status list.` };
  const types = ([] as unknown[]).concat(doc.type ?? []);
  if (types.includes('BitstringStatusListCredential')) return { added: { statusLists: [{ name, text }] } };
  if (typeof doc.kty === 'string') return jwks(name, [doc]);
  if (Array.isArray(doc.keys)) return jwks(name, doc.keys);
  if (typeof doc.id === 'string' && (Array.isArray(doc.verificationMethod) || Array.isArray(doc.assertionMethod))) return { added: { controllers: [{ name, document: doc }] } };
  return { added: {}, problem: `${name} is JSON, but none of a DID or controller document (id and verificationMethod), a JWK (kty), a JWK Set (keys) or a BitstringStatusListCredential.` };
}

function jwks(name: string, keys: unknown[]): { added: Partial<Trust>; problem?: string } {
  if (keys.length === 0) return { added: {}, problem: `${name} is a JWK Set with no keys.` };
  const out: Trust['issuerKeys'] = [];
  for (const [i, key] of keys.entries()) {
    const label = keys.length > 1 ? `${name} (${typeof (key as { kid?: unknown }).kid === 'string' ? (key as { kid: string }).kid : i + 1})` : name;
    if (!isObject(key) || typeof key.kty !== 'string') return { added: {}, problem: `Key ${i + 1} of ${name} is not a JWK (no kty).` };
    if (key.d !== undefined) return { added: {}, problem: `${label} is a private key (it has "d"): never share it. Load the issuer's public key.` };
    out.push({ name: label, jwk: key });
  }
  return { added: { issuerKeys: out } };
}

/** Two trusts together (the preloaded one and the user's). */
export function mergeTrust(a: Trust, b: Partial<Trust>): Trust {
  return {
    trustAnchors: [...a.trustAnchors, ...(b.trustAnchors ?? [])],
    controllers: [...a.controllers, ...(b.controllers ?? [])],
    issuerKeys: [...a.issuerKeys, ...(b.issuerKeys ?? [])],
    statusLists: [...a.statusLists, ...(b.statusLists ?? [])],
  };
}
