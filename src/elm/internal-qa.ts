/**
 * M11 internal quality assurance in ELM, both ways. ELM has no accreditation type for it (the EDC
 * shapes restrict `Accreditation.dcType` to the EU accreditation vocabulary, which has none), and
 * no property that names the body carrying out a qualification's internal quality assurance. So
 * each entry becomes notes on the qualification (`Q.additionalNote`), one per detail: the note's
 * text is the value, its subject a concept of the library's own scheme whose English label says what
 * the value is ("Internal quality assurance: framework") and whose URI says which entry and which
 * detail it is (`…:internal-quality-assurance:2:framework`). EDC viewers show a note's subject and
 * text, so a person reads a short list of labelled values; `fromElm` reads the same list back
 * exactly, in the entry's place among the other quality-assurance entries.
 *
 * The body (`agent`) is written as notes too, one per field of the organisation: an `Organisation`
 * node placed under any ELM property (awarding body, accrediting agent, sub-organisation…) would
 * say something false about it, and JSON-LD would merge it with any other organisation of the same
 * `id`. docs/elm.md, "Internal quality assurance", lists the notes.
 */
import type { LangString, Organisation, QualityAssurance } from '../model/types.js';
import { NOTE_KIND, OWN_SCHEME } from './terms.js';
import { isNode, many } from './import/json.js';

type Node = { [key: string]: unknown };
type Path = (string | number)[];

/**
 * An internal quality-assurance entry as read back: the model's fields, some perhaps missing or
 * malformed when the document was not written by `toElm` (model validation then says which).
 */
export type InternalQaRead = { type: 'internal-quality-assurance'; title?: LangString; framework?: string; agent?: Node; url?: string; issued?: string; expires?: string };

/**
 * One entry found by `readInternalQa`, with its 1-based position among the quality-assurance
 * entries of the model it was written from (`undefined` for a title-only note without one).
 */
export interface InternalQaEntry {
  position: number | undefined;
  value: InternalQaRead;
}

/** What each detail is, in words: the label of its subject concept. */
const DETAIL_LABEL: Record<string, string> = {
  framework: 'framework',
  url: 'web page',
  issued: 'issued on',
  expires: 'expires on',
  agent: 'body carrying it out',
  'agent:id': "body's identifier (URI)",
  'agent:country': "body's country (ISO 3166-1 code)",
  'agent:region': "body's region",
  'agent:address': "body's address",
  'agent:homepage': "body's web site",
  'agent:email': "body's e-mail address",
  'agent:eidas': "body's eIDAS identifier",
  'agent:vat': "body's VAT number",
  'agent:registration': "body's registration number",
};

/**
 * The notes of one internal quality-assurance entry (writer used by `toElm`).
 *
 * @param position the entry's 1-based position in `qualityAssurance` (kept in the subject URIs)
 * @param ordinal its 1-based number among the internal entries when there are several (shown in the labels), else undefined
 * @param lang the exporter's LangString writer (a plain string is in the primary language)
 * @example
 * internalQaNotes({ type: 'internal-quality-assurance', title: 'Course evaluation', framework: 'ISO-21001' }, 2, undefined, lang, ['qualityAssurance', 1]);
 * // [{ type: 'Note', noteLiteral: { en: 'Course evaluation' }, subject: { id: 'urn:eu-micro-credentials:quality-assurance:internal-quality-assurance:2', …, prefLabel: { en: 'Internal quality assurance' } } },
 * //  { type: 'Note', noteLiteral: { en: 'ISO-21001' }, subject: { id: '…:internal-quality-assurance:2:framework', …, prefLabel: { en: 'Internal quality assurance: framework' } } }]
 */
