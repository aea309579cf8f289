/**
 * ELM JSON-LD → model (the reading itself is in ./import/). Reads what real documents contain: single values or arrays for the same
 * property, nodes written in full at every occurrence or referenced by `id`, VC 1.1 and the EBSI
 * VC 2.0 variant, language maps with string or array values, and the signed EDC envelope (JWS JSON
 * serialization whose `payload` is the credential). Never throws; reports what it cannot read.
 */
import { pointerKeys, pointerOf } from '../../json/pointer.js';
import type { MicroCredential, PartialMicroCredential } from '../../model/types.js';
import { validate } from '../../rules/validate.js';
import { readStatusEntries } from '../../status/entry.js';
import type { CredentialStatusEntry } from '../export/types.js';
import { unwrapEnvelope } from './envelope.js';
import { Importer, whatItIs } from './importer.js';
import { isNode, type Node, type Path, typesOf } from './json.js';
import { snapshotElm } from '../input.js';
import { type ElmIssue, importIssue } from '../issues.js';
import { toEdcSpelling } from './spelling.js';
import { ELM_CONTEXT, VC_V1_CONTEXT } from '../terms.js';
import { describeWrapping } from '../wrappers.js';

export type { PartialMicroCredential };

/**
 * The result of `fromElm()`. `value` is the best model that can be read, complete or not.
 *
 * @example
 * const result: FromElmResult = fromElm({});
 * // { ok: false, value: { primaryLanguage: 'en' }, issues: [{ code: 'ELM_NOT_A_CREDENTIAL', in: 'elm', … }] }
 * if (result.ok) result.value.workload; // typed: a valid MicroCredential
 * // A revocable credential: its status entry beside the model (which has no place for it), as written.
 * const { value, credentialStatus } = await fromElm(revocable);
 * credentialStatus; // { id: '…/status/1#94567', type: ['CredentialStatus', 'BitstringStatusListEntry'], statusPurpose: 'revocation', … }
 * toElm(value as MicroCredential, { credentialStatus }); // issued again with the same entry
 */
export type FromElmResult =
  | { ok: true; value: MicroCredential; issues: ElmIssue[]; credentialStatus?: CredentialStatusEntry | CredentialStatusEntry[] }
  | { ok: false; value: PartialMicroCredential; issues: ElmIssue[]; credentialStatus?: CredentialStatusEntry | CredentialStatusEntry[] };


/**
 * Reads an ELM credential into the micro-credential model. `ok` is true when the result is a valid
 * micro-credential; `issues` say what is missing or malformed (`in: 'elm'` paths point into the
 * document, `in: 'model'` ones into `value`).
 *
 * Every JSON-LD spelling of a credential reads the same: the EDC spelling is read as it is; any
 * other (compact or full IRIs as keys, expanded or flattened JSON-LD, other equivalent contexts) is
 * first expanded and compacted with the EDC contexts, offline, and an `ELM_SPELLING_NORMALISED`
 * warning says so. Wrappers (`{ "credential": … }`, `{ "elm": … }`) and sealed envelopes are
 * unwrapped, with a warning. Asynchronous since 0.2.0 (JSON-LD processing is); never rejects.
 *
 * A `credentialStatus` is not part of the model: when it is one or more well-formed W3C
 * `BitstringStatusListEntry` (read by `readStatusEntries`), it is returned as written in
 * `credentialStatus`, beside the model; anything else (EBSI's `CredentialStatus` placeholder, a
 * `StatusList2021Entry`, a malformed entry) is a `STATUS_ENTRY_MALFORMED` warning at its member, and
 * not returned. Either way the status is not checked here: `verifyCredential` checks it.
 *
 * @example
 * const { ok, value, issues } = await fromElm(JSON.parse(text));
 */
export async function fromElm(doc: unknown): Promise<FromElmResult> {
  const issues: ElmIssue[] = [];
  let value: PartialMicroCredential = {};
  let credentialStatus: CredentialStatusEntry | CredentialStatusEntry[] | undefined;
  try {
    const read = await credentialOf(doc, issues);
    if (read === undefined) return { ok: false, value, issues };
    const start = issues.length;
    value = new Importer(read.credential, issues, read.nodes).read();
    credentialStatus = statusOf(read.credential, issues);
    // Paths of what the importer found point into the credential: put them where it is in the input.
    if (read.prefix.length > 0) {
      const at = pointerOf(read.prefix);
      for (let i = start; i < issues.length; i++) issues[i] = { ...issues[i]!, path: at + issues[i]!.path };
    }
  } catch (cause) {
    const what = cause instanceof RangeError ? 'it is nested too deeply' : 'reading it failed';
    issues.push(importIssue('ELM_INPUT_UNREADABLE', 'error', [], null, `The document could not be read (${what}); pass parsed JSON.`));
    return { ok: false, value, issues };
  }
  // Not a credential at all: what it is was said; listing every element it lacks would say nothing more.
  if (issues.some((i) => i.code === 'ELM_NOT_A_CREDENTIAL' && i.path === '')) return { ok: false, value, issues };
  const checked = validate(value);
  for (const i of checked.issues) issues.push({ ...i, in: 'model' });
  const ok = checked.ok && !issues.some((i) => i.severity === 'error');
  const status = credentialStatus === undefined ? {} : { credentialStatus };
  return ok ? { ok: true, value: checked.value, issues, ...status } : { ok: false, value, issues, ...status };
}

