import { describe, expect, it } from 'vitest';
import { ELEMENT_OF_FIELD, ISSUE_CODES, pointerKeys, validate } from '../src/index.js';
import { invalidFixtures, issueKey, validFixtures } from './helpers/fixtures.js';

describe('fixtures: the test oracles', () => {
  it('has the fixtures the standard asks for', () => {
    expect(validFixtures.length).toBeGreaterThanOrEqual(10);
    expect(invalidFixtures.length).toBeGreaterThanOrEqual(30);
  });

  describe.each(validFixtures)('valid/$name', (fixture) => {
    it('is accepted with exactly the expected warnings', () => {
      const result = validate(fixture.doc);
      expect(result.issues.map(issueKey).sort()).toEqual(fixture.expected.map(issueKey).sort());
      expect(result.ok).toBe(true);
      if (result.ok) expect(result.value).toEqual(fixture.doc);
    });
  });

  describe.each(invalidFixtures)('invalid/$name', (fixture) => {
    it('is rejected with exactly the expected issues', () => {
      const result = validate(fixture.doc);
      expect(result.ok).toBe(false);
      expect(result.issues.map(issueKey).sort()).toEqual(fixture.expected.map(issueKey).sort());
      expect(fixture.expected.some((i) => i.severity === 'error')).toBe(true);
    });

    it('names the Annex I element of each issue and says what to change', () => {
      for (const issue of validate(fixture.doc).issues) {
        const first = pointerKeys(issue.path)[0];
        const element = typeof first === 'string' && Object.hasOwn(ELEMENT_OF_FIELD, first) ? ELEMENT_OF_FIELD[first] : null;
        expect(issue.element).toBe(element);
        expect(issue.severity).toBe(ISSUE_CODES[issue.code].severity);
        expect(issue.message.length).toBeGreaterThan(20);
      }
    });
  });
});
