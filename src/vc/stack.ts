/**
 * A stack of micro-credentials towards a larger credential: what a verifier reads from a verified
 * presentation. Only verified credentials count; their ECTS are summed in decimal (7.5 + 0.1 is
 * 7.6, not 7.6000000000000005), and they must name the same learner.
 */
import { fromElm } from '../elm/import/from-elm.js';
import { snapshot } from '../json/snapshot.js';
import type { JsonObject, JsonValue } from '../json/types.js';
import type { LangString } from '../model/types.js';
import { type VcIssue, vcIssue } from './codes.js';
import type { PresentationVerificationResult, PresentedCredential } from './presentation.js';
import { elmPointerIn } from './places.js';
import { decimalSum } from './stack/decimal.js';
import { type LearnerEvidence, type StackLearner, compareLearners, learnerOf } from './stack/learners.js';

export { decimalSum } from './stack/decimal.js';
export { compareLearners, normalizeName } from './stack/learners.js';
export type { LearnerEvidence, StackLearner } from './stack/learners.js';

/**
 * One credential that counts towards the stack.
 *
 * @example
 * const stack = await summarizeStack(await verifyPresentation(vp, { challenge, domain, controllers: [uniDidDocument] }));
 * const rows = stack.credentials.map((entry: StackEntry) => [entry.index, entry.issuer, entry.ects ?? '–']);
 */
export interface StackEntry {
  /** Its position in the presentation (or the list given). */
  index: number;
  /** The credential's `id`. */
  id?: string;
  title?: LangString;
  issuer?: string;
  /** ECTS credits, when the credential states them. */
  ects?: number;
  learner: StackLearner;
}

/**
 * The result of `summarizeStack()`.
 *
 * @example
 * const summary: StackSummary = await summarizeStack(await verifyPresentation(vp, { challenge, domain, controllers: [uniDidDocument] }));
 * if (summary.ok && summary.ects >= 15) admit(summary.learner);
 * for (const { index, codes } of summary.excluded) console.log(`credential ${index} does not count:`, codes.join(', '));
 */
export interface StackSummary {
  /**
   * True when there is at least one credential, every credential (and the presentation, when a
   * presentation result is given) verified, and all are shown to name the same learner.
   */
  ok: boolean;
  /** The sum of the counted credentials' ECTS. */
  ects: number;
  /** The verified credentials, which count. */
  credentials: StackEntry[];
  /** Indices of counted credentials that state no ECTS (they add nothing to `ects`). */
  withoutEcts: number[];
  /** Credentials that did not verify, with the codes of their errors (`STATUS_REVOKED` for a revoked one); they do not count. */
  excluded: { index: number; codes: VcIssue['code'][] }[];
  /** Whether every counted credential is shown to name the same learner. */
  sameLearner: boolean;
  /** The learner as the first counted credential names them. */
  learner?: StackLearner;
  /** The presentation's holder, when a presentation result is given and its proof verified. */
  holder?: string;
  /**
   * VC_LEARNER_MISMATCH: `details` is `{ credential, reference, by }`, indices of the two credentials
   * and what differs. VC_HOLDER_NOT_LEARNER, VC_LEARNER_NOT_BOUND and VC_DUPLICATE_CREDENTIAL: `details` is
   * `{ credential }` (and `reference`, the first copy, for a duplicate).
   *
   * `path` points at the credential at fault, in the document a user holds: for a presentation's
   * result, into the presentation (`/verifiableCredential/2/credentialSubject/id`, or
   * `/verifiableCredential/credentialSubject/id` for a presentation of one); for a list of results,
   * into that list (`/2/credential/credentialSubject/id`). VC_HOLDER_NOT_LEARNER and
   * VC_LEARNER_NOT_BOUND at `credentialSubject/id` (where it would be, when missing);
   * VC_LEARNER_MISMATCH at `credentialSubject` (`credentialSubject/id` when the ids differ);
   * VC_DUPLICATE_CREDENTIAL at the second copy's `id` when the ids are the same, at the copy
   * otherwise; VC_CONTENT_AMBIGUOUS at the first of the values, or `credentialSubject`;
   * VC_VERIFICATION_FAILED (an input that is neither) at `''`, the input itself.
   */
  issues: VcIssue[];
}

const isNode = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === 'object' && !Array.isArray(v);
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);

function isPresentationResult(input: unknown): input is PresentationVerificationResult {
  return isNode(input) && Array.isArray(input.credentials) && Array.isArray(input.checks) && input.checks.every(isNode);
}

