import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { ElmExportError, exportToElm, toElm } from '../src/elm/export/to-elm.js';
import type { MicroCredential } from '../src/model/types.js';
import { validMicroCredential } from './helpers/arbitraries.js';

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

/** The conflicts of an export with their messages. */
const refusals = (m: MicroCredential, options: Parameters<typeof exportToElm>[1] = {}) =>
  exportToElm(m, options).issues.filter((i) => i.code === 'ELM_NODE_CONFLICT' || i.code === 'ELM_ORGANISATION_CONFLICT').map((i) => [i.code, i.path, i.message]);
const BODY = 'https://body.example.eu';
const SKILL = 'https://skills.example.eu/gdpr';
const ESCO = mc.learningOutcomes[0]!.escoSkills![0]!;
/** The model with its awarding body under an id of its own, and outcome 1 holding `skills` as related skills. */
const apart: MicroCredential = { ...mc, awardingBodies: [{ ...mc.awardingBodies[0]!, id: BODY }] };
const withSkills = (m: MicroCredential, ...skills: string[]): MicroCredential => ({ ...m, learningOutcomes: m.learningOutcomes.map((o, i) => (i === 1 ? { ...o, relatedSkills: skills } : o)) });
const qaAgent = (m: MicroCredential, id: string): MicroCredential => ({ ...m, qualityAssurance: [{ ...m.qualityAssurance[0]!, agent: { ...m.qualityAssurance[0]!.agent!, id } }] });
const SKILL_PATH = '/learningOutcomes/1/relatedSkills/0';