export function internalQaNotes(qa: QualityAssurance, position: number, ordinal: number | undefined, lang: (value: LangString, path: Path) => Record<string, string>, path: Path): Node[] {
  const heading = ordinal === undefined ? 'Internal quality assurance' : `Internal quality assurance ${ordinal}`;
  const base = `${NOTE_KIND.internalQaEntry}${position}`;
  const note = (detail: string | undefined, label: string, text: LangString, at: Path): Node => ({
    type: 'Note',
    noteLiteral: lang(text, at),
    subject: { id: detail === undefined ? base : `${base}:${detail}`, type: 'Concept', inScheme: { id: OWN_SCHEME, type: 'ConceptScheme' }, prefLabel: { en: label } },
  });
  const detail = (key: string, text: LangString | undefined, at: Path) => (text === undefined ? [] : [note(key, `${heading}: ${DETAIL_LABEL[key]}`, text, at)]);
  const notes = [note(undefined, heading, qa.title, [...path, 'title'])];
  for (const key of ['framework', 'url', 'issued', 'expires'] as const) notes.push(...detail(key, qa[key], [...path, key]));
  const agent = qa.agent;
  if (agent) {
    const at: Path = [...path, 'agent'];
    notes.push(...detail('agent', agent.legalName, [...at, 'legalName']), ...detail('agent:id', agent.id, [...at, 'id']), ...detail('agent:country', agent.country, [...at, 'country']));
    for (const key of ['region', 'address', 'homepage', 'email'] as const) notes.push(...detail(`agent:${key}`, agent[key], [...at, key]));
    const ids = agent.identifiers;
    for (const key of ['eidas', 'vat', 'registration'] as const) notes.push(...detail(`agent:${key}`, ids?.[key], [...at, 'identifiers', key]));
    ids?.other?.forEach((o, i) => {
      const where: Path = [...at, 'identifiers', 'other', i];
      notes.push(note(`agent:identifier:${i + 1}`, `${heading}: body's identifier ${i + 1}`, o.value, [...where, 'value']));
      notes.push(note(`agent:identifier:${i + 1}:scheme`, `${heading}: scheme of the body's identifier ${i + 1}`, o.scheme, [...where, 'scheme']));
    });
  }
  return notes;
}

const idOf = (v: unknown): string | undefined => {
  if (typeof v === 'string') return v;
  const id = isNode(v) ? (Object.hasOwn(v, 'id') ? v.id : Object.hasOwn(v, '@id') ? v['@id'] : undefined) : undefined;
  return typeof id === 'string' ? id : undefined;
};

/**
 * The internal quality-assurance entries of a qualification (reader used by `fromElm`): from the
 * notes `internalQaNotes` writes, and from a title-only note with the subject
 * `urn:eu-micro-credentials:quality-assurance:internal-quality-assurance` (version 0.1). Works on
 * plain ELM JSON: `deref` turns a value (a node, or a reference by `id`) into its node, `langString`
 * reads a language map (at a path of the document, for its warnings). Sorted by position.
 *
 * @example
 * const entries = readInternalQa(qualification, (v) => (typeof v === 'string' ? byId.get(v) : v), readLangString, ['credentialSubject', 'hasClaim', 'specifiedBy', 'additionalNote']);
 * // [{ position: 2, value: { type: 'internal-quality-assurance', title: 'Course evaluation', framework: 'ISO-21001' } }]
 */
