/**
 * Finding the status list credential an entry names: among the lists the caller holds
 * (`statusLists`: objects or JSON text, matched by `id`), else from the caller's own
 * `fetchStatusList`. The library itself never fetches.
 * @module
 */
import { describeError, describeValue } from '../../json/describe.js';
import { INPUT_LIMITS, snapshot } from '../../json/snapshot.js';
import type { JsonObject } from '../../json/types.js';
import type { StatusCheckOptions } from '../../status/check.js';
import type { StatusUnknownReason } from '../../status/codes.js';

/**
 * A list credential as given: a plain copy, and its JSON text (what the verified-list cache is keyed by).
 *
 * @example
 * const source: ListSource = { doc: listCredential, text: JSON.stringify(listCredential), position: 0 };
 */
export interface ListSource {
  doc: JsonObject;
  text: string;
  /** Its index in `statusLists`, when it came from there. */
  position?: number;
}

/**
 * The list, or why there is none.
 *
 * @example
 * const lookup: ListLookup = { ok: false, reason: 'list-missing', message: 'The status list … is not among the lists given.' };
 */
export type ListLookup =
  | { ok: true; source: ListSource; /** Other versions of the list given with the same date as `source` (the newest), in the order given. */ ties?: readonly ListSource[] }
  | { ok: false; reason: Extract<StatusUnknownReason, 'list-missing' | 'fetch-failed' | 'list-malformed'>; message: string; position?: number };

/** Parsed JSON texts of lists, by text: a verifier checks many credentials against the same few lists. */
const parsed = new Map<string, JsonObject | null>();
const PARSED_MAX = 64;
/** Texts longer than this are parsed every time rather than kept. */
const PARSED_TEXT_MAX = 4 * 1024 * 1024;