describe('exportToElm: one id for two nodes, wherever the model gives ids', () => {
  it('refuses a related skill whose URI is an organisation\'s id: the issuer, an awarding body, a QA agent, the provider', () => {
    expect(refusals(withSkills(apart, mc.issuer.id))).toEqual([['ELM_NODE_CONFLICT', SKILL_PATH, expect.stringMatching(/^`learningOutcomes\[1\]\.relatedSkills\[0\]` \(a related skill\) has the id of `issuer\.id` \(an organisation\): in ELM an id names one node/)]]);
    expect(refusals(withSkills(apart, BODY))).toEqual([['ELM_NODE_CONFLICT', SKILL_PATH, expect.stringContaining('has the id of `awardingBodies[0].id` (an organisation)')]]);
    expect(refusals(withSkills(apart, mc.qualityAssurance[0]!.agent!.id))).toEqual([['ELM_NODE_CONFLICT', SKILL_PATH, expect.stringContaining('has the id of `qualityAssurance[0].agent.id` (an organisation)')]]);
    const provided: MicroCredential = { ...apart, participation: { ...apart.participation, provider: { id: 'https://provider.example.eu', legalName: 'Provider', country: 'IE' } } };
    expect(refusals(withSkills(provided, 'https://provider.example.eu'))).toEqual([['ELM_NODE_CONFLICT', SKILL_PATH, expect.stringContaining('has the id of `participation.provider.id` (an organisation)')]]);
    expect(() => toElm(withSkills(apart, BODY))).toThrow(ElmExportError);
  });

  it('refuses a skill (related or ESCO) whose URI is the learner\'s, a target qualification\'s or the credential\'s id', () => {
    expect(refusals(withSkills({ ...apart, learner: { ...apart.learner, id: SKILL } }, SKILL))).toEqual([['ELM_NODE_CONFLICT', SKILL_PATH, expect.stringContaining('(a related skill) has the id of `learner.id` (the learner)')]]);
    expect(refusals(withSkills({ ...apart, stackability: { kind: 'stackable', towards: [{ title: 'Certificate', id: SKILL }] } }, SKILL))).toEqual([
      ['ELM_NODE_CONFLICT', SKILL_PATH, expect.stringContaining('(a related skill) has the id of `stackability.towards[0].id` (a qualification it stacks towards)')],
    ]);
    expect(refusals(withSkills(apart, apart.id!))).toEqual([['ELM_NODE_CONFLICT', SKILL_PATH, expect.stringContaining('has the id of `id` (the credential)')]]);
    expect(refusals({ ...apart, learner: { ...apart.learner, id: ESCO } })).toEqual([['ELM_NODE_CONFLICT', '/learningOutcomes/0/escoSkills/0', expect.stringContaining('(an ESCO skill) has the id of `learner.id` (the learner)')]]);
    // an ESCO skill and a custom assessment type are both concepts, with other content (a scheme, a label)
    expect(refusals({ ...apart, assessment: { ...apart.assessment, type: { uri: ESCO, label: 'Portfolio' } } })).toEqual([['ELM_NODE_CONFLICT', '/learningOutcomes/0/escoSkills/0', expect.stringContaining('has the id of `assessment.type.uri` (the assessment type)')]]);
  });

  it('refuses the credential\'s id (the model\'s or options.id) used for an organisation or the learner, and the status entry\'s id used for another node', () => {
    expect(refusals({ ...apart, awardingBodies: [{ ...apart.awardingBodies[0]!, id: apart.id! }] })).toEqual([['ELM_NODE_CONFLICT', '/awardingBodies/0/id', expect.stringContaining('(an organisation) has the id of `id` (the credential)')]]);
    const { id: _, ...noId } = apart;
    expect(refusals({ ...noId, learner: { ...noId.learner, id: 'urn:uuid:0d6f1c2e-3a4b-4c5d-8e9f-a0b1c2d3e4f5' } }, { id: 'urn:uuid:0d6f1c2e-3a4b-4c5d-8e9f-a0b1c2d3e4f5' })).toEqual([
      ['ELM_NODE_CONFLICT', '/learner/id', expect.stringContaining('(the learner) has the id of `options.id` (the credential)')],
    ]);
    const credentialStatus = { id: BODY, type: 'BitstringStatusListEntry', statusPurpose: 'revocation', statusListIndex: '7', statusListCredential: 'https://uni.example.eu/status/1' };
    expect(refusals(apart, { credentialStatus })).toEqual([['ELM_NODE_CONFLICT', '/awardingBodies/0/id', expect.stringContaining('(an organisation) has the id of `options.credentialStatus.id` (the status entry)')]]);
  });

  it('refuses a credit system, an organisation or the learner whose id is another node\'s: an organisation, an EU concept, an email address', () => {
    expect(refusals({ ...apart, workload: { ...apart.workload, credits: { system: BODY, value: 3 } } } as MicroCredential)).toEqual([['ELM_NODE_CONFLICT', '/workload/credits/system', expect.stringContaining('(a credit system) has the id of `awardingBodies[0].id` (an organisation)')]]);
    expect(refusals(qaAgent(apart, 'http://data.europa.eu/snb/eqf/6'))).toEqual([['ELM_NODE_CONFLICT', '/qualityAssurance/0/agent/id', expect.stringMatching(/^`qualityAssurance\[0\]\.agent\.id` \(an organisation\) is also the id of a concept of a vocabulary the credential uses \("http:\/\/data\.europa\.eu\/snb\/eqf\/6"\)/)]]);
    expect(refusals({ ...apart, learner: { ...apart.learner, id: 'http://data.europa.eu/snb/eqf/6' } })).toEqual([['ELM_NODE_CONFLICT', '/learner/id', expect.stringContaining('is also the id of a concept of a vocabulary the credential uses')]]);
    expect(refusals(qaAgent(apart, `mailto:${apart.learner.email}`))).toEqual([['ELM_NODE_CONFLICT', '/qualityAssurance/0/agent/id', expect.stringContaining('(an organisation) is also the id of an email address')]]);
  });

  it('refuses two target qualifications of one id with other titles', () => {
    const towards = [{ title: 'Certificate', id: SKILL }, { title: 'Diploma', id: SKILL }];
    expect(refusals({ ...apart, stackability: { kind: 'stackable', towards } })).toEqual([['ELM_NODE_CONFLICT', '/stackability/towards/1/id', expect.stringContaining('has the id of `stackability.towards[0].id` but other content')]]);
    expect(refusals({ ...apart, stackability: { kind: 'stackable', towards: [towards[0]!, towards[0]!] } })).toEqual([]);
  });

  it('refuses organisations of one id that complete each other (each with a detail the other lacks) as ELM_ORGANISATION_CONFLICT', () => {
    const body = (extra: object) => ({ ...mc, awardingBodies: [{ id: mc.issuer.id, legalName: mc.issuer.legalName, country: mc.issuer.country, ...extra }] }) as MicroCredential;
    expect(refusals(body({ email: 'office@example-university.ie' }))).toEqual([['ELM_ORGANISATION_CONFLICT', '/awardingBodies/0', expect.stringContaining('has the id of `issuer` with `email`, which it does not have, and without its `region`, `homepage`, `identifiers.eidas`, `identifiers.vat`')]]);
    expect(refusals(body({ identifiers: { registration: 'IE-R-1' } }))).toEqual([['ELM_ORGANISATION_CONFLICT', '/awardingBodies/0', expect.stringContaining('with `identifiers.registration`')]]);
    expect(refusals({ ...body({}), awardingBodies: [{ ...body({}).awardingBodies[0]!, legalName: { ga: 'Ollscoil Teicneolaíochta Samplach' } }] })).toEqual([['ELM_ORGANISATION_CONFLICT', '/awardingBodies/0', expect.stringContaining('with `legalName.ga`')]]);
    // a copy with fewer details is the same organisation written again; a disagreement is reported once, as before
    expect(refusals(body({}))).toEqual([]);
    expect(refusals(body({ homepage: 'https://other.example.eu' })).map(([code, path]) => [code, path])).toEqual([['ELM_ORGANISATION_CONFLICT', '/awardingBodies/0/homepage']]);
  });

  it('accepts one node written again with less: a related skill that is also an ESCO skill, an EU concept or a custom assessment type, the same skill twice', () => {
    expect(refusals(withSkills(apart, ESCO))).toEqual([]);
    expect(refusals(withSkills(apart, 'http://data.europa.eu/snb/eqf/6'))).toEqual([]);
    expect(refusals(withSkills({ ...apart, assessment: { ...apart.assessment, type: { uri: SKILL, label: 'Portfolio' } } }, SKILL))).toEqual([]);
    expect(refusals(withSkills({ ...apart, learningOutcomes: apart.learningOutcomes.map((o) => ({ ...o, relatedSkills: [SKILL] })) }, SKILL, SKILL))).toEqual([]);
  });

  it('every generated model with its issuer\'s or an awarding body\'s id given as a related skill is refused at that skill', () => {
    fc.assert(
      fc.property(validMicroCredential, fc.nat(), fc.nat(), (m, which, outcome) => {
        const orgs = [m.issuer.id, ...m.awardingBodies.map((b) => b.id)];
        const i = outcome % m.learningOutcomes.length;
        const clash = { ...m, learningOutcomes: m.learningOutcomes.map((o, j) => (j === i ? { ...o, relatedSkills: [orgs[which % orgs.length]!] } : o)) };
        const result = exportToElm(clash);
        expect(result.ok).toBe(false);
        expect(result.issues.filter((x) => x.code === 'ELM_NODE_CONFLICT').map((x) => x.path)).toContain(`/learningOutcomes/${i}/relatedSkills/0`);
      }),
      { numRuns: 60 },
    );
  });
});