/**
 * Summarises a stack of micro-credentials: from a verified presentation, or from credentials with
 * their `verifyCredential()` results. Each verified credential is read with `fromElm`; their ECTS
 * are summed exactly, those without ECTS are listed, and they must name the same learner
 * (identifiers first: `id`, `nationalId`, `identifiers`; then the name, ignoring case, accents and
 * punctuation, with the date of birth). Credentials that did not verify are listed as excluded.
 * Never throws on its input. Each issue's `path` points into the presentation the result is of
 * (`/verifiableCredential/2/…`), or into the list given (`/2/credential/…`): `StackSummary.issues`.
 *
 * @example
 * const result = await verifyPresentation(vp, { challenge, domain });
 * const stack = await summarizeStack(result);
 * if (stack.ok) console.log(`${stack.ects} ECTS from ${stack.credentials.length} credentials`);
 * for (const i of stack.issues) console.log(i.code, i.path, i.details);
 * // VC_LEARNER_MISMATCH /verifiableCredential/2/credentialSubject/id { credential: 2, reference: 0, by: 'id' }
 *
 * // Credentials verified one by one:
 * const items = await Promise.all(credentials.map(async (c) => ({ ...(await verifyCredential(c)), credential: c })));
 * await summarizeStack(items);
 */
export async function summarizeStack(input: PresentationVerificationResult | readonly PresentedCredential[]): Promise<StackSummary> {
  // A plain copy first: getters run once, a revoked proxy or a cycle is a refusal, not a throw.
  const copy = snapshot({ input: input as unknown as JsonValue });
  if (!copy.ok) {
    const summary = emptySummary();
    // The copy's pointer is into `{ input }`: the place in the input is what follows `/input`.
    const at = copy.pointer?.startsWith('/input') ? copy.pointer.slice('/input'.length) : '';
    summary.issues.push(vcIssue('VC_VERIFICATION_FAILED', `The stack cannot be read (${copy.message}): pass the result of verifyPresentation(), or a list of verifyCredential() results with their credentials.`, at));
    return summary;
  }
  return await summarize(copy.value.input as JsonValue);
}

/** The Annex I elements a stack summary reads: learner, title, workload. */
const STACK_ELEMENTS: ReadonlySet<string> = new Set(['M1', 'M2', 'M7']);

function emptySummary(): StackSummary {
  return { ok: false, ects: 0, credentials: [], withoutEcts: [], excluded: [], sameLearner: false, issues: [] };
}

/**
 * A key for "the same signed content": the credential's JSON without its proofs and contexts, in
 * one order. A verified credential is in its canonical JSON form, where what is left to choose does
 * not change the signed data: the order of members and of the values of a property (RDF has no
 * order), the case of language tags, and how often a node with an identifier is written out in
 * full (one copy holds all others). The key sets all of these: members and values sorted, values
 * once, tags in lower case, every identified node replaced by its identifier and listed once, in
 * its fullest copy. The contexts are left out: a credential that names one more (unused) context
 * signs the same data, and counting two spellings once is the safe side.
 */
export function contentKey(credential: JsonObject): string {
  const { proof: _proof, '@context': _context, ...content } = credential;
  const nodes = new Map<string, string>();
  const normal = (v: JsonValue): string => {
    if (v === null || typeof v !== 'object') return JSON.stringify(v);
    if (Array.isArray(v)) return `[${[...new Set(v.map(normal))].sort().join(',')}]`;
    const node = v as JsonObject;
    const members = Object.keys(node).map((k) => `${JSON.stringify(/^[a-z]{1,8}(-[a-z0-9]{1,8})*$/i.test(k) && typeof node[k] !== 'object' ? k.toLowerCase() : k)}:${normal(node[k]!)}`);
    const text = `{${members.sort().join(',')}}`;
    const id = node.id;
    if (typeof id !== 'string') return text;
    const known = nodes.get(id);
    if (known === undefined || known.length < text.length) nodes.set(id, text);
    return JSON.stringify(id);
  };
  const body = normal(content);
  return `${body}|${[...nodes.values()].sort().join('|')}`;
}

/** The learner's id as the credential states it (`credentialSubject.id`). */
function subjectIdOf(credential: JsonObject): string | undefined {
  const subject = credential.credentialSubject;
  return isNode(subject) ? str(subject.id) : undefined;
}

/** What reading a stack gathers: the credentials that count, those that do not, what is said, and what was seen. */
interface Tally {
  credentials: StackEntry[];
  excluded: StackSummary['excluded'];
  issues: VcIssue[];
  byId: Map<string, number>;
  byContent: Map<string, number>;
  /** The JSON Pointer of the index-th credential (stackPointers). */
  where: (index: number) => string;
}