/** A JSON text that holds an object (a list credential), as a plain copy; undefined for other text (a Status List Token, a JWT). */
function parseText(text: string): JsonObject | null | undefined {
  if (!/^\s*\{/.test(text.slice(0, 64))) return undefined;
  const known = parsed.get(text);
  if (known !== undefined) return known;
  let value: JsonObject | null = null;
  if (text.length <= INPUT_LIMITS.chars) {
    try {
      const copy = snapshot(JSON.parse(text) as unknown);
      value = copy.ok ? copy.value : null;
    } catch {
      value = null;
    }
  }
  if (text.length <= PARSED_TEXT_MAX) {
    if (parsed.size >= PARSED_MAX) parsed.delete(parsed.keys().next().value!);
    parsed.set(text, value);
  }
  return value;
}

/** A list given as an object or text, read: its copy and text; null when it is JSON but unreadable; undefined when it is not a W3C list at all. */
function readList(item: unknown): { doc: JsonObject; text: string } | null | undefined {
  if (typeof item === 'string') {
    const doc = parseText(item);
    return doc ? { doc, text: item } : doc;
  }
  if (item === null || typeof item !== 'object') return undefined;
  const copy = snapshot(item);
  return copy.ok ? { doc: copy.value, text: JSON.stringify(copy.value) } : null;
}

/** The `id` an item of `statusLists` says it has, read without copying it (a getter may throw). */
function claimedId(item: unknown): unknown {
  if (typeof item === 'string') return parseText(item)?.id;
  try {
    return item !== null && typeof item === 'object' && !Array.isArray(item) ? (item as { id?: unknown }).id : undefined;
  } catch {
    return undefined;
  }
}

/**
 * The start of a list's validity (validFrom, else issuanceDate), for choosing the newest of several copies.
 *
 * @example
 * startOf({ validFrom: '2026-01-10T00:00:00Z' }); // 1768003200000
 */
export function startOf(doc: JsonObject): number | undefined {
  for (const key of ['validFrom', 'issuanceDate']) {
    const t = typeof doc[key] === 'string' ? Date.parse(doc[key]) : Number.NaN;
    if (!Number.isNaN(t)) return t;
  }
  return undefined;
}

/**
 * The items of `statusLists` by the `id` each says it has, each item read once: the lists a
 * verifier holds are indexed once per credential, not scanned again for each list the credential
 * names (a credential's entries are the signer's choice, the held lists the verifier's).
 *
 * @example
 * const held = indexHeldLists([listCredential, JSON.stringify(otherList)]);
 * held.get('https://uni.example.eu/status/1'); // [0]
 */
export function indexHeldLists(lists: readonly unknown[]): ReadonlyMap<string, readonly number[]> {
  const index = new Map<string, number[]>();
  lists.forEach((item, position) => {
    const id = claimedId(item);
    if (typeof id !== 'string') return;
    const positions = index.get(id);
    if (positions) positions.push(position);
    else index.set(id, [position]);
  });
  return index;
}

/** Versions of a list of the same date read beside the first (each costs a signature check). */
const MAX_TIES = 7;

/**
 * The list with id `url` among `statusLists`: the newest (latest `validFrom`, or `issuanceDate`)
 * when several have that id, as a verifier that keeps lists may hold several versions, with the
 * other versions of that same date (an issuer publishing twice in a second writes the same
 * `validFrom`: which one is current cannot be told from the lists). Undefined when none has.
 */
function given(url: string, lists: readonly unknown[], held: ReadonlyMap<string, readonly number[]>): ListLookup | undefined {
  let malformed: ListLookup | undefined;
  const readable: { source: ListSource; start: number }[] = [];
  for (const position of held.get(url) ?? []) {
    const read = readList(lists[position]);
    if (!read) {
      malformed ??= { ok: false, reason: 'list-malformed', message: `statusLists[${position}], the list ${url}, cannot be read as a JSON object within the input limits.`, position };
      continue;
    }
    // A getter or proxy could say one id and hold another: the copy is what is checked.
    if (read.doc.id !== url) continue;
    readable.push({ source: { ...read, position }, start: startOf(read.doc) ?? -Infinity });
  }
  if (readable.length === 0) return malformed;
  const newest = Math.max(...readable.map((r) => r.start));
  const [first, ...others] = readable.filter((r) => r.start === newest).map((r) => r.source);
  const texts = new Set([first!.text]);
  // Each version is verified (a signature check): a few are read, not as many as were given.
  const ties = others.filter((o) => !texts.has(o.text) && texts.add(o.text)).slice(0, MAX_TIES);
  return { ok: true, source: first!, ...(ties.length > 0 ? { ties } : {}) };
}

/** The list through the caller's `fetchStatusList`. */
async function fetched(url: string, fetch: NonNullable<StatusCheckOptions['fetchStatusList']>): Promise<ListLookup> {
  let answer: unknown;
  try {
    answer = await fetch(url);
  } catch (error) {
    return { ok: false, reason: 'fetch-failed', message: `fetchStatusList(${JSON.stringify(url)}) failed: ${describeError(error)}` };
  }
  if (answer === undefined || answer === null) return { ok: false, reason: 'fetch-failed', message: `fetchStatusList(${JSON.stringify(url)}) returned no list.` };
  const read = readList(answer);
  if (!read) return { ok: false, reason: 'list-malformed', message: `fetchStatusList(${JSON.stringify(url)}) returned ${typeof answer === 'string' ? 'text that is not a JSON object' : describeValue(answer)}, not a status list credential.` };
  if (read.doc.id !== url) {
    return { ok: false, reason: 'fetch-failed', message: `fetchStatusList(${JSON.stringify(url)}) returned the list credential ${typeof read.doc.id === 'string' ? JSON.stringify(read.doc.id.slice(0, 200)) : 'without an `id`'}, not the one the entry names.` };
  }
  return { ok: true, source: read };
}

/**
 * The list credential named `url`: from `statusLists` when it is there (`held`: their index by
 * id, from {@link indexHeldLists}), else from `fetchStatusList`; `list-missing` when neither has it.
 *
 * @example
 * const found = await findList('https://uni.example.eu/status/1', { statusLists: [listCredential] });
 * if (found.ok) console.log(found.source.doc.issuer);
 */
export async function findList(url: string, options: StatusCheckOptions, held: ReadonlyMap<string, readonly number[]> = indexHeldLists(options.statusLists ?? [])): Promise<ListLookup> {
  const found = options.statusLists ? given(url, options.statusLists, held) : undefined;
  if (found) return found;
  if (options.fetchStatusList) return fetched(url, options.fetchStatusList);
  const count = options.statusLists?.length ?? 0;
  return {
    ok: false,
    reason: 'list-missing',
    message: `The status list ${url} is not among the ${count} list${count === 1 ? '' : 's'} given in \`statusLists\`, and no \`fetchStatusList\` was given: pass the list credential (the library never fetches it).`,
  };
}
