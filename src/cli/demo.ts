/**
 * `eumc demo`: the README's main job on the built-in example. Validates a realistic micro-credential
 * and a broken copy, exports it to ELM, checks the EU's SHACL shapes, signs and verifies it, shows
 * that a one-figure change is caught, issues it to the EU wallet as an SD-JWT VC and shows an
 * employer three of its claims, and leaves what it made in a folder to look at: the model, the ELM
 * credential, the signed credential, the SD-JWT VC and its picture.
 */
import { lstat, mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatIssues, fromElm, toElm, validate } from 'eu-micro-credentials';
import { renderPdf, renderSvg } from 'eu-micro-credentials/render';
import { generateSdJwtVcKeyPair, issueSdJwtVc, presentSdJwtVc, verifySdJwtVc } from 'eu-micro-credentials/sd-jwt-vc';
import { validateElm } from 'eu-micro-credentials/validate-elm';
import { generateIssuerKey, signCredential, verifyCredential } from 'eu-micro-credentials/vc';
import { prepareOut, writeOut } from './files.js';
import type { Paint } from './report.js';
import { safeName } from './text.js';
import { UsageError } from './usage.js';

/** The default folder, in the current folder; taken, it becomes `eumc-demo-2`, `-3`, … */
export const DEMO_FOLDER = 'eumc-demo';
/** Tries of the default folder's name before giving up (a folder full of demos is a mistake). */
const MAX_TRIES = 1000;

const code = (error: unknown) => (error as NodeJS.ErrnoException | undefined)?.code;

/**
 * The folder the demo writes to. Without `--out`: a new folder, `eumc-demo` or the first free
 * `eumc-demo-<n>`, made with mkdir, which fails on any existing name (a folder, a file, a link),
 * so nothing of an earlier run is ever touched. With `--out`: that folder, made if it does not exist
 * (its parent must); an existing one must be empty, unless `--force` (its files of the same names
 * are then replaced). A symbolic link is refused: eumc writes through none.
 */
export async function demoFolder(out: string | undefined, force: boolean): Promise<string> {
  if (out === undefined) {
    for (let n = 1; n <= MAX_TRIES; n++) {
      const name = n === 1 ? DEMO_FOLDER : `${DEMO_FOLDER}-${n}`;
      try {
        await mkdir(name);
        return name;
      } catch (error) {
        if (code(error) !== 'EEXIST') throw new UsageError(`cannot make the folder ${safeName(name)} (${code(error) ?? 'I/O error'}): give another with --out <folder>`);
      }
    }
    throw new UsageError(`${DEMO_FOLDER} to ${DEMO_FOLDER}-${MAX_TRIES} all exist: give a folder with --out <folder>`);
  }
  if (out === '') throw new UsageError('--out needs a folder name');
  const info = await lstat(out).catch((error: unknown) => {
    if (code(error) !== 'ENOENT') throw new UsageError(`cannot use ${safeName(out)} (${code(error) ?? 'I/O error'})`);
    return undefined;
  });
  if (info === undefined) {
    try {
      await mkdir(out);
    } catch (error) {
      const why = code(error) === 'ENOENT' ? 'its parent folder does not exist (eumc makes only the folder named)' : code(error) ?? 'I/O error';
      throw new UsageError(`cannot make the folder ${safeName(out)}: ${why}`);
    }
    return out;
  }
  if (info.isSymbolicLink()) throw new UsageError(`${safeName(out)} is a symbolic link: eumc writes through none (name the folder it points to)`);
  if (!info.isDirectory()) throw new UsageError(`${safeName(out)} exists and is not a folder`);
  if (!force && (await readdir(out)).length > 0) throw new UsageError(`the folder ${safeName(out)} is not empty and eumc does not write into it: give --force to replace the demo's files there, or choose another folder`);
  return out;
}

/** The demo's files, in the order it makes them. */
export const DEMO_FILES = {
  model: 'micro-credential.json',
  elm: 'credential.jsonld',
  signed: 'credential-signed.jsonld',
  sdJwt: 'credential.sd-jwt',
  picture: 'credential.svg',
  pdf: 'credential.pdf',
} as const;

export interface DemoOptions {
  /** `--out`: the folder to write to (default: a new `eumc-demo` folder in the current one). */
  out?: string;
  /** `--force`: write into a non-empty `--out` folder, replacing the demo's files there. */
  force: boolean;
}

