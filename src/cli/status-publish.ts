/**
 * `eumc status publish`: the list signed for verifiers, with the library's `publishStatusList` on
 * the list's file (status-file.ts keeps the publication beside the state), then written to `--out`.
 * A bitstring list becomes a `BitstringStatusListCredential` (`createStatusListCredential`, signed
 * by `signCredential` with the Multikey of `eumc keygen`, as `eumc sign` signs); a token list a
 * Status List Token (`createStatusListToken`, with the private JWK of `eumc keygen --format jwk`,
 * as `eumc convert --to sd-jwt-vc` signs).
 *
 * A list is published again after every change and before its publication expires, always to the
 * same place: `--out` replaces a file that is a publication of the same list (a list credential
 * whose `id` is the list's, a token whose `sub` is) without `--force`; any other existing file is
 * refused unless `--force`, as every other `--out`.
 */
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { IssuerKey } from 'eu-micro-credentials/vc';
import type { StatusList } from 'eu-micro-credentials/status';
import { type OutFile, prepareOut, writeOut } from './files.js';
import { readJsonFile, reportProblems, say } from './io.js';
import { readIssuerKey, readPemCertificates } from './sd-jwt-vc-keys.js';
import { ListFile } from './status-file.js';
import { safeName } from './text.js';
import { UsageError } from './usage.js';

/** The options of `eumc status publish`, as commander gives them. */
export interface PublishCommandOptions {
  key?: string;
  issuer?: string;
  out: string;
  validUntil?: string;
  ttl?: string;
  suite?: 'Ed25519Signature2020' | 'eddsa-rdfc-2022' | 'eddsa-jcs-2022';
  vc?: '2.0' | '1.1';
  x5c?: string;
  force: boolean;
}

const UNITS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `--ttl`: a number and a unit (`300s`, `12h`), in milliseconds. A bare number is refused: W3C lists count milliseconds, tokens seconds. */
export function parseTtl(text: string): number {
  const m = /^([1-9]\d*)(ms|s|m|h|d)$/.exec(text);
  const ms = m ? Number(m[1]) * UNITS[m[2]!]! : Number.NaN;
  if (!Number.isSafeInteger(ms)) throw new UsageError(`--ttl ${JSON.stringify(text)} is not a duration: give a number and a unit, ms, s, m, h or d (300s, 12h)`);
  return ms;
}

/** The date of `--valid-until`, in the future. */
function parseUntil(text: string): Date {
  const date = new Date(text);
  if (Number.isNaN(date.getTime())) throw new UsageError(`--valid-until ${JSON.stringify(text)} is not a date`);
  if (date.getTime() <= Date.now()) throw new UsageError(`--valid-until ${JSON.stringify(text)} is not in the future: the publication would be born expired`);
  return date;
}

/** The key of `eumc sign`: `--key <file>` or `EUMC_ISSUER_KEY`, with its private part. */
async function multikey(file: string | undefined): Promise<IssuerKey> {
  const env = process.env.EUMC_ISSUER_KEY;
  let json: unknown;
  if (file !== undefined) json = await readJsonFile(file, 'the key file');
  else if (env) {
    try {
      json = JSON.parse(env);
    } catch {
      throw new UsageError('EUMC_ISSUER_KEY is not valid JSON (it should hold the key file written by `eumc keygen`)');
    }
  } else throw new UsageError('a bitstring list is signed with the issuer key of `eumc sign`: give --key <file> (or the EUMC_ISSUER_KEY environment variable)');
  const { importIssuerKey } = await import('eu-micro-credentials/vc');
  let key: IssuerKey;
  try {
    key = await importIssuerKey(json as never);
  } catch (error) {
    const jwk = json !== null && typeof json === 'object' && 'kty' in json;
    throw new UsageError(jwk ? 'the key is a JWK (for SD-JWT VC and token lists): a bitstring list is signed with the key of `eumc keygen` (Multikey), as `eumc sign` signs' : `the issuer key cannot be used: ${error instanceof Error ? error.message.replace(/^importIssuerKey\(\): /, '') : 'unreadable'}`);
  }
  if (!key.canSign) throw new UsageError('the key has no private part: use the file written by `eumc keygen`');
  return key;
}

/** Whether a text is a publication of list `id`: its list credential (`id`), or its token (`sub`). */
export function publicationOf(text: string, id: string): boolean {
  const trimmed = text.trim();
  try {
    if (trimmed.startsWith('{')) {
      const doc = JSON.parse(trimmed) as { id?: unknown; type?: unknown };
      return doc.id === id && Array.isArray(doc.type) && doc.type.includes('BitstringStatusListCredential');
    }
    const [header, payload] = trimmed
      .split('.')
      .slice(0, 2)
      .map((part) => JSON.parse(Buffer.from(part, 'base64url').toString('utf8')) as Record<string, unknown> | null);
    return header?.typ === 'statuslist+jwt' && payload?.sub === id;
  } catch {
    return false;
  }
}