export function readInternalQa(qualification: unknown, deref: (value: unknown) => Node | undefined, langString: (value: unknown, path: Path) => LangString | undefined, path: Path = ['additionalNote']): InternalQaEntry[] {
  const byPosition = new Map<number, Map<string, LangString>>();
  const titleOnly: InternalQaEntry[] = [];
  const notes = isNode(qualification) && Object.hasOwn(qualification, 'additionalNote') ? many(qualification.additionalNote) : [];
  notes.forEach((value, i) => {
    const note = deref(value);
    const subject = idOf(note?.subject) ?? idOf(deref(note?.subject));
    if (note === undefined || subject === undefined) return;
    const text = () => langString(note.noteLiteral, [...path, ...(Array.isArray((qualification as Node).additionalNote) ? [i] : []), 'noteLiteral']);
    if (subject === NOTE_KIND.internalQa) {
      const title = text();
      titleOnly.push({ position: undefined, value: { type: 'internal-quality-assurance', ...(title !== undefined ? { title } : {}) } });
      return;
    }
    const m = subject.startsWith(NOTE_KIND.internalQaEntry) ? /^([1-9]\d{0,5})(?::(.+))?$/.exec(subject.slice(NOTE_KIND.internalQaEntry.length)) : null;
    if (!m) return;
    const details = byPosition.get(Number(m[1])) ?? new Map<string, LangString>();
    byPosition.set(Number(m[1]), details);
    const key = m[2] ?? 'title';
    const t = text();
    if (t !== undefined && !details.has(key)) details.set(key, t);
  });
  const entries = [...byPosition].sort(([a], [b]) => a - b).map(([position, details]): InternalQaEntry => ({ position, value: entryOf(details) }));
  return [...entries, ...titleOnly];
}

/** One text of a language map, for values that are not words (a URI, a date, a code). */
const plain = (text: LangString | undefined): string | undefined => (text === undefined || typeof text === 'string' ? text : Object.values(text)[0]);

function entryOf(details: Map<string, LangString>): InternalQaRead {
  const out: InternalQaRead = { type: 'internal-quality-assurance' };
  const title = details.get('title');
  if (title !== undefined) out.title = title;
  for (const key of ['framework', 'url', 'issued', 'expires'] as const) {
    const value = plain(details.get(key));
    if (value !== undefined) out[key] = value;
  }
  const agent = agentOf(details);
  if (agent) out.agent = agent;
  return out;
}

/** The body: an organisation as far as its notes give it (model validation checks it). */
function agentOf(details: Map<string, LangString>): Node | undefined {
  if (![...details.keys()].some((k) => k === 'agent' || k.startsWith('agent:'))) return undefined;
  const agent: Node = {};
  const id = plain(details.get('agent:id'));
  if (id !== undefined) agent.id = id;
  const legalName = details.get('agent');
  if (legalName !== undefined) agent.legalName = legalName;
  for (const key of ['country', 'region', 'address', 'homepage', 'email'] as const) {
    const value = plain(details.get(`agent:${key}`));
    if (value !== undefined) agent[key] = value;
  }
  const identifiers: NonNullable<Organisation['identifiers']> = {};
  for (const key of ['eidas', 'vat', 'registration'] as const) {
    const value = plain(details.get(`agent:${key}`));
    if (value !== undefined) identifiers[key] = value;
  }
  const other: { scheme: string; value: string }[] = [];
  for (let n = 1; details.has(`agent:identifier:${n}`) || details.has(`agent:identifier:${n}:scheme`); n++) {
    other.push({ scheme: plain(details.get(`agent:identifier:${n}:scheme`)) ?? '', value: plain(details.get(`agent:identifier:${n}`)) ?? '' });
  }
  if (other.length) identifiers.other = other;
  if (Object.keys(identifiers).length) agent.identifiers = identifiers;
  return agent;
}

/**
 * Puts internal entries back in their places among the other quality-assurance entries (in place):
 * an entry written at position n goes to index n - 1 when the list is that long, else to the end;
 * entries without a position go to the end.
 *
 * @example
 * const qa = [{ type: 'programme-quality-assurance', title: 'Accreditation' }];
 * insertInternalQa(qa, [{ position: 1, value: { type: 'internal-quality-assurance', title: 'Course evaluation' } }]);
 * qa.map((q) => q.type); // ['internal-quality-assurance', 'programme-quality-assurance']
 */
export function insertInternalQa(qa: Node[], entries: readonly InternalQaEntry[]): void {
  for (const { position, value } of entries) {
    if (position !== undefined && position - 1 <= qa.length) qa.splice(position - 1, 0, value);
    else qa.push(value);
  }
}