/**
 * The credential's status entries, as written, when they are well-formed Bitstring Status List
 * entries; otherwise warnings (the model has no place for a status, so nothing else is lost).
 */
function statusOf(credential: Node, issues: ElmIssue[]): CredentialStatusEntry | CredentialStatusEntry[] | undefined {
  if (!Object.hasOwn(credential, 'credentialStatus')) return undefined;
  const value = credential.credentialStatus;
  const read = readStatusEntries(value, '/credentialStatus');
  if (read.issues.length === 0) return JSON.parse(JSON.stringify(value)) as CredentialStatusEntry | CredentialStatusEntry[];
  for (const i of read.issues) {
    issues.push({ code: i.code, severity: 'warning', path: i.path, element: null, message: `${i.message} The credential's \`credentialStatus\` is not returned beside the model.`, in: 'elm' });
  }
  return undefined;
}

/** Whether a list is expanded JSON-LD: node objects (at most the first ten looked at) in expanded form. */
function isExpandedList(doc: unknown): boolean {
  try {
    return Array.isArray(doc) && doc.length > 0 && doc.slice(0, 10).every(isExpanded);
  } catch {
    return false; // a hostile array: the snapshot below refuses it with its reason
  }
}

/** A node object in expanded form: no `@context`, and every key a keyword or an absolute IRI. */
function isExpanded(node: unknown): boolean {
  if (!isNode(node) || Object.hasOwn(node, '@context')) return false;
  const keys = Object.keys(node);
  return keys.length > 0 && keys.every((k) => k.startsWith('@') || /^[a-z][a-z0-9+.-]*:\/\//i.test(k)) && keys.some((k) => !k.startsWith('@'));
}

/** The EDC contexts an ELM credential without `@context` is read with (ELM_NO_CONTEXT). */
const EDC_CONTEXTS = [VC_V1_CONTEXT, ELM_CONTEXT];

/**
 * The credential to read, in the EDC spelling, with the other top-level nodes of a flattened
 * document and the path of the credential in the input; or `undefined` when there is none (the
 * issues say why).
 */
async function credentialOf(doc: unknown, issues: ElmIssue[]): Promise<{ credential: Node; nodes: Node[]; prefix: Path } | undefined> {
  // Expanded JSON-LD (what jsonld.expand returns) is a list of node objects: read it as a graph.
  if (isExpandedList(doc)) doc = { '@context': EDC_CONTEXTS, '@graph': doc };
  // One plain copy first: getters run once, a proxy cannot lie about an array's length, and the
  // walk below is bounded by the input limits whatever the input claims.
  if (doc !== null && typeof doc === 'object' && !Array.isArray(doc)) {
    const copy = snapshotElm(doc);
    if (!copy.ok) {
      const path = pointerKeys(copy.pointer);
      issues.push(importIssue('ELM_INPUT_UNREADABLE', 'error', path, null, `The document could not be read: ${copy.message} Pass parsed JSON.`));
      return undefined;
    }
    doc = copy.value;
  }
  let prefix: Path = [];
  const wrapping = describeWrapping(doc);
  if (wrapping?.kind === 'wrapper') {
    issues.push(importIssue('ELM_WRAPPED', 'warning', [wrapping.member], null, `${wrapping.message} It was unwrapped and read; paths point into the whole document.`));
    doc = wrapping.inner;
    prefix = [wrapping.member];
  }
  const envelopeIssues: ElmIssue[] = [];
  const unwrapped = unwrapEnvelope(doc, envelopeIssues);
  for (const i of envelopeIssues) issues.push({ ...i, path: pointerOf(prefix) + i.path });
  if (unwrapped === undefined) return undefined;
  let credential = unwrapped;
  if (unwrapped !== doc) prefix = [...prefix, 'payload'];
  if (isExpanded(credential)) {
    // Expanded JSON-LD needs no context: its keys are IRIs and keywords. The EDC contexts are added
    // so that it is compacted to the EDC spelling (absolute IRIs are not changed by a context).
    credential = { '@context': EDC_CONTEXTS, ...credential };
  } else if (describeWrapping(credential)?.kind === 'no-context') {
    issues.push(importIssue('ELM_NO_CONTEXT', 'warning', prefix, null, `The credential has no \`@context\`: it is plain JSON, not JSON-LD. It was read as if it had the EDC contexts, ${JSON.stringify(EDC_CONTEXTS)}; add them so that every tool reads it the same.`));
    credential = { '@context': EDC_CONTEXTS, ...credential };
  }
  if (isPresentation(credential)) {
    issues.push(importIssue('ELM_NOT_A_CREDENTIAL', 'error', prefix, null, `The document has no \`credentialSubject\`: ${whatItIs(credential)}`));
    return undefined;
  }
  const spelled = await toEdcSpelling(credential);
  for (const i of spelled.issues) issues.push(importIssue(i.code, i.severity, [...prefix, ...i.path], null, i.message));
  return { credential: spelled.doc, nodes: spelled.nodes ?? [], prefix: spelled.normalised ? [] : prefix };
}

/** A presentation (in any spelling of its type): it holds credentials, it is not one. */
function isPresentation(doc: Node): boolean {
  return !Object.hasOwn(doc, 'credentialSubject') && typesOf(doc).some((t) => /(^|[/#:])(VerifiablePresentation|EuropeanDigitalPresentation)$/.test(t));
}


export { calendarDate, durationHours } from './dates.js';
