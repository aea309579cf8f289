/**
 * Publishing status lists: sign the list's current state and keep the signed list beside it in the
 * store (`publishStatusList`), and serve it over HTTP with a WHATWG fetch handler
 * (`createStatusListHandler`) that any server mounts: Node's `http` through an adapter, Hono, Deno,
 * Bun, Cloudflare Workers, Next.js route handlers.
 * @module
 */
import { describeValue } from '../json/describe.js';
import { base64UrlToBytes, bytesToHex, utf8Decode, utf8Encode } from '../json/encoding.js';
import { StatusListConflictError, StatusListError } from './errors.js';
import { StatusList } from './list.js';
import { parseUrl } from './list/url.js';
import type { PublishedStatusList, StatusListStore } from './store.js';

/**
 * What the signing callback of {@link publishStatusList} gives: the signed list as served (the
 * list credential's JSON text, or the compact Status List Token) and its media type.
 *
 * @example
 * const signed: SignedStatusList = { body: jwt, mediaType: 'application/statuslist+jwt' };
 */
export interface SignedStatusList {
  body: string;
  /** `application/vc+ld+json` or `application/vc` for a W3C list credential (or `application/json`), `application/statuslist+jwt` for a token. */
  mediaType: string;
  /** Seconds clients may cache it (`Cache-Control: max-age`). Default: the list's own `ttl` (W3C `credentialSubject.ttl` in milliseconds, token `ttl` in seconds), else none. */
  maxAge?: number;
}

/**
 * Options of {@link publishStatusList}.
 *
 * @example
 * await publishStatusList(store, id, sign, { attempts: 3 });
 */
export interface PublishStatusListOptions {
  /** Signings tried when the list changes while it is being signed (default 5). */
  attempts?: number;
}

const MAX_AGE_LIMIT = 31_536_000; // one year, RFC 9111 §1.2.2 caps what a cache takes seriously anyway

/** The list's own `ttl` as seconds of caching: W3C `credentialSubject.ttl` (ms, REC §2.2) or the token's `ttl` (s, draft §5.1). */
function ttlSeconds(body: string): number | undefined {
  let claims: unknown;
  try {
    if (body.trimStart().startsWith('{')) {
      const subject = (JSON.parse(body) as { credentialSubject?: unknown }).credentialSubject;
      const ttl = (Array.isArray(subject) ? subject[0] : subject) as { ttl?: unknown } | undefined;
      return typeof ttl?.ttl === 'number' && ttl.ttl > 0 && Number.isFinite(ttl.ttl) ? Math.min(MAX_AGE_LIMIT, Math.floor(ttl.ttl / 1000)) : undefined;
    }
    const payload = body.trim().split('.')[1];
    const bytes = payload === undefined ? undefined : base64UrlToBytes(payload);
    const text = bytes === undefined ? undefined : utf8Decode(bytes);
    claims = text === undefined ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
  const ttl = (claims as { ttl?: unknown } | null | undefined)?.ttl;
  return typeof ttl === 'number' && ttl > 0 && Number.isFinite(ttl) ? Math.min(MAX_AGE_LIMIT, Math.floor(ttl)) : undefined;
}

function readSigned(signed: unknown): SignedStatusList {
  const s = signed as Partial<SignedStatusList> | null;
  if (typeof s !== 'object' || s === null) throw new TypeError(`publishStatusList: sign must resolve to { body, mediaType }, not ${describeValue(signed)}.`);
  const { body, mediaType, maxAge } = s;
  if (typeof body !== 'string' || body.length === 0) throw new TypeError(`publishStatusList: the signed list's body must be a non-empty string, not ${describeValue(body)}.`);
  if (typeof mediaType !== 'string') throw new TypeError(`publishStatusList: the signed list's mediaType must be a string, not ${describeValue(mediaType)}.`);
  if (maxAge !== undefined && (typeof maxAge !== 'number' || !Number.isSafeInteger(maxAge) || maxAge < 0)) throw new TypeError(`publishStatusList: maxAge must be a non-negative integer (seconds), not ${describeValue(maxAge)}.`);
  return { body, mediaType, ...(maxAge === undefined ? {} : { maxAge }) };
}

/**
 * Signs list `id`'s current state with `sign` and stores the result beside it (the record's
 * `published`), for {@link createStatusListHandler} to serve or for the caller to copy anywhere.
 * `sign` gets the list (read-only use: `encoded()`, `id`, …) and makes the list credential or
 * token, e.g. with `createStatusListCredential` + `signCredential`, or `createStatusListToken`.
 * If the list changes while it is being signed, it is signed again (up to `attempts` times), so
 * the published list is never older than the state it is stored with. Gives what was stored.
 *
 * @example
 * await publishStatusList(store, 'https://uni.example.eu/status/2', async (list) => ({
 *   body: await createStatusListToken(list, { key, issuer: 'https://uni.example.eu', ttl: 3600 }),
 *   mediaType: 'application/statuslist+jwt',
 * }));
 */
export async function publishStatusList(store: StatusListStore, id: string, sign: (list: StatusList) => Promise<SignedStatusList>, options: PublishStatusListOptions = {}): Promise<PublishedStatusList> {
  if (typeof sign !== 'function') throw new TypeError(`publishStatusList: sign must be a function, not ${describeValue(sign)}.`);
  const attempts = options.attempts ?? 5;
  if (!Number.isSafeInteger(attempts) || attempts < 1) throw new TypeError(`publishStatusList: attempts must be a positive integer, not ${describeValue(attempts)}.`);
  for (let attempt = 1; ; attempt++) {
    const record = await store.get(id);
    if (record === undefined) throw new RangeError(`publishStatusList: no status list ${JSON.stringify(id)} in the store.`);
    const list = StatusList.fromJSON(record.list);
    if (list.id !== id) throw new StatusListError(`The store gave list ${JSON.stringify(list.id)} for ${JSON.stringify(id)}.`);
    const signed = readSigned(await sign(list));
    const maxAge = signed.maxAge ?? ttlSeconds(signed.body);
    const published: PublishedStatusList = {
      body: signed.body,
      mediaType: signed.mediaType,
      revision: record.list.revision,
      ...(maxAge === undefined ? {} : { maxAge }),
      published: new Date().toISOString(),
    };
    try {
      await store.put({ list: record.list, published }, record.list.revision);
      return published;
    } catch (error) {
      if (!(error instanceof StatusListConflictError) || attempt >= attempts) throw error;
    }
  }
}

/**
 * The part of a WHATWG `Request` the handler reads; every runtime's `Request` is one.
 *
 * @example
 * const request: StatusListRequest = new Request('https://uni.example.eu/status/1');
 */
export interface StatusListRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: { get(name: string): string | null };
}