export async function runDemo(p: Paint, options: DemoOptions): Promise<void> {
  const say = (text = '') => process.stdout.write(`${text}\n`);
  const step = (title: string) => say(`\n${p.bold(`== ${title}`)}`);
  // The folder first: a demo that cannot keep its files says so before any work.
  const folder = await demoFolder(options.out, options.force);
  const { default: example } = await import('eu-micro-credentials/examples/micro-credential.json', { with: { type: 'json' } });

  step('1. A higher-education micro-credential (the built-in example)');
  const good = validate(example);
  if (!good.ok) throw new Error('the built-in example is invalid');
  say(`valid: "${good.value.title}", ${good.value.workload.ects} ECTS, EQF ${good.value.level?.eqf}, ${good.value.learningOutcomes.length} learning outcomes`);

  step('2. The same credential, broken in seven ways');
  const broken = structuredClone(example) as Record<string, any>;
  broken.dateOfIssue = '2024-06-28';
  delete broken.learningOutcomes;
  broken.issuer.country = 'IRL';
  broken.level = { eqf: 6, qfEhea: 'second-cycle' };
  broken.assessment.type = 'written-exam';
  broken.workload = { ects: 5, hours: 60 };
  broken.learner.nmae = 'typo';
  say(formatIssues(validate(broken).issues));

  step('3. Export to ELM (Europass Learning Model) and check the EU\'s SHACL shapes');
  const key = await generateIssuerKey({ seed: new Uint8Array(32).fill(1) });
  const mc = { ...good.value, issuer: { ...good.value.issuer, id: key.controller } };
  const elm = toElm(mc, { id: 'urn:uuid:6f1e7c1a-5b9e-4c55-9a57-3d1f0f9c2b11' });
  say(`toElm: ${elm.type.join(', ')}, ${(JSON.stringify(elm).length / 1024).toFixed(1)} KB`);
  const shapes = await validateElm(elm);
  say(`validateElm (JSON-LD safe mode + EDC shapes): ${shapes.ok ? p.green('no violations') : p.red(`${shapes.issues.length} issues`)}`);
  const back = await fromElm(elm);
  say(`fromElm: ${back.ok ? 'reads back a valid micro-credential' : p.red('INVALID')}`);

  step('4. Sign as a W3C Verifiable Credential (Ed25519Signature2020) and verify');
  const signed = await signCredential(elm, { key });
  say(`signed by ${key.controller.slice(0, 36)}…`);
  const verified = await verifyCredential(signed, { validateContent: true });
  say(`verifyCredential: ${verified.verified ? p.green('verified') : p.red('NOT verified')} (${verified.checks.map((c) => `${c.check} ${c.ok ? 'ok' : 'failed'}`).join(', ')})`);
  const tampered = structuredClone(signed) as Record<string, any>;
  // A single value is written as itself, a list as an array (the JSON form its contexts give).
  const first = (v: any) => (Array.isArray(v) ? v[0] : v);
  first(first(first(tampered.credentialSubject.hasClaim).specifiedBy).creditPoint).point = '50';
  const caught = await verifyCredential(tampered);
  say(`after changing 5 ECTS to 50: ${caught.verified ? p.red('verified (!)') : `${p.green('rejected')}, ${caught.issues.map((i) => i.code).join(', ')}`}`);

  const sdJwt = await walletStep(p, good.value, step, say);

  step(`6. The files, in ${safeName(folder)}`);
  // The PDF carries the signed credential itself, byte for byte, beside its pages for people.
  const signedText = `${JSON.stringify(signed, null, 2)}\n`;
  const pdf = await renderPdf(mc, { attachment: { content: signedText, filename: DEMO_FILES.signed, mimeType: 'application/ld+json', description: 'The signed credential' } });
  const files: [name: string, text: string | Uint8Array, what: string][] = [
    [DEMO_FILES.model, `${JSON.stringify(mc, null, 2)}\n`, 'the micro-credential (the model: eumc validate, eumc convert --to elm)'],
    [DEMO_FILES.elm, `${JSON.stringify(elm, null, 2)}\n`, 'the ELM credential (eumc validate, eumc convert --to model)'],
    [DEMO_FILES.signed, signedText, 'the signed credential (eumc verify)'],
    [DEMO_FILES.sdJwt, `${sdJwt}\n`, 'the SD-JWT VC the wallet holds (eumc validate)'],
    [DEMO_FILES.picture, `${renderSvg(mc)}\n`, 'its picture (SVG, opens in a browser; eumc render)'],
    [DEMO_FILES.pdf, pdf, 'a PDF for people, the signed credential attached (pdfdetach -saveall)'],
  ];
  for (const [name, text, what] of files) {
    const path = join(folder, name);
    await writeOut(await prepareOut(path, 'document', options.force), text);
    say(`${safeName(path)}  ${p.dim(what)}`);
  }
}

/**
 * Step 5: the EU wallet. Issues the credential as an SD-JWT VC bound to a holder key, presents three
 * claims to an employer with a key-binding JWT, verifies that, and shows that a replay to another
 * verifier fails. Returns the SD-JWT the wallet holds.
 */
async function walletStep(p: Paint, mc: Parameters<typeof issueSdJwtVc>[0], step: (title: string) => void, say: (text?: string) => void): Promise<string> {
  step('5. Issue to the EU wallet as an SD-JWT VC, show an employer three claims, verify');
  const issuer = await generateSdJwtVcKeyPair('ES256');
  const holder = await generateSdJwtVcKeyPair('ES256');
  const sdJwt = await issueSdJwtVc(mc, { key: issuer.privateJwk, issuer: 'https://uni.example.eu', holderKey: holder.publicJwk });
  say(`issueSdJwtVc: VerifiableMicroCredential, ${sdJwt.split('~').length - 2} selectively disclosable claims, bound to the learner's key`);
  const employer = { audience: 'https://employer.example.com', nonce: 'n-0S6_WzA2Mj' };
  const shown = await presentSdJwtVc(sdJwt, { disclose: ['title', 'awardingBody', 'notionalWorkload'], holderKey: holder.privateJwk, ...employer });
  const result = await verifySdJwtVc(shown, { issuerKeys: [issuer.publicJwk], ...employer });
  say(`verifySdJwtVc: ${result.verified ? p.green('verified') : p.red('NOT verified')}, disclosed ${[...result.disclosed].sort().join(', ')}; the learner's name stays hidden`);
  const replay = await verifySdJwtVc(shown, { issuerKeys: [issuer.publicJwk], audience: 'https://other.example.com', nonce: employer.nonce });
  say(`the same presentation at another verifier: ${replay.verified ? p.red('verified (!)') : `${p.green('rejected')}, ${replay.issues.filter((i) => i.severity === 'error').map((i) => i.code).join(', ')}`}`);
  return sdJwt;
}
