/**
 * The flags that change a check's verdict (`validate`, `verify`, `status check`), read into the
 * {@link CheckOptions} the checks take: dates parsed, and the files of trusted issuers, controller
 * documents, trust anchors, issuer keys and status lists read.
 */
import { readFile } from 'node:fs/promises';
import type { CheckOptions } from './check-types.js';
import { readJsonFile } from './io.js';
import { type StatusFlags, statusOptionsFrom } from './status-options.js';
import { safeName } from './text.js';
import { UsageError } from './usage.js';

/** The flags of `validate` and `verify` that {@link checkOptionsFrom} reads. */
export type CheckFlags = { now?: string; trustedIssuers?: string; controllers?: string[]; trustAnchors?: string[]; integrityOnly?: boolean; profile?: 'edc' | 'ebsi'; model?: boolean; issuerKeys?: string[]; audience?: string; nonce?: string } & StatusFlags;

/**
 * The options of a check from the flags of `validate`, `verify` and `status check`: the files they
 * name read (a file that cannot be used is a usage error, before any work). `listOption` names the
 * status list flag in messages (`--list` for `status check`).
 */
export async function checkOptionsFrom(opts: CheckFlags, listOption = '--status-list'): Promise<CheckOptions> {
  const out: CheckOptions = await statusOptionsFrom(opts, listOption);
  if (opts.integrityOnly && opts.trustAnchors?.length) throw new UsageError('--integrity-only and --trust-anchors ask opposite things: give one of them');
  if (opts.integrityOnly && opts.issuerKeys?.length) throw new UsageError('--integrity-only and --issuer-keys ask opposite things: give one of them');
  if (opts.issuerKeys?.length) out.issuerKeys = await (await import('./sd-jwt-vc-keys.js')).readIssuerKeys(opts.issuerKeys);
  if (opts.audience !== undefined) out.audience = opts.audience;
  if (opts.nonce !== undefined) out.nonce = opts.nonce;
  if (opts.integrityOnly) out.integrityOnly = true;
  if (opts.now) {
    const now = new Date(opts.now);
    if (Number.isNaN(now.getTime())) throw new UsageError(`--now ${JSON.stringify(opts.now)} is not a date`);
    out.now = now;
  }
  if (opts.trustedIssuers) {
    const list = await readJsonFile(opts.trustedIssuers, 'the trusted-issuers file');
    const ids = Array.isArray(list) ? list : (list as { issuers?: unknown })?.issuers;
    if (!Array.isArray(ids) || !ids.every((i) => typeof i === 'string')) throw new UsageError('the trusted-issuers file must hold a JSON array of issuer ids (or { "issuers": [...] })');
    out.trustedIssuers = ids as string[];
  }
  if (opts.controllers?.length) out.controllers = controllerDocuments(opts.controllers, await Promise.all(opts.controllers.map((c) => readJsonFile(c, 'the controller document'))));
  if (opts.trustAnchors?.length) {
    out.trustAnchors = await Promise.all(
      opts.trustAnchors.map((f) =>
        readFile(f, 'utf8').catch((error: NodeJS.ErrnoException) => {
          throw new UsageError(`the trust anchors file ${safeName(f)} cannot be read (${error.code ?? 'I/O error'})`);
        }),
      ),
    );
  }
  if (opts.profile) out.profile = opts.profile;
  if (opts.model) out.model = true;
  return out;
}

/** The controller documents given, a copy given twice once; each needs an id, and two different ones of one id are a usage error (which is the controller's would be unclear). */
function controllerDocuments(files: readonly string[], docs: readonly unknown[]): object[] {
  const out: { file: string; doc: object; text: string }[] = [];
  docs.forEach((doc, i) => {
    const id = doc !== null && typeof doc === 'object' ? (doc as { id?: unknown }).id : undefined;
    if (typeof id !== 'string') throw new UsageError(`the controller document ${safeName(files[i]!)} has no string "id"`);
    const text = JSON.stringify(doc);
    const other = out.find((o) => (o.doc as { id: string }).id === id);
    if (other && other.text !== text) throw new UsageError(`--controllers: ${safeName(other.file)} and ${safeName(files[i]!)} are two different controller documents of ${JSON.stringify(id.slice(0, 200))}; give the issuer's once`);
    if (!other) out.push({ file: files[i]!, doc: doc as object, text });
  });
  return out.map((o) => o.doc);
}