/**
 * The minimal shape of a WHATWG `Response`, used in the declarations only where the TypeScript
 * project has neither the DOM's nor Node's types.
 *
 * @example
 * const { status, headers } = (await handler(request)) as MinimalResponse;
 */
export interface MinimalResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/**
 * The runtime's `Response` type (the DOM's, or Node's from @types/node), or
 * {@link MinimalResponse} where the project has neither.
 *
 * @example
 * const response: StatusListResponse = await handler(request);
 */
export type StatusListResponse = typeof globalThis extends { Response: { prototype: infer R } } ? R : MinimalResponse;

/**
 * Options of {@link createStatusListHandler}.
 *
 * @example
 * const handler = createStatusListHandler(store, { prefix: '/status' });
 */
export interface StatusListHandlerOptions {
  /**
   * The path the handler is mounted at when the router strips it from the request's URL before
   * calling the handler (Hono's `app.mount('/status', handler)`, Express's `app.use('/status', …)`):
   * it is put back in front of the request's path before matching. Default: none (the request's
   * path is matched as it is).
   */
  prefix?: string;
}

type ResponseConstructor = new (body: string | null, init: { status: number; headers: Record<string, string> }) => StatusListResponse;

const COMMON = { 'access-control-allow-origin': '*', 'access-control-expose-headers': 'ETag', 'x-content-type-options': 'nosniff' };
const ALLOW = 'GET, HEAD, OPTIONS';

/** `"<revision>-<first 64 bits of SHA-256 of the body>"`: changes when a list is signed again at the same revision (a new validity period). */
async function etagOf(published: PublishedStatusList): Promise<string> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest('SHA-256', utf8Encode(published.body)));
  return `"${published.revision}-${bytesToHex(digest.subarray(0, 8)).toLowerCase()}"`;
}

