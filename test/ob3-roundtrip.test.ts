import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromOpenBadge } from '../src/ob3/from-open-badge.js';
import { toOpenBadge } from '../src/ob3/to-open-badge.js';
import type { MicroCredential } from '../src/index.js';
import { validMicroCredential } from './helpers/arbitraries.js';
import { everyFieldMicroCredential } from './helpers/every-field.js';
import { validFixtures } from './helpers/fixtures.js';

/**
 * What comes back: the model as it went, except (1) the credential `id` generated when the model had
 * none, (2) `$schema`, an editor hint the model ignores (model.md: "optional, ignored"), which is
 * not data and has no place in a badge, and (3) a grade `{ value }` with neither scheme nor
 * `passed`, which the model defines as the same fact as the string `value` (its shorthand), and
 * (4) an empty object (`identifiers: {}`, `furtherInformation: {}`), which states nothing: it is the
 * same as no member at all, and a badge (like any RDF) has no empty node to carry it.
 */
function expected(mc: MicroCredential, back: MicroCredential): MicroCredential {
  const out = withoutEmptyObjects(JSON.parse(JSON.stringify(mc))) as MicroCredential & { $schema?: string };
  delete out.$schema;
  if (out.id === undefined && back.id !== undefined) out.id = back.id;
  if (typeof out.grade === 'object' && out.grade.scheme === undefined && out.grade.passed === undefined) out.grade = out.grade.value;
  return out;
}

function withoutEmptyObjects(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutEmptyObjects);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) {
    const kept = withoutEmptyObjects(v);
    if (!(kept !== null && typeof kept === 'object' && !Array.isArray(kept) && Object.keys(kept).length === 0)) out[k] = kept;
  }
  return out;
}

/** Every place in `b` whose value differs from `a`'s, as `path: a → b` (empty when they are equal). */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return [`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`];
}

function roundTrip(mc: MicroCredential): string[] {
  const back = fromOpenBadge(toOpenBadge(mc));
  const ob3 = back.issues.filter((i) => i.in === 'ob3');
  expect(ob3).toEqual([]);
  expect(back.ok).toBe(true);
  return differences(expected(mc, back.value as MicroCredential), back.value);
}

describe('model → OB 3.0 → model', () => {
  it.each(validFixtures.map((f) => [f.name, f.doc as MicroCredential] as const))('%s comes back as it went', (_, mc) => {
    expect(roundTrip(mc)).toEqual([]);
  });

  it('holds for generated micro-credentials', () => {
    fc.assert(fc.property(validMicroCredential, (mc) => {
      expect(roundTrip(mc)).toEqual([]);
    }), { numRuns: 200 });
  });

  it('holds for generated micro-credentials that use every field of the model', () => {
    fc.assert(fc.property(everyFieldMicroCredential, (mc) => {
      expect(roundTrip(mc)).toEqual([]);
    }), { numRuns: 300 });
  });
});

describe('spellings the generators do not produce come back as they went', () => {
  const base = validFixtures.find((f) => f.name === 'every-optional-element')!.doc as MicroCredential;
  it.each([
    ['a primary language outside OB 3.0\'s inLanguage pattern', { ...base, primaryLanguage: 'EN' }],
    ['a private-use primary language', { ...base, primaryLanguage: 'x-klingon' }],
    ['a title without its primary language', { ...base, primaryLanguage: 'ga', title: { en: 'Data literacy', fr: 'Littératie des données' } }],
    ['a grade with passed only', { ...base, grade: { value: '55', passed: false } }],
    ['empty lists', { ...base, learner: { ...base.learner, identifiers: [] }, learningOutcomes: [{ title: 'Audit a web page', escoSkills: [], relatedSkills: [] }], furtherInformation: { links: [] } }],
    ['an organisation with identifiers of other schemes only', { ...base, issuer: { ...base.issuer, identifiers: { other: [{ scheme: 'https://registry.example.eu/ids', value: 'A: 17' }] } } }],
    ['a custom assessment type whose URI is an EU concept', { ...base, assessment: { type: { uri: 'http://data.europa.eu/snb/assessment/4f03b91c0e', label: 'Portfolio (own wording)' } } }],
  ] as const)('%s', (_, mc) => {
    expect(roundTrip(mc as MicroCredential)).toEqual([]);
  });
});
