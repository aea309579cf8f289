/**
 * Publishing status lists (src/status/publish.ts):
 * - publishStatusList: the signed list stored beside the state, its max-age from the list's own ttl
 *   (token seconds, W3C milliseconds) or the signer's, signed again when the list changes during
 *   signing; wrong callbacks refused;
 * - createStatusListHandler with real WHATWG Requests: 200/HEAD/304/404/405/OPTIONS, the headers
 *   (Content-Type, ETag, Cache-Control, CORS, Content-Length), matching by path, the prefix, lists
 *   with the same path on two hosts, a list published after the handler was made;
 * - the handler mounted on a real node:http server and read with fetch(): a Status List Token
 *   signed with jose, verified with jose and decoded with @sd-jwt/jwt-status-list (independent of
 *   this library) shows the revocations, and a revocation published later shows too.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StatusList as SdJwtStatusList } from '@sd-jwt/jwt-status-list';
import { exportJWK, generateKeyPair, jwtVerify, SignJWT, type CryptoKey as JoseKey } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StatusListConflictError } from '../src/status/errors.js';
import { FileStatusListStore } from '../src/status/file-store/file-store.js';
import { StatusList } from '../src/status/list.js';
import { createStatusListHandler, publishStatusList } from '../src/status/publish.js';
import { allocateStatus, MemoryStatusListStore, updateStatusList, type StatusListStore } from '../src/status/store.js';

const ID = 'https://uni.example.eu/status/1';
const work = mkdtempSync(join(tmpdir(), 'eumc-status-publish-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

let key: JoseKey;
let publicKey: JoseKey;
beforeAll(async () => {
  ({ privateKey: key, publicKey } = await generateKeyPair('ES256'));
  expect((await exportJWK(publicKey)).crv).toBe('P-256');
});

/** A Status List Token signed with jose (not with this library), ttl 300 s. */
const signToken = async (list: StatusList) => ({
  body: await new SignJWT({ sub: list.id, ttl: 300, status_list: list.encoded() as { bits: number; lst: string } })
    .setProtectedHeader({ alg: 'ES256', typ: 'statuslist+jwt' })
    .setIssuedAt()
    .sign(key),
  mediaType: 'application/statuslist+jwt',
});

async function storeWithList(store: StatusListStore = new MemoryStatusListStore(), id = ID): Promise<StatusListStore> {
  await store.put({ list: StatusList.create({ id, format: 'token', length: 1024 }).toJSON() }, undefined);
  return store;
}

describe('publishStatusList', () => {
  it('stores the signed list beside the state, with the token\'s ttl as max-age', async () => {
    const store = await storeWithList();
    const { index } = await allocateStatus(store, ID);
    const published = await publishStatusList(store, ID, signToken);
    expect(published).toMatchObject({ mediaType: 'application/statuslist+jwt', revision: 1, maxAge: 300 });
    expect(Date.now() - Date.parse(published.published!)).toBeLessThan(60_000);
    const record = (await store.get(ID))!;
    expect(record.published).toEqual(published);
    expect(record.list.revision).toBe(1);
    const { payload } = await jwtVerify(published.body, publicKey, { typ: 'statuslist+jwt' });
    expect(payload.sub).toBe(ID);
    expect(StatusList.fromJSON(record.list).isAllocated(index)).toBe(true);
  });

  it('takes a W3C list credential\'s ttl in milliseconds, or the signer\'s maxAge, or none', async () => {
    const store = await storeWithList();
    const credential = (ttl?: number) => JSON.stringify({ type: ['VerifiableCredential', 'BitstringStatusListCredential'], credentialSubject: { type: 'BitstringStatusList', encodedList: 'u…', ...(ttl === undefined ? {} : { ttl }) } });
    expect((await publishStatusList(store, ID, async () => ({ body: credential(86_400_000), mediaType: 'application/vc+ld+json' }))).maxAge).toBe(86_400);
    expect((await publishStatusList(store, ID, async () => ({ body: credential(86_400_000), mediaType: 'application/vc+ld+json', maxAge: 60 }))).maxAge).toBe(60);
    expect((await publishStatusList(store, ID, async () => ({ body: credential(), mediaType: 'application/vc+ld+json' }))).maxAge).toBeUndefined();
    expect((await publishStatusList(store, ID, async () => ({ body: 'not.a.token', mediaType: 'application/statuslist+jwt' }))).maxAge).toBeUndefined();
  });

  it('signs again when the list changes while it is being signed', async () => {
    const store = await storeWithList();
    const { index } = await allocateStatus(store, ID);
    const signed: number[] = [];
    const published = await publishStatusList(store, ID, async (list) => {
      signed.push(list.revision);
      if (signed.length === 1) await updateStatusList(store, ID, (l) => l.revoke(index));
      return signToken(list);
    });
    expect(signed).toEqual([1, 2]);
    expect(published.revision).toBe(2);
    const { payload } = await jwtVerify(published.body, publicKey);
    const { bits, lst } = payload.status_list as { bits: 2; lst: string };
    expect(SdJwtStatusList.decompressStatusList(lst, bits).getStatus(index)).toBe(1);
    const once = publishStatusList(store, ID, async (list) => (await allocateStatus(store, ID), signToken(list)), { attempts: 1 });
    await expect(once).rejects.toBeInstanceOf(StatusListConflictError);
  });

  it('refuses wrong callbacks and unknown lists', async () => {
    const store = await storeWithList();
    await expect(publishStatusList(store, ID, 'sign' as never)).rejects.toThrow(TypeError);
    await expect(publishStatusList(store, ID, async () => ({ body: '', mediaType: 'application/json' }))).rejects.toThrow(TypeError);
    await expect(publishStatusList(store, ID, async () => null as never)).rejects.toThrow(TypeError);
    await expect(publishStatusList(store, ID, async () => ({ body: 'x', mediaType: 'application/json', maxAge: -5 }))).rejects.toThrow(TypeError);
    await expect(publishStatusList(store, 'https://uni.example.eu/status/9', signToken)).rejects.toThrow(RangeError);
    expect((await store.get(ID))!.published).toBeUndefined();
  });
});

