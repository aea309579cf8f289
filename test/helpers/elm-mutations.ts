// Variants of an ELM document for differential tests of the SHACL engine: every node loses each of
// its members in turn, is retyped, loses its type; values are duplicated, given wrong datatypes or
// a second string in the same language; extra nodes, a data-graph subclass and out-of-range numbers
// are added. Deterministic: the same document always gives the same variants.
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Node = { [key: string]: Json };

const OTHER_TYPES = ['Note', 'Concept', 'Organisation', 'LearningOutcome', 'LegalIdentifier', 'Person', 'LearningAchievement'];

/** Every JSON object of the document with a `type`, as a path of keys and indexes from the root. */
function nodePaths(doc: Json, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (Array.isArray(doc)) doc.forEach((v, i) => nodePaths(v, [...path, i], out));
  else if (doc && typeof doc === 'object') {
    if ('type' in doc) out.push(path);
    for (const [k, v] of Object.entries(doc)) if (k !== '@context') nodePaths(v, [...path, k], out);
  }
  return out;
}

function at(doc: Json, path: (string | number)[]): Node {
  let x: any = doc;
  for (const k of path) x = x[k];
  return x as Node;
}

/** A variant: its name and how to change a copy of the document. */
interface Change {
  name: string;
  change: (copy: Json) => void;
}
const variant = (_doc: Json, name: string, change: (copy: Json) => void): Change => ({ name, change });

const DATE = /^\d{4}-\d{2}-\d{2}T/;

/** Wrong values for a member: a date that is none, a number as text, text as a number. */
function wrongValues(value: Json): Json[] {
  if (typeof value === 'string' && DATE.test(value)) return ['yesterday', '2024-13-45T25:00:00Z', '2024-01-01'];
  if (typeof value === 'number') return ['many', -5, 150, 2.5];
  if (typeof value === 'string') return [12, true];
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const langs = Object.keys(value).filter((k) => /^[a-z]{2}$/.test(k));
    if (langs.length > 0) return [{ ...value, [langs[0]!]: [value[langs[0]!]!, 'another text in the same language'] } as Json, 'plain text, no language'];
    if (typeof value.id === 'string') {
      // The IRI alone (a reference where a node was), and the node without its IRI (a blank node).
      const { id, ...blank } = value;
      return [id, blank];
    }
  }
  return [];
}

function perNode(doc: Json, path: (string | number)[], i: number): Change[] {
  const node = at(doc, path);
  const where = `/${path.join('/')}`;
  const out: Change[] = [];
  for (const key of Object.keys(node)) {
    out.push(variant(doc, `${where}: without ${key}`, (c) => delete at(c, path)[key]));
    wrongValues(node[key]!).forEach((w, j) =>
      out.push(
        variant(doc, `${where}/${key}: wrong value ${j}`, (c) => {
          at(c, path)[key] = structuredClone(w);
        }),
      ),
    );
    const value = node[key];
    if (value && typeof value === 'object' && !Array.isArray(value) && key !== 'type') {
      out.push(variant(doc, `${where}/${key}: twice`, (c) => (at(c, path)[key] = [value, { ...structuredClone(value), id: `urn:copy:${i}:${key}` }])));
    }
  }
  out.push(variant(doc, `${where}: type ${OTHER_TYPES[i % OTHER_TYPES.length]}`, (c) => (at(c, path).type = OTHER_TYPES[i % OTHER_TYPES.length]!)));
  out.push(variant(doc, `${where}: two types`, (c) => (at(c, path).type = [node.type as string, OTHER_TYPES[(i + 3) % OTHER_TYPES.length]!])));
  return out;
}

/** Nodes the document did not have: bare claims, an activity's completion out of range, a subclass in the data. */
function extraNodes(doc: Json): Change[] {
  const claims = (c: Json): Json[] => {
    const subject = at(c, ['credentialSubject']);
    const list = ([] as Json[]).concat(subject.hasClaim ?? []);
    subject.hasClaim = list;
    return list;
  };
  const activity = (level: Json) => ({ id: 'urn:extra:activity', type: 'LearningActivity', title: { en: 'Activity' }, levelOfCompletion: level });
  return [
    variant(doc, 'a bare extra claim', (c) => claims(c).push({ id: 'urn:extra:claim', type: 'LearningAchievement' })),
    variant(doc, 'an extra claim as a blank node', (c) => claims(c).push({ type: 'LearningAchievement', title: { en: 'x', fr: 'y' } })),
    ...[50, 100, 101, 150, '150', 'abc', -1, 99.5].map((level) => variant(doc, `an activity completed at ${JSON.stringify(level)}`, (c) => claims(c).push(activity(level)))),
    variant(doc, 'a claim of a class the data declares a subclass of elm:Claim', (c) =>
      claims(c).push(
        { id: 'urn:extra:typed', type: 'http://example.org/MyClaim' },
        { id: 'http://example.org/MyClaim', 'http://www.w3.org/2000/01/rdf-schema#subClassOf': { id: 'http://data.europa.eu/snb/model/elm/LearningAchievement' } },
      ),
    ),
    variant(doc, 'a subclass chain in the data', (c) =>
      claims(c).push(
        { id: 'urn:extra:deep', type: 'http://example.org/Deeper' },
        { id: 'http://example.org/Deeper', 'http://www.w3.org/2000/01/rdf-schema#subClassOf': { id: 'http://example.org/Deep' } },
        { id: 'http://example.org/Deep', 'http://www.w3.org/2000/01/rdf-schema#subClassOf': { id: 'http://data.europa.eu/snb/model/elm/Organisation' } },
      ),
    ),
    variant(doc, 'the same literal twice, once as a number and once as typed text', (c) => {
      at(c, ['credentialSubject']).hasClaim = claims(c);
      claims(c).push({ id: 'urn:extra:twice', type: 'LearningActivity', levelOfCompletion: [50, { '@value': '50', '@type': 'http://www.w3.org/2001/XMLSchema#positiveInteger' }] });
    }),
  ];
}

/**
 * Variants of `doc`. Each node contributes its own; `stride` keeps every n-th of them, so that a
 * test can bound its running time while still touching every kind of change.
 */
export function elmMutations(doc: Json, stride = 1): { name: string; doc: Json }[] {
  const all = nodePaths(doc).flatMap((path, i) => perNode(doc, path, i));
  return [...all.filter((_, i) => i % stride === 0), ...extraNodes(doc)].map(({ name, change }) => {
    const copy = structuredClone(doc);
    change(copy);
    return { name, doc: copy };
  });
}