/** RFC 9110 §13.1.2 If-None-Match, with the weak comparison it requires. */
function matches(ifNoneMatch: string | null, etag: string): boolean {
  if (ifNoneMatch === null) return false;
  return ifNoneMatch.split(',').some((tag) => {
    const t = tag.trim();
    return t === '*' || t.replace(/^W\//, '') === etag;
  });
}

function readPrefix(prefix: unknown): string {
  if (prefix === undefined || prefix === '' || prefix === '/') return '';
  if (typeof prefix !== 'string' || !prefix.startsWith('/') || /[\s?#]/.test(prefix)) throw new TypeError(`createStatusListHandler: prefix must be a path starting with "/", not ${describeValue(prefix)}.`);
  return prefix.replace(/\/+$/, '');
}

/** The ids of the store by the path of their URL (ids that are not URLs with a path are not served). */
async function pathIndex(store: StatusListStore): Promise<Map<string, string[]>> {
  const index = new Map<string, string[]>();
  for (const id of await store.ids()) {
    const path = parseUrl(id)?.pathname;
    if (path === undefined || !path.startsWith('/')) continue;
    index.set(path, [...(index.get(path) ?? []), id]);
  }
  return index;
}

/**
 * `Cache-Control` for a published list: the seconds left of its `maxAge` since it was published
 * (a cache must not keep a list past the moment verifiers call it stale), else `no-cache`.
 */
function cacheControl(published: PublishedStatusList, now: number): string {
  if (published.maxAge === undefined) return 'no-cache';
  const at = published.published === undefined ? Number.NaN : Date.parse(published.published);
  const left = Number.isNaN(at) ? published.maxAge : published.maxAge - Math.max(0, Math.floor((now - at) / 1000));
  return left > 0 ? `max-age=${left}` : 'no-cache';
}

/**
 * A WHATWG fetch handler, `(request) => Promise<Response>`, serving the published lists of `store`
 * (what {@link publishStatusList} stored) at the paths of their ids: a list with id
 * `https://uni.example.eu/status/1` is served for `GET /status/1` (the request's host is used only
 * to choose between lists whose ids have the same path). Answers:
 * - 200 with the signed list, `Content-Type` its media type, `ETag` (the revision and a digest of
 *   the body), `Cache-Control: max-age=<seconds>`: what is left of its `ttl` since it was
 *   published, since verifiers count the `ttl` from the list's own time (else, and once it has run
 *   out, `no-cache`: revalidate with the ETag), and `Access-Control-Allow-Origin: *` (status lists are public, and verifiers in
 *   browsers must be able to read them); HEAD the same without the body;
 * - 304 when `If-None-Match` has the ETag; 404 for a path with no published list; 405 for other
 *   methods (204 for OPTIONS), with `Allow`.
 * A store that fails rejects the promise (the server answers 500 and logs it, as frameworks do).
 *
 * @example
 * const handler = createStatusListHandler(store);
 * // Deno / Bun / Cloudflare Workers: Deno.serve(handler); export default { fetch: handler };
 * // Hono: app.get('/status/*', (c) => handler(c.req.raw));
 * const response = await handler(new Request('https://uni.example.eu/status/1'));
 */
export function createStatusListHandler(store: StatusListStore, options: StatusListHandlerOptions = {}): (request: StatusListRequest) => Promise<StatusListResponse> {
  if (typeof store?.get !== 'function' || typeof store.ids !== 'function') throw new TypeError('createStatusListHandler: store must be a StatusListStore.');
  const prefix = readPrefix(options?.prefix);
  const Response = (globalThis as unknown as { Response?: ResponseConstructor }).Response;
  if (typeof Response !== 'function') throw new TypeError('createStatusListHandler: this runtime has no fetch Response class (Node 18+, Deno, Bun and browsers have one).');
  let index: Map<string, string[]> = new Map();
  const etags = new Map<string, { body: string; etag: string; length: number }>();
  const answer = (status: number, headers: Record<string, string>, body: string | null = null) => new Response(body, { status, headers: { ...COMMON, ...headers } });

  const find = async (path: string, host: string): Promise<string | undefined> => {
    if (!index.has(path)) index = await pathIndex(store);
    const ids = index.get(path) ?? [];
    return ids.length === 1 ? ids[0] : ids.find((id) => parseUrl(id)?.host === host);
  };

  return async (request) => {
    const method = request.method.toUpperCase();
    if (method === 'OPTIONS') return answer(204, { allow: ALLOW, 'access-control-allow-methods': ALLOW, 'access-control-allow-headers': 'If-None-Match' });
    if (method !== 'GET' && method !== 'HEAD') return answer(405, { allow: ALLOW, 'content-type': 'text/plain; charset=utf-8' }, method === 'HEAD' ? null : 'Method not allowed: status lists are read with GET or HEAD.\n');
    const url = parseUrl(request.url);
    if (url === undefined) throw new TypeError(`createStatusListHandler: the request's url is not an absolute URL: ${describeValue(request.url)}.`);
    const id = await find(prefix + url.pathname, url.host);
    const published = id === undefined ? undefined : (await store.get(id))?.published;
    if (id === undefined || published === undefined) return answer(404, { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-cache' }, method === 'HEAD' ? null : 'No status list is published at this address.\n');
    let cached = etags.get(id);
    if (cached?.body !== published.body) {
      cached = { body: published.body, etag: await etagOf(published), length: utf8Encode(published.body).length };
      etags.set(id, cached);
    }
    const headers = { etag: cached.etag, 'cache-control': cacheControl(published, Date.now()) };
    if (matches(request.headers.get('if-none-match'), cached.etag)) return answer(304, headers);
    const full = { ...headers, 'content-type': published.mediaType, 'content-length': String(cached.length), ...(published.published ? { 'last-modified': new Date(published.published).toUTCString() } : {}) };
    return answer(200, full, method === 'HEAD' ? null : published.body);
  };
}