describe('createStatusListHandler', () => {
  it('serves the published list with its headers; HEAD, If-None-Match, other methods and paths', async () => {
    const store = await storeWithList();
    await store.put({ list: StatusList.create({ id: 'https://uni.example.eu/status/unpublished', format: 'token', length: 8 }).toJSON() }, undefined);
    const { body } = await publishStatusList(store, ID, signToken);
    const handler = createStatusListHandler(store);

    const ok = await handler(new Request(ID));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe(body);
    const etag = ok.headers.get('etag')!;
    expect(etag).toMatch(/^"0-[0-9a-f]{16}"$/);
    expect(Object.fromEntries(['content-type', 'cache-control', 'access-control-allow-origin', 'content-length'].map((h) => [h, ok.headers.get(h)]))).toEqual({
      'content-type': 'application/statuslist+jwt',
      'cache-control': 'max-age=300',
      'access-control-allow-origin': '*',
      'content-length': String(Buffer.byteLength(body)),
    });

    const head = await handler(new Request(ID, { method: 'HEAD' }));
    expect([head.status, await head.text(), head.headers.get('content-length'), head.headers.get('etag')]).toEqual([200, '', String(Buffer.byteLength(body)), etag]);
    for (const inm of [etag, `W/${etag}`, `"other", ${etag}`, '*']) {
      const cached = await handler(new Request(ID, { headers: { 'if-none-match': inm } }));
      expect([cached.status, await cached.text(), cached.headers.get('etag')], inm).toEqual([304, '', etag]);
    }
    expect((await handler(new Request(ID, { headers: { 'if-none-match': '"0-0000000000000000"' } }))).status).toBe(200);
    expect((await handler(new Request('http://localhost:8080/status/1'))).status).toBe(200);

    const post = await handler(new Request(ID, { method: 'POST', body: 'x' }));
    expect([post.status, post.headers.get('allow')]).toEqual([405, 'GET, HEAD, OPTIONS']);
    expect((await handler(new Request(ID, { method: 'OPTIONS' }))).status).toBe(204);
    expect((await handler(new Request('https://uni.example.eu/status/2'))).status).toBe(404);
    expect((await handler(new Request('https://uni.example.eu/status/unpublished'))).status).toBe(404);
    expect((await handler(new Request('https://uni.example.eu/'))).status).toBe(404);
  });

  it('changes the ETag when the list is signed again, even at the same revision', async () => {
    const store = await storeWithList();
    await publishStatusList(store, ID, signToken);
    const handler = createStatusListHandler(store);
    const first = (await handler(new Request(ID))).headers.get('etag');
    await new Promise((resolve) => setTimeout(resolve, 1100)); // a new iat
    await publishStatusList(store, ID, signToken);
    const second = await handler(new Request(ID, { headers: { 'if-none-match': first! } }));
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).not.toBe(first);
  });

  it('puts a stripped mount path back (prefix), and chooses by host between ids with the same path', async () => {
    const store = new MemoryStatusListStore();
    for (const id of ['https://a.example/status/1', 'https://b.example/status/1', 'https://c.example/lists/7', 'urn:uuid:1b4e28ba-2fa1-11d2-883f-0016d3cca427']) {
      await storeWithList(store, id);
      await publishStatusList(store, id, async () => ({ body: `list ${id}`, mediaType: 'text/plain' }));
    }
    const handler = createStatusListHandler(store);
    expect(await (await handler(new Request('https://a.example/status/1'))).text()).toBe('list https://a.example/status/1');
    expect(await (await handler(new Request('https://b.example/status/1'))).text()).toBe('list https://b.example/status/1');
    expect((await handler(new Request('https://other.example/status/1'))).status).toBe(404);
    expect(await (await handler(new Request('http://127.0.0.1:3000/lists/7'))).text()).toBe('list https://c.example/lists/7');
    const mounted = createStatusListHandler(store, { prefix: '/lists/' });
    expect(await (await mounted(new Request('http://127.0.0.1:3000/7'))).text()).toBe('list https://c.example/lists/7');
    expect(() => createStatusListHandler(store, { prefix: 'lists' })).toThrow(TypeError);
    expect(() => createStatusListHandler({} as never)).toThrow(TypeError);
    // A list published after the handler was made is found.
    await storeWithList(store, 'https://c.example/lists/8');
    await publishStatusList(store, 'https://c.example/lists/8', async () => ({ body: 'eight', mediaType: 'text/plain' }));
    expect(await (await handler(new Request('https://c.example/lists/8'))).text()).toBe('eight');
  });
});

