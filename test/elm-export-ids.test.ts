import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { exportToElm } from '../src/elm/export/to-elm.js';
import type { MicroCredential } from '../src/model/types.js';

const mc = JSON.parse(readFileSync(new URL('../fixtures/valid/higher-education.json', import.meta.url), 'utf8')) as MicroCredential;
const conflicts = (m: MicroCredential) => exportToElm(m).issues.filter((i) => i.code === 'ELM_NODE_CONFLICT').map((i) => [i.severity, i.path]);

describe('exportToElm: one id, two kinds of node', () => {
  it('refuses an organisation id used again for the learner, a custom assessment type or a target qualification', () => {
    const org = mc.issuer.id;
    expect(conflicts({ ...mc, learner: { ...mc.learner, id: org } })).toEqual([['error', '/learner/id']]);
    expect(conflicts({ ...mc, assessment: { ...mc.assessment, type: { uri: org, label: 'Portfolio' } } })).toEqual([['error', '/assessment/type/uri']]);
    expect(conflicts({ ...mc, awardingBodies: [{ ...mc.awardingBodies[0]!, id: 'https://body.example.eu' }], stackability: { kind: 'stackable', towards: [{ title: 'Certificate', id: 'https://body.example.eu' }] } })).toEqual([['error', '/stackability/towards/0/id']]);
    expect(exportToElm({ ...mc, learner: { ...mc.learner, id: org } }).ok).toBe(false);
  });

  it('accepts the same ids kept apart, and one organisation named in two places', () => {
    expect(conflicts(mc)).toEqual([]);
    expect(conflicts({ ...mc, assessment: { ...mc.assessment, type: { uri: 'https://concepts.example.eu/portfolio', label: 'Portfolio' } } })).toEqual([]);
  });
});
