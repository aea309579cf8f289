import { describe, expect, it } from 'vitest';
import { MicroCredentialValidationError, parseMicroCredential, validate } from '../src/index.js';
import { validFixtures } from './helpers/fixtures.js';

const base = validFixtures.find((f) => f.name === 'every-optional-element')!.doc as Record<string, unknown>;

function deepObject(depth: number): unknown {
  let root: Record<string, unknown> = {};
  const top = root;
  for (let i = 0; i < depth; i++) {
    const next = {};
    root.a = next;
    root = next;
  }
  return top;
}
function deepArray(depth: number): unknown {
  const top: unknown[] = [];
  let cur = top;
  for (let i = 0; i < depth; i++) {
    const next: unknown[] = [];
    cur.push(next);
    cur = next;
  }
  return top;
}
const cyclic = (): unknown => {
  const o: Record<string, unknown> = { ...base };
  o.learner = { fullName: 'A', self: o };
  return o;
};
const throwingGetter = () => Object.defineProperty({ ...base }, 'title', { enumerable: true, get: () => { throw new Error('boom'); } });
const throwingProxy = () => new Proxy({}, { ownKeys: () => { throw new Error('boom'); }, get: () => { throw new Error('boom'); } });
const huge = 'x'.repeat(50 * 1024 * 1024);
const protoJson = '{"__proto__": {"polluted": true}, "learner": {"__proto__": {"polluted": true}}, "title": {"__proto__": "x", "constructor": "y"}}';

/** The bank of hostile inputs shared by the tests of every public function. */
export const HOSTILE: [string, () => unknown][] = [
  ['null', () => null],
  ['undefined', () => undefined],
  ['an array', () => [base]],
  ['a string', () => JSON.stringify(base)],
  ['a number', () => 42],
  ['NaN', () => Number.NaN],
  ['a bigint', () => 10n],
  ['a symbol', () => Symbol('mc')],
  ['a function', () => () => base],
  ['a Date', () => new Date()],
  ['a Map', () => new Map(Object.entries(base))],
  ['an object with a null prototype', () => Object.assign(Object.create(null), base)],
  ['100 000-deep nested objects', () => ({ ...base, learner: deepObject(100_000) })],
  ['100 000-deep nested arrays', () => ({ ...base, learningOutcomes: deepArray(100_000), title: deepArray(100_000) })],
  ['a 50 MB string in every text field', () => ({ ...base, title: huge, issuer: { id: huge, legalName: { en: huge }, country: huge }, dateOfIssue: huge, learner: { fullName: huge } })],
  ['a 50 MB language-map key', () => ({ ...base, title: { [huge]: 'x' } })],
  ['100 000 learning outcomes, all wrong', () => ({ ...base, learningOutcomes: Array.from({ length: 100_000 }, () => ({ title: 7 })) })],
  ['__proto__ and constructor keys (JSON.parse)', () => JSON.parse(protoJson)],
  ['a cycle', cyclic],
  ['a getter that throws', throwingGetter],
  ['a proxy that throws', throwingProxy],
  ['NaN and Infinity workloads', () => ({ ...base, workload: { ects: Number.NaN, hours: Number.POSITIVE_INFINITY } })],
  ['dates that do not exist', () => ({ ...base, dateOfIssue: '2024-02-30T10:00:00Z', learner: { fullName: 'A', dateOfBirth: '2023-02-29' } })],
  ['sparse arrays', () => ({ ...base, awardingBodies: new Array(5) })],
  ['a frozen document', () => Object.freeze(structuredClone(base))],
];

/** Unusual but valid: plain data in a frozen or prototype-less object. */
const ACCEPTABLE = new Set(['a frozen document', 'an object with a null prototype']);

describe('hostile input', () => {
  it.each(HOSTILE)('validate() reports %s without throwing', (_, make) => {
    const input = make();
    const result = validate(input);
    expect(typeof result.ok).toBe('boolean');
    if (!result.ok) expect(result.issues.length).toBeGreaterThan(0);
    expect(result.issues.length).toBeLessThanOrEqual(101);
    for (const issue of result.issues) expect(issue.message.length).toBeLessThan(2000);
  });

  it.each(HOSTILE.filter(([name]) => !ACCEPTABLE.has(name)))('rejects %s', (_, make) => {
    expect(validate(make()).ok).toBe(false);
  });

  it.each([...ACCEPTABLE])('accepts %s holding a valid credential', (name) => {
    expect(validate(HOSTILE.find(([n]) => n === name)![1]()).ok).toBe(true);
  });

  it.each(HOSTILE.filter(([name]) => !ACCEPTABLE.has(name)))('parseMicroCredential() throws MicroCredentialValidationError for %s', (_, make) => {
    expect(() => parseMicroCredential(make())).toThrow(MicroCredentialValidationError);
  });

  it('never pollutes a prototype', () => {
    for (const [, make] of HOSTILE) validate(make());
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect((Object.prototype as Record<string, unknown>).isAdmin).toBeUndefined();
  });

  it('reports __proto__ keys as data at their own paths', () => {
    const result = validate(JSON.parse(protoJson));
    const paths = result.issues.map((i) => JSON.stringify(i.path));
    expect(paths).toContain('["__proto__"]');
    expect(paths).toContain('["learner","__proto__"]');
    expect(paths).toContain('["title","__proto__"]');
    expect(paths).toContain('["title","constructor"]');
  });

  it('caps the issue list and says so', () => {
    const result = validate({ ...base, learningOutcomes: Array.from({ length: 500 }, () => ({ title: 7 })) });
    expect(result.issues).toHaveLength(101);
    expect(result.issues.at(-1)!.code).toBe('MC_TOO_MANY_ISSUES');
    expect(validate({ ...base, learningOutcomes: Array.from({ length: 500 }, () => ({ title: 7 })) }, { maxIssues: 600 }).issues).toHaveLength(500);
  });

  it('quotes huge values cut short', () => {
    const result = validate({ ...base, dateOfIssue: huge });
    const message = result.issues.find((i) => i.code === 'MC_INVALID_DATETIME')!.message;
    expect(message.length).toBeLessThan(400);
    expect(message).toContain(`(${huge.length} characters)`);
  });

  it('never quotes learner data back in messages', () => {
    const secret = 'SECRET-NATIONAL-ID-4711';
    const result = validate({ ...base, learner: { fullName: 'A', email: secret, dateOfBirth: secret, nationalId: { value: 'x', country: secret } } });
    expect(result.ok).toBe(false);
    for (const issue of result.issues) expect(issue.message).not.toContain(secret);
  });
});