describe('the handler on a node:http server, read with fetch()', () => {
  let server: Server;
  let origin: string;
  let store: FileStatusListStore;
  beforeAll(async () => {
    store = new FileStatusListStore(join(work, 'lists'));
    const handler = createStatusListHandler(store);
    // The adapter a Node user writes: IncomingMessage → Request, Response → ServerResponse.
    server = createServer((req, res) => {
      const request = new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers: req.headers as Record<string, string> });
      handler(request).then(
        async (response) => {
          const headers: Record<string, string> = {};
          response.headers.forEach((value, name) => (headers[name] = value));
          res.writeHead(response.status, headers);
          res.end(req.method === 'HEAD' ? undefined : Buffer.from(await response.arrayBuffer()));
        },
        () => res.writeHead(500).end(),
      );
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  /** The statuses a verifier reads from the served token: verified with jose, decoded by @sd-jwt/jwt-status-list. */
  async function served(indexes: number[], headers: Record<string, string> = {}) {
    const response = await fetch(`${origin}/status/1`, { headers });
    if (response.status !== 200) return { status: response.status, etag: response.headers.get('etag') };
    expect(response.headers.get('content-type')).toBe('application/statuslist+jwt');
    const { payload, protectedHeader } = await jwtVerify(await response.text(), publicKey);
    expect([protectedHeader.typ, payload.sub]).toEqual(['statuslist+jwt', ID]);
    const { bits, lst } = payload.status_list as { bits: 2; lst: string };
    const list = SdJwtStatusList.decompressStatusList(lst, bits);
    return { status: 200, etag: response.headers.get('etag'), values: indexes.map((i) => list.getStatus(i)) };
  }

  it('issues, revokes, suspends, publishes and serves: the verifier sees each change', async () => {
    await storeWithList(store);
    const [a, b, c] = [(await allocateStatus(store, ID)).index, (await allocateStatus(store, ID)).index, (await allocateStatus(store, ID)).index];
    await updateStatusList(store, ID, (list) => list.revoke(a));
    await publishStatusList(store, ID, signToken);
    const first = await served([a, b, c]);
    expect(first).toMatchObject({ status: 200, values: [1, 0, 0] });
    expect(await served([a], { 'if-none-match': first.etag! })).toEqual({ status: 304, etag: first.etag });
    const head = await fetch(`${origin}/status/1`, { method: 'HEAD' });
    expect([head.status, head.headers.get('etag'), await head.text()]).toEqual([200, first.etag, '']);

    await updateStatusList(store, ID, (list) => list.suspend(b));
    expect((await served([a, b], { 'if-none-match': first.etag! })).status).toBe(304); // not published yet
    await publishStatusList(store, ID, signToken);
    const second = await served([a, b, c], { 'if-none-match': first.etag! });
    expect(second).toMatchObject({ status: 200, values: [1, 2, 0] });
    expect(second.etag).not.toBe(first.etag);
    expect((await fetch(`${origin}/status/2`)).status).toBe(404);
    expect((await fetch(`${origin}/status/1`, { method: 'DELETE' })).status).toBe(405);
  });
});

describe('createStatusListHandler: Cache-Control counts down from the publication', () => {
  it('serves what is left of max-age, and no-cache once it has run out', async () => {
    const store = await storeWithList();
    const fresh = await publishStatusList(store, ID, signToken);
    const handler = createStatusListHandler(store);
    const record = (await store.get(ID))!;
    const aged = async (secondsAgo: number) => {
      const current = (await store.get(ID))!;
      await store.put({ list: { ...current.list, revision: current.list.revision + 1 }, published: { ...fresh, published: new Date(Date.now() - secondsAgo * 1000).toISOString() } }, current.list.revision);
      return (await handler(new Request(ID))).headers.get('cache-control');
    };
    expect(record.published!.maxAge).toBe(300);
    expect(await aged(200)).toMatch(/^max-age=(99|100)$/);
    expect(await aged(299.5)).toMatch(/^max-age=1$|^no-cache$/);
    expect(await aged(301)).toBe('no-cache');
    expect(await aged(86_400)).toBe('no-cache');
  });
});