/** The codes of an item that did not verify: its errors' codes, or why it cannot be read. */
function unverifiedCodes(item: unknown): VcIssue['code'][] {
  const found = isNode(item) && Array.isArray(item.issues) ? (item.issues as unknown[]) : [];
  const codes = [...new Set(found.filter((i): i is VcIssue => isNode(i) && i.severity === 'error' && typeof i.code === 'string').map((i) => i.code))];
  // A result that says "verified" without the credential it verified cannot be read.
  return codes.length > 0 ? codes : [isNode(item) && item.verified === true ? 'VC_CREDENTIAL_MALFORMED' : 'VC_VERIFICATION_FAILED'];
}

/** Excludes a credential seen before (its id or its signed content) and says so; otherwise remembers it. */
function excludedAsDuplicate(tally: Tally, index: number, credential: JsonObject, id: string | undefined): boolean {
  const { byId, byContent } = tally;
  const key = contentKey(credential);
  const first = (id === undefined ? undefined : byId.get(id)) ?? byContent.get(key);
  if (first !== undefined) {
    const sameId = id !== undefined && byId.get(id) === first;
    tally.excluded.push({ index, codes: ['VC_DUPLICATE_CREDENTIAL'] });
    tally.issues.push(vcIssue('VC_DUPLICATE_CREDENTIAL', `Credential ${index} is credential ${first} again (${sameId ? 'the same id' : 'the same signed content'}): it counts once.`, `${tally.where(index)}${sameId ? '/id' : ''}`, { credential: index, reference: first }));
    return true;
  }
  if (id !== undefined) byId.set(id, index);
  byContent.set(key, index);
  return false;
}

/** Excludes a presented credential whose learner is not the presentation's holder, and says so. */
function excludedAsNotHolders(tally: Tally, index: number, credential: JsonObject, holder: string | undefined): boolean {
  const subject = subjectIdOf(credential);
  const at = `${tally.where(index)}/credentialSubject${isNode(credential.credentialSubject) ? '/id' : ''}`;
  if (subject === undefined) {
    tally.excluded.push({ index, codes: ['VC_LEARNER_NOT_BOUND'] });
    tally.issues.push(vcIssue('VC_LEARNER_NOT_BOUND', `Credential ${index} names no learner id (\`credentialSubject.id\`), so nothing shows it belongs to the presentation's holder${holder === undefined ? '' : ` ${JSON.stringify(holder)}`}.`, at, { credential: index }));
    return true;
  }
  if (subject !== holder) {
    tally.excluded.push({ index, codes: ['VC_HOLDER_NOT_LEARNER'] });
    tally.issues.push(vcIssue('VC_HOLDER_NOT_LEARNER', `Credential ${index} belongs to the learner ${JSON.stringify(subject)}, not to the presentation's ${holder === undefined ? 'holder (none was authenticated)' : `holder ${JSON.stringify(holder)}`}.`, at, { credential: index }));
    return true;
  }
  return false;
}

/** Reads a verified credential with `fromElm` and counts it, or excludes it when what it counts for is ambiguous. */
async function countCredential(tally: Tally, index: number, item: Record<string, unknown>, credential: JsonObject, id: string | undefined): Promise<void> {
  const { value, issues: reading } = await fromElm(credential);
  // Several values where the model reads one (two claims, two credit points): what the stack
  // would count depends on their order, which is not signed. It does not count.
  // Only what the stack reads counts: the learner, the title, the workload, the claim itself.
  const ambiguous = reading.filter((i) => i.code === 'ELM_MULTIPLE_VALUES' && (i.element === null || STACK_ELEMENTS.has(i.element)));
  if (ambiguous.length > 0) {
    tally.excluded.push({ index, codes: ['VC_CONTENT_AMBIGUOUS'] });
    const first = ambiguous.find((i) => i.in === 'elm');
    const at = tally.where(index) + ((first && elmPointerIn(credential, first.path)) ?? '/credentialSubject');
    tally.issues.push(vcIssue('VC_CONTENT_AMBIGUOUS', `Credential ${index} holds several values where a micro-credential has one (${ambiguous.map((i) => i.path || '(document)').join(', ')}): what it counts for would depend on their order, which is not signed.`, at, { credential: index }));
    return;
  }
  const workload = isNode(value.workload) ? value.workload : {};
  const ects = typeof workload.ects === 'number' && Number.isFinite(workload.ects) && workload.ects > 0 ? workload.ects : undefined;
  const issuer = str(item.issuer);
  tally.credentials.push({
    index,
    ...(id === undefined ? {} : { id }),
    ...(value.title === undefined ? {} : { title: value.title as LangString }),
    ...(issuer === undefined ? {} : { issuer }),
    ...(ects === undefined ? {} : { ects }),
    learner: learnerOf(value.learner),
  });
}

