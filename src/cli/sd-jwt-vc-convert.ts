/**
 * `eumc convert` and SD-JWT VC: a micro-credential to the compact SD-JWT string the EU wallet holds
 * (`issueSdJwtVc`, signed with the issuer's private JWK, bound to the holder's public key when
 * given), and an SD-JWT VC back to the model (`fromSdJwtVcClaims` over the claims it carries,
 * every disclosure in it put in place). Reading it back checks no signature: `eumc verify` does.
 */
import type { SdJwtVcIssue } from 'eu-micro-credentials/sd-jwt-vc';
import type { ConvertStatus } from './convert-status.js';
import { type OutFile, writeOut } from './files.js';
import { type ModelRead, issueLine, reportProblems, say } from './io.js';
import { sdJwtVcEntry } from './sd-jwt-vc-detect.js';
import { readHolderKey, readIssuerKey, readPemCertificates } from './sd-jwt-vc-keys.js';
import { sdJwtFinding } from './sd-jwt-vc-check.js';
import { UsageError } from './usage.js';

/** The options of `eumc convert --to sd-jwt-vc`, as commander gives them. */
export interface SdJwtVcConvertOptions {
  /** The issuer's private JWK file. */
  key?: string;
  /** The holder's public JWK file (→ `cnf.jwk`). */
  holderKey?: string;
  /** The `iss` claim (an HTTPS URL whose `/.well-known/jwt-vc-issuer` publishes the key). */
  issuer?: string;
  /** A PEM file: the certificate chain for the header's `x5c`, leaf first. */
  x5c?: string;
  /** The `vct` (default `VerifiableMicroCredential`). */
  vct?: string;
}

/** The SD-JWT VC options given to another `--to`: a usage error naming them. */
export function refuseSdJwtVcOptions(to: string, opts: SdJwtVcConvertOptions): void {
  const given = (['key', 'holderKey', 'issuer', 'x5c', 'vct'] as const).filter((k) => opts[k] !== undefined).map((k) => `--${k.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`);
  if (given.length > 0) throw new UsageError(`${given.join(', ')} ${given.length === 1 ? 'is' : 'are'} for --to sd-jwt-vc, not --to ${to}`);
}

/** Reads the keys and certificates of `--to sd-jwt-vc` (usage errors before any work). */
export async function sdJwtVcIssueOptions(opts: SdJwtVcConvertOptions): Promise<Record<string, unknown>> {
  if (opts.key === undefined) throw new UsageError('--to sd-jwt-vc needs --key <file>: the issuer\'s private JWK (make one with `eumc keygen --format jwk --alg ES256 --out issuer-key.json`)');
  if (opts.issuer === undefined && opts.x5c === undefined) throw new UsageError('--to sd-jwt-vc needs --issuer <uri> (the `iss` claim: who issued it, e.g. https://uni.example.eu) or --x5c <pem> (the issuer\'s certificate chain)');
  if (opts.issuer !== undefined && !/^[a-z][a-z0-9+.-]*:[^\s]+$/i.test(opts.issuer)) throw new UsageError(`--issuer ${JSON.stringify(opts.issuer)} is not a URI`);
  const key = await readIssuerKey(opts.key);
  return {
    key,
    ...(opts.holderKey !== undefined ? { holderKey: await readHolderKey(opts.holderKey) } : {}),
    ...(opts.issuer !== undefined ? { issuer: opts.issuer } : {}),
    ...(opts.x5c !== undefined ? { x5c: await readPemCertificates(opts.x5c, '--x5c') } : {}),
    ...(opts.vct !== undefined ? { vct: opts.vct } : {}),
  };
}

/**
 * A micro-credential to a compact SD-JWT VC, one line with a newline at the end. The model's
 * problems (paths into the input) go to standard error and make the exit code 1; a key or
 * certificate the issuer cannot use (an RSA key, an `x5c` leaf of another key) is a usage error (2).
 * With a `status` (`--status-list`, a token list), it is issued with the preview entry first, and
 * only when that succeeds is an index allocated and the credential issued with its `status` claim.
 */
export async function modelToSdJwtVc(doc: unknown, options: Record<string, unknown>, out: OutFile | undefined, status?: ConvertStatus): Promise<void> {
  const { toSdJwtVcClaims } = await sdJwtVcEntry();
  // The mapping's warnings (a value the rulebook cannot carry; places in the input): issueSdJwtVc reports errors only.
  const mapped = toSdJwtVcClaims(doc);
  for (const i of mapped.issues.filter((x: SdJwtVcIssue) => x.severity !== 'error')) say(issueLine(i));
  if (!mapped.ok) return reportProblems(mapped.issues.filter((i: SdJwtVcIssue) => i.severity === 'error').map(issueLine));
  let sdJwt = await issue(doc, status === undefined ? options : { ...options, status: status.preview });
  if (sdJwt === undefined) return;
  if (status !== undefined) {
    const entry = await status.allocate();
    if (entry === undefined) return;
    let issued: string | undefined;
    try {
      issued = await issue(doc, { ...options, status: entry });
    } finally {
      if (issued === undefined) status.kept();
    }
    if (issued === undefined) return;
    sdJwt = issued;
  }
  return writeOut(out, `${sdJwt}\n`);
}

/** `issueSdJwtVc`: the compact SD-JWT VC, or `undefined` when the model's problems were reported (exit 1). */
async function issue(doc: unknown, options: Record<string, unknown>): Promise<string | undefined> {
  const { issueSdJwtVc } = await sdJwtVcEntry();
  try {
    return await issueSdJwtVc(doc, options as unknown as Parameters<typeof issueSdJwtVc>[1]);
  } catch (error) {
    // The model's problems (SdJwtVcIssuanceError's issues) exit 1; a key or certificate it cannot use is a usage error.
    const issues = (error as { issues?: unknown }).issues;
    if (Array.isArray(issues) && issues.length > 0) {
      reportProblems(issues.filter((i) => i?.severity === 'error').map((i) => issueLine(i)));
      return undefined;
    }
    throw new UsageError(`the SD-JWT VC cannot be issued with these options: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * An SD-JWT VC to the model: its claims (every disclosure it carries in place) read with
 * `fromSdJwtVcClaims`. The model is given even when it is not a valid micro-credential (`ok: false`),
 * as `--to model` does for ELM and badges. A note says that no signature was checked.
 */
export async function sdJwtVcToModel(sdJwt: string): Promise<ModelRead | undefined> {
  const { fromSdJwtVcClaims } = await sdJwtVcEntry();
  const { decodeForCli } = await import('./sd-jwt-vc-check.js');
  const decoded = await decodeForCli(sdJwt);
  if (!decoded.ok) return void reportProblems(decoded.issues.map(issueLine));
  const read = fromSdJwtVcClaims(decoded.claims);
  for (const i of read.issues) say(issueLine(sdJwtFinding(i)));
  say('note: read the claims of the SD-JWT VC; its signature was not checked (`eumc verify --issuer-keys` checks it)');
  return { value: read.value ?? null, ok: read.ok };
}