/** `--out`, checked before any signing: never the list file; an existing file only if it is a publication of this list, or with `--force`. */
async function publicationOut(shown: string, list: ListFile, id: string, force: boolean): Promise<OutFile> {
  if (resolve(shown) === list.path) throw new UsageError(`--out ${safeName(shown)} is the list file itself: the publication goes to another file (the one served at ${id})`);
  const existing = await readFile(shown, 'utf8').catch(() => undefined);
  const ours = existing !== undefined && publicationOf(existing, id);
  if (existing !== undefined && !ours && !force) throw new UsageError(`${safeName(shown)} exists and is not a publication of the list ${id}: eumc does not overwrite it; give --force to replace it, or choose another name`);
  return prepareOut(shown, 'document', true);
}

/** Signs a bitstring list: its list credential, signed with the Multikey. */
async function bitstringSigner(opts: PublishCommandOptions, ttlMs: number | undefined, until: Date | undefined) {
  if (opts.x5c !== undefined) throw new UsageError('--x5c is for token lists (a Status List Token); a bitstring list credential is signed with the key of `eumc keygen`');
  const key = await multikey(opts.key);
  const vc = await import('eu-micro-credentials/vc');
  return async (list: StatusList) => {
    const unsigned = vc.createStatusListCredential(list, { issuer: opts.issuer ?? key.controller, vc: opts.vc ?? '2.0', ...(until ? { validUntil: until } : {}), ...(ttlMs !== undefined ? { ttl: ttlMs } : {}) });
    const signed = await vc.signCredential(unsigned, { key, suite: opts.suite ?? 'Ed25519Signature2020' });
    return { body: JSON.stringify(signed, null, 2), mediaType: opts.vc === '1.1' ? 'application/vc+ld+json' : 'application/vc' };
  };
}

/** Signs a token list: its Status List Token, signed with the private JWK. */
async function tokenSigner(opts: PublishCommandOptions, ttlMs: number | undefined, until: Date | undefined) {
  if (opts.key === undefined) throw new UsageError('a token list is signed with the issuer\'s private JWK: give --key <file> (make one with `eumc keygen --format jwk --alg ES256 --out issuer-key.json`)');
  if (opts.vc !== undefined || opts.suite !== undefined) throw new UsageError('--vc and --suite are for bitstring lists (a list credential); a token list is a Status List Token');
  if (ttlMs !== undefined && ttlMs % 1000 !== 0) throw new UsageError('--ttl of a token list is a whole number of seconds (the token\'s ttl claim counts seconds)');
  if (opts.issuer !== undefined && !/^[a-z][a-z0-9+.-]*:[^\s]+$/i.test(opts.issuer)) throw new UsageError(`--issuer ${JSON.stringify(opts.issuer)} is not a URI`);
  const key = await readIssuerKey(opts.key);
  const x5c = opts.x5c !== undefined ? await readPemCertificates(opts.x5c, '--x5c') : undefined;
  const { createStatusListToken } = await import('eu-micro-credentials/sd-jwt-vc');
  return async (list: StatusList) => {
    const options = { key, ...(opts.issuer !== undefined ? { issuer: opts.issuer } : {}), ...(x5c ? { x5c } : {}), ...(until ? { exp: until } : {}), ...(ttlMs !== undefined ? { ttl: ttlMs / 1000 } : {}) };
    return { body: await createStatusListToken(list, options as Parameters<typeof createStatusListToken>[1]), mediaType: 'application/statuslist+jwt' };
  };
}

/** Runs `eumc status publish`. */
export async function publishCommand(file: string, opts: PublishCommandOptions): Promise<void> {
  const ttlMs = opts.ttl !== undefined ? parseTtl(opts.ttl) : undefined;
  const until = opts.validUntil !== undefined ? parseUntil(opts.validUntil) : undefined;
  const store = new ListFile(file);
  const id = await store.id();
  const format = (await store.get(id))!.list.format;
  const out = await publicationOut(opts.out, store, id, opts.force);
  const sign = format === 'bitstring' ? await bitstringSigner(opts, ttlMs, until) : await tokenSigner(opts, ttlMs, until);
  const { publishStatusList } = await import('eu-micro-credentials/status');
  let published;
  try {
    published = await publishStatusList(store, id, sign);
  } catch (error) {
    if (error instanceof UsageError) throw error;
    const reason = (error as { reason?: unknown }).reason;
    return reportProblems([`error: the list cannot be signed: ${error instanceof Error ? error.message : String(error)}${typeof reason === 'string' ? ` [${reason}]` : ''}`]);
  }
  await writeOut(out, `${published.body}\n`);
  say(`Published ${id} (revision ${published.revision}) to ${safeName(opts.out)}: serve it at ${id}`);
}
