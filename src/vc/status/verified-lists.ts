/**
 * Status list credentials once verified and decoded, kept for the next credential on the same list:
 * verifying a list's signature and inflating its bits is the costly part, done once per exact list
 * text and trust inputs (the controller documents and documents the caller passed). Bounded in
 * entries and in decoded bytes. What depends on the time (validity, `ttl`) is checked at every use.
 * @module
 */
import type { JsonObject } from '../../json/types.js';
import { decodeBitstring } from '../../status/bitstring.js';
import type { VcIssue } from '../codes.js';
import { issuerIdOf } from '../preflight.js';

/**
 * What a list credential's `credentialSubject` says (REC §2.2), decoded.
 *
 * @example
 * const subject: ListSubject = { purposes: ['revocation'], ttl: 86_400_000, bits: new Uint8Array(16384) };
 */
export interface ListSubject {
  /** `statusPurpose`: one or more purposes. */
  purposes: readonly string[];
  /** `ttl` in milliseconds, when given. */
  ttl?: number;
  /** The decoded bitstring. */
  bits: Uint8Array;
}

/**
 * A list credential checked once: its issuer, the issues of its own verification, its subject (or why it cannot be read).
 *
 * @example
 * const usable = (l: VerifiedList) => l.integrity.length === 0 && 'bits' in l.subject;
 */
export interface VerifiedList {
  doc: JsonObject;
  issuer: string | undefined;
  /** Format, proof and issuer-binding issues of the list credential itself: empty when it verified. */
  integrity: readonly VcIssue[];
  subject: ListSubject | { error: string };
}

const cache = new Map<string, VerifiedList>();
const CACHE_ENTRIES = 64;
/** Decoded bytes kept at most (a 131 072-entry list of 1 bit is 16 KiB; the decoder stops at 16 MiB). */
const CACHE_BYTES = 64 * 1024 * 1024;
let cachedBytes = 0;

const typesOf = (v: unknown): unknown[] => (Array.isArray(v) ? v : [v]);
const sizeOf = (l: VerifiedList) => ('bits' in l.subject ? l.subject.bits.length : 0);

/**
 * The subject of a `BitstringStatusListCredential`, decoded, or what is wrong with it.
 *
 * @example
 * const subject = readListSubject(listCredential);
 * if ('bits' in subject) readBitstringStatus(subject.bits, 94567, 1);
 */
export function readListSubject(doc: JsonObject): ListSubject | { error: string } {
  if (!typesOf(doc.type).includes('BitstringStatusListCredential')) return { error: 'its `type` does not include "BitstringStatusListCredential"' };
  const subject = doc.credentialSubject;
  if (subject === null || typeof subject !== 'object' || Array.isArray(subject)) return { error: '`credentialSubject` is not one object' };
  const s = subject as JsonObject;
  if (!typesOf(s.type).includes('BitstringStatusList')) return { error: '`credentialSubject.type` is not "BitstringStatusList"' };
  const purposes = typesOf(s.statusPurpose);
  if (purposes.length === 0 || !purposes.every((p): p is string => typeof p === 'string' && p.length > 0)) return { error: '`credentialSubject.statusPurpose` is not one or more strings' };
  if (s.ttl !== undefined && !(typeof s.ttl === 'number' && Number.isFinite(s.ttl) && s.ttl >= 0)) return { error: '`credentialSubject.ttl` is not a number of milliseconds' };
  try {
    const bits = decodeBitstring(s.encodedList);
    return { purposes, bits, ...(s.ttl === undefined ? {} : { ttl: s.ttl as number }) };
  } catch (error) {
    return { error: error instanceof Error ? error.message.slice(0, 300) : 'its `encodedList` cannot be decoded' };
  }
}

/**
 * The list credential `text` (a copy `doc`) verified with `verify` (the credential verifier's own
 * format, proof and issuer-binding checks) and decoded: from the cache when the same text was
 * checked with the same trust inputs (`trustKey`).
 *
 * @example
 * const list = await verifiedList(source.doc, source.text, trustKey, (doc) => integrityIssues(doc));
 * if (list.integrity.length === 0 && 'bits' in list.subject) readBitstringStatus(list.subject.bits, 94567, 1);
 */
export async function verifiedList(doc: JsonObject, text: string, trustKey: string, verify: (doc: JsonObject) => Promise<VcIssue[]>): Promise<VerifiedList> {
  const key = `${trustKey}\n${text}`;
  const hit = cache.get(key);
  if (hit) {
    // Most recently used last: the oldest go first.
    cache.delete(key);
    cache.set(key, hit);
    return hit;
  }
  const integrity = await verify(doc);
  // A list that does not verify is not decoded: nothing read from it counts.
  const list: VerifiedList = { doc, issuer: issuerIdOf(doc), integrity, subject: integrity.length === 0 ? readListSubject(doc) : { error: 'not verified' } };
  const size = sizeOf(list);
  if (size <= CACHE_BYTES) {
    while (cache.size > 0 && (cache.size >= CACHE_ENTRIES || cachedBytes + size > CACHE_BYTES)) {
      const [oldest, evicted] = cache.entries().next().value!;
      cache.delete(oldest);
      cachedBytes -= sizeOf(evicted);
    }
    cache.set(key, list);
    cachedBytes += size;
  }
  return list;
}
