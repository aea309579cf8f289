import { shorten } from '../../../json/describe.js';
import type { ElmValidationIssue } from '../validation-codes.js';
import type { Term } from './rdf.js';
import type { ShaclResult, ShapesSource } from './result.js';

const SH = 'http://www.w3.org/ns/shacl#';
const RDF = 'http://www.w3.org/1999/02/22-rdf-syntax-ns#';

/** Prefixes for compact names in issues: the ELM context's, and the EDC shapes' own. */
const PREFIXES: readonly (readonly [string, string])[] = [
  ['cred', 'https://www.w3.org/2018/credentials#'],
  ['elm', 'http://data.europa.eu/snb/model/elm/'],
  ['edc', 'http://data.europa.eu/snb/model/ap/edc-generic-no-cv/'],
  ['edc-full', 'http://data.europa.eu/snb/model/ap/edc-generic-full/'],
  ['dc', 'http://purl.org/dc/terms/'],
  ['adms', 'http://www.w3.org/ns/adms#'],
  ['skos', 'http://www.w3.org/2004/02/skos/core#'],
  ['foaf', 'http://xmlns.com/foaf/0.1/'],
  ['org', 'http://www.w3.org/ns/org#'],
  ['rov', 'http://www.w3.org/ns/regorg#'],
  ['person', 'http://www.w3.org/ns/person#'],
  ['locn', 'http://www.w3.org/ns/locn#'],
  ['clv', 'http://data.europa.eu/m8g/'],
  ['vc', 'http://data.europa.eu/snb/model/w3c/vc/'],
  ['xsd', 'http://www.w3.org/2001/XMLSchema#'],
  ['rdf', RDF],
  ['rdfs', 'http://www.w3.org/2000/01/rdf-schema#'],
  ['owl', 'http://www.w3.org/2002/07/owl#'],
  ['sh', SH],
];

/** `cred:issued` for `https://www.w3.org/2018/credentials#issued`; the IRI itself when no prefix fits. */
export function compact(iri: string): string {
  for (const [prefix, ns] of PREFIXES) {
    if (iri.startsWith(ns)) {
      const local = iri.slice(ns.length);
      if (/^[A-Za-z_][\w.-]*$/.test(local)) return `${prefix}:${local}`;
    }
  }
  return iri;
}

function show(term: Term | undefined | null): string {
  if (!term) return '';
  if (term.termType === 'NamedNode') return compact(term.value);
  if (term.termType === 'BlankNode') return `_:${term.value}`;
  return term.value;
}

/** A shape's parameters, read from the shapes graph. */
class ShapeReader {
  constructor(private readonly shapes: ShapesSource) {}

  values(shape: Term, parameter: string): Term[] {
    return [...this.shapes.match(shape, { termType: 'NamedNode', value: SH + parameter } as Term)].map((q) => q.object);
  }

  one(shape: Term, parameter: string): Term | undefined {
    return this.values(shape, parameter)[0];
  }

  /** An RDF list's members (sh:in, sh:or), at most 20, to keep messages short. */
  list(head: Term | undefined): Term[] {
    const out: Term[] = [];
    let node = head;
    while (node && node.value !== `${RDF}nil` && out.length < 20) {
      const first = [...this.shapes.match(node, { termType: 'NamedNode', value: `${RDF}first` } as Term)][0];
      if (!first) break;
      out.push(first.object);
      node = [...this.shapes.match(node, { termType: 'NamedNode', value: `${RDF}rest` } as Term)][0]?.object;
    }
    return out;
  }

  /** The shape's own message, English preferred. */
  message(shape: Term): string | undefined {
    const messages = this.values(shape, 'message');
    const english = messages.find((m) => m.termType === 'Literal' && m.language === 'en');
    return (english ?? messages[0])?.value;
  }
}

