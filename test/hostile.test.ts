import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MicroCredentialValidationError, parseMicroCredential, validate } from '../src/index.js';
import { closest } from '../src/rules/text.js';
import { validFixtures } from './helpers/fixtures.js';
import { deepArray, deepObject, revoked } from './helpers/hostile.js';

// "Did you mean" hints are counted: the same function, watched.
vi.mock('../src/rules/text.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../src/rules/text.js')>();
  return { ...original, closest: vi.fn(original.closest) };
});

const base = validFixtures.find((f) => f.name === 'every-optional-element')!.doc as Record<string, unknown>;
const cyclic = (): unknown => {
  const o: Record<string, unknown> = { ...base };
  o.learner = { fullName: 'A', self: o };
  return o;
};
const throwingGetter = () => Object.defineProperty({ ...base }, 'title', { enumerable: true, get: () => { throw new Error('boom'); } });
const throwingProxy = () => new Proxy({}, { ownKeys: () => { throw new Error('boom'); }, get: () => { throw new Error('boom'); } });
const huge = 'x'.repeat(50 * 1024 * 1024);
const protoJson = '{"__proto__": {"polluted": true}, "learner": {"__proto__": {"polluted": true}}, "title": {"__proto__": "x", "constructor": "y"}}';

/** validate()'s own cases, with its expectations; test/helpers/hostile.ts holds the bank fed to every public function. */
const HOSTILE: [string, () => unknown][] = [
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
    const paths = result.issues.map((i) => i.path);
    expect(paths).toContain('/__proto__');
    expect(paths).toContain('/learner/__proto__');
    expect(paths).toContain('/title/__proto__');
    expect(paths).toContain('/title/constructor');
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

describe('bounded cost: work per issue only for the issues listed', () => {
  const hints = vi.mocked(closest);
  beforeEach(() => {
    hints.mockClear();
  });
  const unknownKeys = (n: number) => Object.fromEntries([['learnr', 1], ...Array.from({ length: n }, (_, i) => [`extraField${i}`, 1])]);

  it('computes a "did you mean" hint for at most maxIssues of 30 000 unknown keys', () => {
    const result = validate({ ...base, ...unknownKeys(30_000) });
    expect(result.issues).toHaveLength(101);
    expect(result.issues.at(-1)!.message).toMatch(/^30001 issues were found/);
    expect(hints.mock.calls.length).toBeLessThanOrEqual(100);
    expect(hints.mock.calls.length).toBeGreaterThan(0);
    expect(result.issues[0]).toMatchObject({ code: 'MC_UNKNOWN_FIELD', path: '/learnr' });
    expect(result.issues[0]!.message).toContain('did you mean `learner`?');
  });

  it('follows maxIssues: 5 issues listed, at most 5 hints', () => {
    const result = validate({ ...base, ...unknownKeys(30_000) }, { maxIssues: 5 });
    expect(result.issues).toHaveLength(6);
    expect(hints.mock.calls.length).toBeLessThanOrEqual(5);
  });

  it('hints only on listed issues, also for 30 000 keys nested in 3 000 objects', () => {
    const learningOutcomes = Array.from({ length: 3_000 }, (_, i) => ({ title: `Outcome ${i}`, titel: 'x', ...Object.fromEntries(Array.from({ length: 9 }, (_, k) => [`note${k}`, 'v'])) }));
    const result = validate({ ...base, learningOutcomes });
    expect(result.issues).toHaveLength(101);
    // Entries with unknown keys fail: past the budget they are counted, not described.
    expect(result.issues.at(-1)!.message).toMatch(/^At least \d+ issues were found/);
    expect(hints.mock.calls.length).toBeLessThanOrEqual(100);
  });

  it('describes at most maxIssues of 190 000 failing list entries, and counts the rest', () => {
    const result = validate({ ...base, learningOutcomes: Array.from({ length: 190_000 }, (_, i) => i) });
    expect(result.issues).toHaveLength(101);
    expect(result.issues.slice(0, 100).map((i) => i.path)).toEqual(Array.from({ length: 100 }, (_, i) => `/learningOutcomes/${i}`));
    expect(result.issues.at(-1)!.message).toMatch(/^At least 190000 issues were found/);
  });

  it('lists the same issues with or without the bound on failing entries', () => {
    // 150 failing awarding bodies (M4) and 2 000 failing quality-assurance entries (M11): the
    // listed 100 are the learner's issue (M1) and 99 awarding bodies, bound or not.
    const doc = { ...base, learner: { fullName: 'A', email: 7 }, awardingBodies: Array.from({ length: 150 }, () => 'x') };
    const bounded = validate({ ...doc, qualityAssurance: Array.from({ length: 2_000 }, () => 5) }).issues;
    const unbounded = validate({ ...doc, qualityAssurance: [5] }).issues;
    expect(bounded.slice(0, 100)).toEqual(unbounded.slice(0, 100));
    expect(bounded.slice(0, 100).map((i) => i.element)).toEqual(['M1', ...Array.from({ length: 99 }, () => 'M4')]);
    expect(bounded.at(-1)!.message).toMatch(/^At least 2151 issues were found/);
  });

  it('refuses a typed array at once, at the root or inside, without walking its elements', () => {
    const root = validate(new Uint8Array(1_000_000));
    expect(root.issues).toEqual([expect.objectContaining({ code: 'MC_NOT_AN_OBJECT', path: '' })]);
    expect(root.issues[0]!.message).toContain('Uint8Array');
    const inside = validate({ ...base, learner: new Uint8Array(1_000_000), title: new Map() });
    expect(inside.issues.map((i) => [i.code, i.path])).toEqual([['MC_WRONG_TYPE', '/learner'], ['MC_WRONG_TYPE', '/title']]);
    expect(inside.issues[0]!.message).toContain('not a Uint8Array');
    expect(hints).not.toHaveBeenCalled();
  });

  it('reports a revoked proxy, a throwing getter and the input limits with the place they are at', () => {
    const unreadable = validate({ ...base, learner: { fullName: 'A', identifiers: [revoked()] } });
    expect(unreadable.issues).toEqual([expect.objectContaining({ code: 'MC_INPUT_UNREADABLE', path: '/learner/identifiers/0' })]);
    expect(validate(revoked()).issues).toEqual([expect.objectContaining({ code: 'MC_INPUT_UNREADABLE', path: '' })]);
    expect(validate({ ...base, learner: deepObject(300) }).issues).toEqual([expect.objectContaining({ code: 'MC_INPUT_LIMIT' })]);
    const tooMany = validate({ ...base, extra: Array.from({ length: 200_001 }, () => 1) }).issues;
    expect(tooMany).toEqual([expect.objectContaining({ code: 'MC_INPUT_LIMIT' })]);
    expect(tooMany[0]!.path).toMatch(/^\/extra\/\d+$/); // the entry of `extra` where the count ran out
  });
});