/** VC_LEARNER_MISMATCH for each counted credential that names another learner, or cannot be shown to name the same. */
function learnerIssuesOf(credentials: readonly StackEntry[], where: (index: number) => string): VcIssue[] {
  // Every pair, not each against the first: the first may carry only a name while two later ones
  // carry different identifiers.
  const learnerIssues: VcIssue[] = [];
  for (let j = 1; j < credentials.length; j++) {
    const b = credentials[j]!;
    let confirmed = false;
    let conflict: { reference: number; by: LearnerEvidence } | undefined;
    for (let i = 0; i < j && !conflict; i++) {
      const a = credentials[i]!;
      const { same, by } = compareLearners(a.learner, b.learner);
      if (same === false) conflict = { reference: a.index, by };
      else if (same === true) confirmed = true;
    }
    const at = `${where(b.index)}/credentialSubject`;
    if (conflict) {
      learnerIssues.push(vcIssue('VC_LEARNER_MISMATCH', `Credential ${b.index} names another learner than credential ${conflict.reference} (their ${conflict.by === 'identifier' ? 'identifiers' : conflict.by} differ).`, conflict.by === 'id' ? `${at}/id` : at, { credential: b.index, ...conflict }));
    } else if (!confirmed) {
      learnerIssues.push({ ...vcIssue('VC_LEARNER_MISMATCH', `Credential ${b.index} cannot be shown to name the same learner as the others: they share no identifier, and a name is missing.`, at, { credential: b.index, reference: credentials[0]!.index, by: 'nothing-to-compare' }), severity: 'warning' });
    }
  }
  return learnerIssues;
}

/**
 * Where the stack's issues point: for a presentation's result, into the presentation given to
 * `verifyPresentation()` (each credential's `path`, `/verifiableCredential/2`, or that place by its
 * index when a result has none); for a list of results, into that list (`/2/credential`).
 * `path` is optional and the result may be made by hand: only the two forms `verifyPresentation()`
 * writes are taken, so that whatever else it holds never becomes an issue's pointer.
 */
function stackPointers(presentation: PresentationVerificationResult | undefined): (index: number) => string {
  if (!presentation) return (index) => `/${index}/credential`;
  return (index) => {
    const path: unknown = presentation.credentials[index]?.path;
    return typeof path === 'string' && /^\/verifiableCredential(\/(0|[1-9]\d*))?$/.test(path) ? path : `/verifiableCredential/${index}`;
  };
}

/** Summarises a plain copy of the input: counts each item, then compares the learners. */
async function summarize(input: JsonValue): Promise<StackSummary> {
  const presentation = isPresentationResult(input) ? input : undefined;
  const items: readonly unknown[] = presentation ? presentation.credentials : Array.isArray(input) ? input : [];
  const tally: Tally = { credentials: [], excluded: [], issues: [], byId: new Map(), byContent: new Map(), where: stackPointers(presentation) };
  const { credentials, excluded, issues } = tally;
  const holder = presentation && typeof presentation.holder === 'string' ? presentation.holder : undefined;
  if (!presentation && !Array.isArray(input)) issues.push(vcIssue('VC_VERIFICATION_FAILED', 'Pass the result of verifyPresentation(), or a list of verifyCredential() results with their credentials.', ''));
  for (const [index, item] of items.entries()) {
    if (!isNode(item) || item.verified !== true || !isNode(item.credential)) {
      excluded.push({ index, codes: unverifiedCodes(item) });
      continue;
    }
    const credential = item.credential as JsonObject;
    // One credential counts once: the same id, or the same signed content under other proofs.
    const id = str(credential.id);
    if (excludedAsDuplicate(tally, index, credential, id)) continue;
    // In a presentation, a credential counts for its holder only: its learner must be the holder.
    // With no authenticated holder (the presentation did not verify), no credential is anyone's.
    if (presentation && excludedAsNotHolders(tally, index, credential, holder)) continue;
    await countCredential(tally, index, item, credential, id);
  }

  const learnerIssues = learnerIssuesOf(credentials, tally.where);
  issues.push(...learnerIssues);
  const sameLearner = learnerIssues.length === 0;
  const presentationOk = presentation === undefined || (holder !== undefined && presentation.checks.filter((c) => c.check !== 'credentials').every((c) => c.ok));
  const withEcts = credentials.filter((c) => c.ects !== undefined);
  return {
    ok: presentationOk && credentials.length > 0 && excluded.length === 0 && sameLearner && !issues.some((i) => i.severity === 'error'),
    ects: decimalSum(withEcts.map((c) => c.ects!)),
    credentials,
    withoutEcts: credentials.filter((c) => c.ects === undefined).map((c) => c.index),
    excluded,
    sameLearner,
    ...(credentials[0] ? { learner: credentials[0].learner } : {}),
    ...(holder === undefined ? {} : { holder }),
    issues,
  };
}
