/**
 * Where in the original document JSON-LD expansion dropped a member. jsonld.js reports a dropped
 * member by its name only; to point at it, the document is expanded a second time (only when
 * something was dropped) with a marker member added to every object: jsonld.js expands the members
 * of an object in sorted order, so a first marker (`\u0000n`) and a last one (`\uffffn`), both
 * dropped and reported themselves, bracket the reports of that object's members.
 */
import type { JsonLdApi, JsonLdEvent } from 'jsonld';
import { documentLoader } from '../../jsonld/loader.js';

type Node = Record<string, unknown>;
export type Path = (string | number)[];

/** A member that expansion dropped, at its place in the original document. */
export interface Dropped {
  path: Path;
  /** The jsonld.js event code (`invalid property`, `reserved term`, …). */
  code: string;
  /** The member's name, or the value that was dropped. */
  what: string;
}

const START = '\u0000';
const END = '\uffff';

/** The events of expansion that mean data is lost (the others report IRIs and tags kept as they are). */
export const DROPPING_EVENTS: ReadonlySet<string> = new Set([
  'invalid property',
  'reserved term',
  'free-floating scalar',
  'null @id value',
  'reserved @id value',
  'reserved @reverse value',
  'null @value value',
  'object with only @language',
  'invalid reverse property',
]);

/** A copy of `value` with markers in every object outside `@context`; `paths[n]` is where object n is. */
function mark(value: unknown, path: Path, paths: Path[]): unknown {
  if (Array.isArray(value)) return value.map((v, i) => mark(v, [...path, i], paths));
  if (value === null || typeof value !== 'object') return value;
  const n = paths.push(path) - 1;
  const out: Node = { [`${START}${n}`]: 'x' };
  for (const [key, v] of Object.entries(value as Node)) {
    if (key === '__proto__') continue;
    out[key] = key === '@context' ? v : mark(v, [...path, key], paths);
  }
  out[`${END}${n}`] = 'x';
  return out;
}

function detail(event: JsonLdEvent): string {
  const d = (event.details ?? {}) as Record<string, unknown>;
  const v = d.property ?? d.term ?? d.value ?? d.id ?? '';
  return typeof v === 'string' ? v : (JSON.stringify(v) ?? '');
}

/**
 * The members expansion drops, with their pointers into `doc`. `expected` is how many dropping
 * events the plain expansion reported; the marked run cannot report fewer, and if it somehow
 * reports them differently, the unplaced ones get the path of the nearest object found.
 */
export async function droppedMembers(processor: JsonLdApi, doc: Node): Promise<Dropped[]> {
  const paths: Path[] = [];
  const marked = mark(doc, [], paths) as Node;
  const stack: number[] = [];
  const dropped: Dropped[] = [];
  const eventHandler = ({ event }: { event: JsonLdEvent }) => {
    const what = detail(event);
    if (event.code === 'invalid property' && (what.startsWith(START) || what.startsWith(END))) {
      const n = Number(what.slice(1));
      if (what.startsWith(START)) stack.push(n);
      else if (stack[stack.length - 1] === n) stack.pop();
      return;
    }
    if (event.code === 'invalid @language value' && /^[\u0000\uffff]/.test(String(event.details?.language ?? ''))) return;
    if (!DROPPING_EVENTS.has(event.code)) return;
    const at = paths[stack[stack.length - 1] ?? -1] ?? [];
    const member = event.code === 'invalid property' || event.code === 'reserved term' ? [...at, what] : at;
    dropped.push({ path: member, code: event.code, what });
  };
  await processor.expand(marked, { documentLoader, eventHandler });
  return dropped;
}
