/**
 * The optional elements: prerequisites (O1), grade (O3: a `result` and its `resultDescription`),
 * stackability (O4) and further information (O5: `validUntil`, the extension's note and links, or
 * another issuer's achievement `description`).
 */
import type { JsonObject } from '../../json/types.js';
import { type Path, type Reader, langOf } from './reader.js';

type Model = Record<string, unknown>;

/** The result type edubadges gives an ECTS grade (A-F). */
const ECTS_GRADE = 'ext:ECTSGradeScore';

/**
 * O3: the first `result` with a `value`; this library's `passed` and `gradingScheme` make it
 * structured, as does the name of an edubadges `ext:ECTSGradeScore` result description.
 */
export function readGrade(r: Reader, subject: JsonObject, sPath: Path, a: JsonObject, aPath: Path): unknown {
  const results = r.objects(subject, 'result', sPath, 'O3');
  const graded = results.find((x) => typeof x.node.value === 'string');
  if (!graded) return undefined;
  r.raw(graded.node, 'type', graded.path);
  const value = r.str(graded.node, 'value', graded.path, 'O3')!;
  const link = r.str(graded.node, 'resultDescription', graded.path, 'O3');
  const passed = r.ours ? r.bool(graded.node, 'passed', graded.path, 'O3') : undefined;
  let scheme: unknown;
  const description = r.objects(a, 'resultDescription', aPath, 'O3').find((d) => link !== undefined && d.node.id === link);
  if (description) {
    for (const key of ['id', 'type']) r.raw(description.node, key, description.path);
    if (r.ours) {
      scheme = langOf(r, description.node, 'gradingScheme', description.path, 'O3');
      // Written from the scheme (or "Grade") and OB 3.0's generic result type: nothing of their own.
      for (const key of ['name', 'resultType']) r.raw(description.node, key, description.path);
    } else if (description.node.resultType === ECTS_GRADE && typeof description.node.name === 'string') {
      // edubadges' ECTS grade: the result description's name names the scale the value is on.
      r.raw(description.node, 'resultType', description.path);
      scheme = r.str(description.node, 'name', description.path, 'O3');
    }
  }
  if (scheme === undefined && passed === undefined) return value;
  return { value, ...(scheme === undefined ? {} : { scheme }), ...(passed === undefined ? {} : { passed }) };
}

/** O4 from the extension's `stackability` and `stacksTowards`. */
export function readStackability(r: Reader, a: JsonObject, path: Path): Model | undefined {
  if (!r.ours) return undefined;
  const kind = r.str(a, 'stackability', path, 'O4');
  const towards = Object.hasOwn(a, 'stacksTowards')
    ? r.objects(a, 'stacksTowards', path, 'O4').map(({ node, path: at }) => {
        const t: Model = {};
        const title = langOf(r, node, 'title', at, 'O4');
        if (title !== undefined) t.title = title;
        const id = r.str(node, 'id', at, 'O4');
        if (id !== undefined) t.id = id;
        const url = r.str(node, 'url', at, 'O4');
        if (url !== undefined) t.url = url;
        return t;
      })
    : undefined;
  if (kind === undefined && towards === undefined) return undefined;
  return { ...(kind === undefined ? {} : { kind }), ...(towards === undefined ? {} : { towards }) };
}

/** O5: `validUntil` (or VC 1.1's `expirationDate`), the extension's `note` and `link`. */
export function readFurtherInformation(r: Reader, doc: JsonObject, a: JsonObject, path: Path): Model {
  const f: Model = {};
  if (r.ours) {
    const note = langOf(r, a, 'note', path, 'O5');
    if (note !== undefined) f.note = note;
  }
  const validUntil = r.str(doc, 'validUntil', [], 'O5') ?? r.str(doc, 'expirationDate', [], 'O5');
  if (validUntil !== undefined) f.validUntil = validUntil;
  if (r.ours && Object.hasOwn(a, 'link')) {
    f.links = r.objects(a, 'link', path, 'O5').map(({ node, path: at }) => {
      const url = r.str(node, 'url', at, 'O5');
      const title = langOf(r, node, 'title', at, 'O5');
      return { ...(url === undefined ? {} : { url }), ...(title === undefined ? {} : { title }) };
    });
  }
  return f;
}

/** O1 from the extension's `prerequisites`. */
export function readPrerequisites(r: Reader, a: JsonObject, path: Path): unknown {
  return r.ours ? langOf(r, a, 'prerequisites', path, 'O1') : undefined;
}