/** Each alternative of a logical constraint in words: `class elm:Person`, `datatype xsd:string`, a shape's name. */
function alternatives(shapes: readonly Term[], reader: ShapeReader): string {
  const one = (alt: Term): string => {
    if (alt.termType === 'NamedNode') return show(alt);
    const parts: string[] = [];
    for (const [parameter, label] of [['class', 'class'], ['datatype', 'datatype'], ['nodeKind', 'node kind'], ['node', 'shape'], ['hasValue', 'value']] as const) {
      for (const v of reader.values(alt, parameter)) parts.push(`${label} ${show(v)}`);
    }
    const path = reader.one(alt, 'path');
    if (path) parts.unshift(`a ${show(path)}`);
    return parts.length > 0 ? parts.join(' with ') : 'an anonymous shape';
  };
  return shapes.map(one).join(', ') || 'its alternatives';
}

/** The IRI a compact result path stands for (`cred:issued`), or the path itself when it is an IRI; undefined for complex paths. */
export function expandPath(path: string): string | undefined {
  if (/^[a-z][\w+.-]*:\/\//i.test(path) || path.startsWith('urn:')) return /[\s|^()*+?]/.test(path) ? undefined : path;
  const m = /^([A-Za-z][\w-]*):([A-Za-z_][\w.-]*)$/.exec(path);
  const ns = m ? PREFIXES.find(([prefix]) => prefix === m[1])?.[1] : undefined;
  return ns ? ns + m![2] : undefined;
}

/** What the constraint requires, from its shape's parameters: `1..1`, `datatype xsd:dateTime`. */
function requirement(component: string, shape: Term, reader: ShapeReader): string {
  const one = (p: string) => show(reader.one(shape, p));
  switch (component) {
    case 'MinCountConstraintComponent':
    case 'MaxCountConstraintComponent': {
      const min = reader.one(shape, 'minCount')?.value ?? '0';
      const max = reader.one(shape, 'maxCount')?.value ?? '*';
      return `${min}..${max}`;
    }
    case 'DatatypeConstraintComponent':
      return `datatype ${one('datatype')}`;
    case 'ClassConstraintComponent':
      return `class ${reader.values(shape, 'class').map(show).join(' or ')}`;
    case 'NodeKindConstraintComponent':
      return `node kind ${one('nodeKind')}`;
    case 'NodeConstraintComponent':
      return `must conform to ${reader.values(shape, 'node').map(show).join(' and ')}; it does not`;
    case 'HasValueConstraintComponent':
      return `has value ${one('hasValue')}`;
    case 'InConstraintComponent':
      return `one of ${reader.list(reader.one(shape, 'in')).map(show).join(', ')}`;
    case 'PatternConstraintComponent':
      return `matches /${one('pattern')}/`;
    case 'UniqueLangConstraintComponent':
      return 'at most one value per language';
    // A failed logical constraint says what is wrong, never what would have been right ("conforms
    // to one of its alternatives" read as success).
    case 'OrConstraintComponent':
      return `must conform to at least one of: ${alternatives(reader.list(reader.one(shape, 'or')), reader)}; it conforms to none`;
    case 'XoneConstraintComponent':
      return `must conform to exactly one of: ${alternatives(reader.list(reader.one(shape, 'xone')), reader)}; it does not`;
    case 'AndConstraintComponent':
      return `must conform to all of: ${alternatives(reader.list(reader.one(shape, 'and')), reader)}; it does not`;
    case 'NotConstraintComponent':
      return `must not conform to ${alternatives(reader.values(shape, 'not'), reader)}; it does`;
    case 'ClosedConstraintComponent':
      return 'has only the properties its shape lists';
    case 'MinLengthConstraintComponent':
      return `at least ${one('minLength')} characters`;
    case 'MaxLengthConstraintComponent':
      return `at most ${one('maxLength')} characters`;
    default:
      return '';
  }
}

/** The result path as text: `cred:issued`, `^elm:x`, `a/b` for the path forms SHACL allows. */
function describePath(term: Term | undefined | null, dataset: ShapesSource, depth = 0): string {
  if (!term) return '';
  if (term.termType !== 'BlankNode' || depth > 8) return show(term);
  const get = (p: string) => [...dataset.match(term, { termType: 'NamedNode', value: p } as Term)][0]?.object;
  const inverse = get(`${SH}inversePath`);
  if (inverse) return `^${describePath(inverse, dataset, depth + 1)}`;
  for (const [p, mark] of [['zeroOrMorePath', '*'], ['oneOrMorePath', '+'], ['zeroOrOnePath', '?']] as const) {
    const inner = get(SH + p);
    if (inner) return `(${describePath(inner, dataset, depth + 1)})${mark}`;
  }
  const items: string[] = [];
  let node: Term | undefined = get(`${SH}alternativePath`) ?? term;
  const alternative = node !== term;
  while (node && node.termType === 'BlankNode' && items.length < 20) {
    const first: Term | undefined = [...dataset.match(node, { termType: 'NamedNode', value: `${RDF}first` } as Term)][0]?.object;
    if (!first) break;
    items.push(describePath(first, dataset, depth + 1));
    node = [...dataset.match(node, { termType: 'NamedNode', value: `${RDF}rest` } as Term)][0]?.object;
  }
  return items.length ? (alternative ? `(${items.join('|')})` : items.join('/')) : show(term);
}

function severityOf(term: Term | undefined): ElmValidationIssue['severity'] {
  if (term?.value === `${SH}Warning`) return 'warning';
  if (term?.value === `${SH}Info`) return 'info';
  return 'error';
}

/** Where a nested result came from: the `sh:node` constraint that led to it. */
interface Via {
  path: string;
  focusNode: string;
  shape: string;
}

/**
 * The validation results as issues. A `sh:node` violation is replaced by the violations inside it
 * (`sh:detail`), which say what to change: "the issuer has no eIDAS identifier" rather than "the
 * issuer does not conform to IssuerNodeShape"; the message names the `sh:node` link it came through.
 */
export function resultsToIssues(results: readonly ShaclResult[], shapes: ShapesSource): ElmValidationIssue[] {
  const reader = new ShapeReader(shapes);
  const issues: ElmValidationIssue[] = [];
  const visit = (r: ShaclResult, via: Via | undefined): void => {
    const component = r.sourceConstraintComponent?.value ?? '';
    const componentName = component.startsWith(SH) ? component.slice(SH.length) : compact(component);
    const path = describePath(r.path, r.dataset);
    const focusNode = show(r.focusNode);
    const shapeTerm = r.sourceShape;
    const details = r.detail ?? [];
    if (componentName === 'NodeConstraintComponent' && details.length > 0) {
      const here: Via = { path, focusNode, shape: shapeTerm ? show(shapeTerm) : '' };
      for (const d of details) visit(d, here);
      return;
    }
    const own = shapeTerm ? reader.message(shapeTerm) : undefined;
    const required = shapeTerm ? requirement(componentName, shapeTerm, reader) : '';
    const engineSays = (r.message ?? []).map((m) => m.value).find((m) => m && m !== own);
    let message = own ?? `${componentName}: ${[path, required].filter(Boolean).join(' ')}${engineSays ? ` (${engineSays})` : ''}`;
    if (via) message += ` [required by ${via.path || 'a shape'} of ${via.focusNode}${via.shape ? `, ${via.shape}` : ''}]`;
    const issue: ElmValidationIssue = {
      code: 'ELM_SHACL_VIOLATION',
      severity: severityOf(r.severity),
      // The JSON Pointer is found by the caller, which has the document (validate-elm.ts).
      path: '',
      focusNode: r.focusNode?.termType === 'BlankNode' ? `_:${r.focusNode.value}` : (r.focusNode?.value ?? ''),
      ...(path ? { resultPath: path } : {}),
      message,
    };
    // shacl's sh:value: absent for cardinality results, where there is no single offending value.
    // A blank node value as `_:b4`, as focus nodes are, so that it can be told from a literal "b4".
    if (r.value) issue.value = r.value.termType === 'BlankNode' ? `_:${r.value.value}` : shorten(r.value.value);
    if (shapeTerm?.termType === 'NamedNode') issue.shape = compact(shapeTerm.value);
    issues.push(issue);
  };
  for (const r of results) visit(r, undefined);
  // RDF merges the copies of a node EDC writes in several places; drop what is then reported twice.
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = [i.focusNode, i.resultPath ?? '', i.message, i.value ?? '', i.shape ?? ''].join('\u0000');
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

