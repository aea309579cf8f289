import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  AssessmentSchema as Assessment,
  ASSESSMENT_TYPES,
  LearningOutcomeSchema as LearningOutcome,
  ParticipationSchema as Participation,
  QualityAssuranceSchema as QualityAssurance,
  SUPERVISION_VALUES,
} from '../src/model/elements.js';
import * as elm from '../src/generated/elm-vocabularies.js';
import {
  ASSESSMENT_TYPE,
  CONTENT_ENCODING,
  CREDENTIAL_PROFILE,
  CREDIT_SYSTEM,
  EQF_LEVEL,
  FILE_TYPE,
  LEARNING_ACTIVITY_TYPE,
  LEARNING_MODE,
  LEARNING_OPPORTUNITY_TYPE,
  LEARNING_SETTING,
  QUALITY_ASSURANCE_TYPE,
  SKILL_REUSE_LEVEL,
  SKILL_TYPE,
  SUPERVISION,
  WITHOUT_CONCEPT,
} from '../src/generated/elm-vocabularies.js';
import { LANGUAGE } from '../src/generated/languages.js';
import { type ConceptSet, conceptOf, keyOfConcept, keysOfConcept } from '../src/vocab/lookup.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const { WITHOUT_CONCEPT: _without, ...elmSets } = elm;
const SETS: [string, ConceptSet][] = Object.entries(elmSets);
const ALL_SETS: [string, ConceptSet][] = [...SETS, ['LANGUAGE', LANGUAGE]];

const uriOf = (set: ConceptSet, key: string | number) => conceptOf(set, key)?.uri;

describe('generated vocabularies', () => {
  it('equal a fresh generation from scripts/data', () => {
    const run = spawnSync(process.execPath, ['scripts/gen-vocab.mjs', '--check'], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
  });

  it('use the inScheme ids of the EU sample (Sample-MC-Annex1-unsigned.jsonld) and of elm-mapping.md', () => {
    expect(CREDENTIAL_PROFILE.scheme).toBe('http://data.europa.eu/snb/credential/25831c2');
    expect(CONTENT_ENCODING.scheme).toBe('http://data.europa.eu/snb/encoding/25831c2');
    expect(FILE_TYPE.scheme).toBe('http://publications.europa.eu/resource/authority/file-type');
    expect(LANGUAGE.scheme).toBe('http://publications.europa.eu/resource/authority/language');
    expect(LEARNING_MODE.scheme).toBe('http://data.europa.eu/snb/learning-assessment/25831c2');
    expect(LEARNING_ACTIVITY_TYPE.scheme).toBe('http://data.europa.eu/snb/learning-activity/25831c2');
    expect(SUPERVISION.scheme).toBe('http://data.europa.eu/snb/supervision-verification/25831c2');
    expect(EQF_LEVEL.scheme).toBe('http://data.europa.eu/snb/eqf/25831c2');
    expect(CREDIT_SYSTEM.scheme).toBe('http://data.europa.eu/snb/education-credit/25831c2');
    expect(SKILL_REUSE_LEVEL.scheme).toBe('http://data.europa.eu/snb/skill-reuse-level/25831c2');
    expect(LEARNING_SETTING.scheme).toBe('http://data.europa.eu/snb/learning-setting/25831c2');
    expect(LEARNING_OPPORTUNITY_TYPE.scheme).toBe('http://data.europa.eu/snb/learning-opportunity/25831c2');
    expect(ASSESSMENT_TYPE.scheme).toBe('http://data.europa.eu/snb/assessment/25831c2');
    expect(QUALITY_ASSURANCE_TYPE.scheme).toBe('http://data.europa.eu/snb/accreditation/25831c2');
    expect(SKILL_TYPE.scheme).toBe('http://data.europa.eu/snb/skill-type/25831c2');
  });

  it('carry the labels the EU sample writes', () => {
    expect(conceptOf(CREDENTIAL_PROFILE, 'generic').label).toBe('Generic');
    expect(conceptOf(LEARNING_MODE, 'blended').label).toBe('Blended');
    expect(conceptOf(EQF_LEVEL, 6).label).toBe('Level 6');
    expect(conceptOf(CREDIT_SYSTEM, 'ECTS').label).toBe('European Credit Transfer System');
    expect(conceptOf(LEARNING_SETTING, 'non-formal').label).toBe('non-formal learning');
    expect(conceptOf(SKILL_REUSE_LEVEL, 'cross-sector').label).toBe('cross-sector skills and competences');
    expect(conceptOf(LEARNING_ACTIVITY_TYPE, 'e-learning-coursework').label).toBe('e-learning coursework');
    expect(conceptOf(LEARNING_OPPORTUNITY_TYPE, 'short-learning-programme').label).toBe('Short learning programme');
    expect(conceptOf(FILE_TYPE, 'image/jpeg').label).toBe('JPEG');
    expect(conceptOf(LANGUAGE, 'en').label).toBe('English');
  });

  it('are frozen', () => {
    for (const [, set] of ALL_SETS) {
      expect(Object.isFrozen(set)).toBe(true);
      expect(Object.isFrozen(set.concepts)).toBe(true);
      for (const concept of Object.values(set.concepts)) expect(Object.isFrozen(concept)).toBe(true);
    }
    expect(Object.isFrozen(WITHOUT_CONCEPT)).toBe(true);
  });
});

describe('model values → the concept URIs of elm-mapping.md', () => {
  it('workload credit systems', () => {
    expect(uriOf(CREDIT_SYSTEM, 'ECTS')).toBe('http://data.europa.eu/snb/education-credit/6fcec5c5af');
    expect(uriOf(CREDIT_SYSTEM, 'ECVET')).toBe('http://data.europa.eu/snb/education-credit/60b314e826');
  });

  it('EQF levels', () => {
    for (const level of [1, 2, 3, 4, 5, 6, 7, 8]) expect(uriOf(EQF_LEVEL, level)).toBe(`http://data.europa.eu/snb/eqf/${level}`);
  });

  it('participation and assessment modes', () => {
    const base = 'http://data.europa.eu/snb/learning-assessment/';
    expect(uriOf(LEARNING_MODE, 'online')).toBe(`${base}920fbb3cbe`);
    expect(uriOf(LEARNING_MODE, 'blended')).toBe(`${base}e92d221e4d`);
    expect(uriOf(LEARNING_MODE, 'onsite')).toBe(`${base}9191af2ed9`);
    expect(uriOf(LEARNING_MODE, 'work-based')).toBe(`${base}729f3bed4b`);
    expect(uriOf(LEARNING_MODE, 'project-based')).toBe(`${base}7813801c77`);
    expect(uriOf(LEARNING_MODE, 'research-lab-based')).toBe(`${base}ed4c557045`);
    expect(conceptOf(LEARNING_MODE, 'onsite').label).toBe('Presential');
  });

  it('learning settings (no informal concept)', () => {
    expect(uriOf(LEARNING_SETTING, 'formal')).toBe('http://data.europa.eu/snb/learning-setting/6fd4685715');
    expect(uriOf(LEARNING_SETTING, 'non-formal')).toBe('http://data.europa.eu/snb/learning-setting/e207a81fc7');
    expect(uriOf(LEARNING_SETTING, 'informal')).toBeUndefined();
  });

  it('assessment types', () => {
    expect(uriOf(ASSESSMENT_TYPE, 'written-examination')).toBe('http://data.europa.eu/snb/assessment/6e6cb2cc78');
    expect(uriOf(ASSESSMENT_TYPE, 'artefact-assessment')).toBe('http://data.europa.eu/snb/assessment/de4d165a6c');
  });

  it('quality assurance types (no internal QA concept)', () => {
    const base = 'http://data.europa.eu/snb/accreditation/';
    expect(uriOf(QUALITY_ASSURANCE_TYPE, 'programme-quality-assurance')).toBe(`${base}820101cba6`);
    expect(uriOf(QUALITY_ASSURANCE_TYPE, 'institutional-quality-assurance')).toBe(`${base}bb4618238e`);
    expect(uriOf(QUALITY_ASSURANCE_TYPE, 'programme-licence')).toBe(`${base}e57dddfcf3`);
    expect(uriOf(QUALITY_ASSURANCE_TYPE, 'institutional-licence')).toBe(`${base}003293d2ce`);
    expect(uriOf(QUALITY_ASSURANCE_TYPE, 'internal-quality-assurance')).toBeUndefined();
  });

  it('learning outcome types and reusability levels', () => {
    expect(uriOf(SKILL_TYPE, 'knowledge')).toBe('http://data.europa.eu/snb/skill-type/knowledge');
    expect(uriOf(SKILL_TYPE, 'skill')).toBe('http://data.europa.eu/snb/skill-type/skill');
    expect(uriOf(SKILL_TYPE, 'competence')).toBeUndefined();
    for (const level of ['transversal', 'cross-sector', 'sector-specific', 'occupation-specific']) {
      expect(uriOf(SKILL_REUSE_LEVEL, level)).toBe(`http://data.europa.eu/snb/skill-reuse-level/${level}`);
    }
  });

  it('supervision', () => {
    const base = 'http://data.europa.eu/snb/supervision-verification/';
    expect(uriOf(SUPERVISION, 'unsupervised-no-id-verification')).toBe(`${base}c598449d64`);
    expect(uriOf(SUPERVISION, 'unsupervised-id-verification')).toBe(`${base}df2880c5cb`);
    expect(uriOf(SUPERVISION, 'supervised-no-id-verification')).toBe(`${base}44314532f9`);
    expect(uriOf(SUPERVISION, 'supervised-online-id-verification')).toBe(`${base}70be69aaf9`);
    expect(uriOf(SUPERVISION, 'supervised-onsite-id-verification')).toBe(`${base}70be69aaf9`);
  });

  it('credential profile, encoding and file types of the display', () => {
    expect(uriOf(CREDENTIAL_PROFILE, 'generic')).toBe('http://data.europa.eu/snb/credential/e34929035b');
    expect(uriOf(CONTENT_ENCODING, 'base64')).toBe('http://data.europa.eu/snb/encoding/6146cde7dd');
    const base = 'http://publications.europa.eu/resource/authority/file-type/';
    expect(uriOf(FILE_TYPE, 'image/png')).toBe(`${base}PNG`);
    expect(uriOf(FILE_TYPE, 'image/jpeg')).toBe(`${base}JPEG`);
    expect(uriOf(FILE_TYPE, 'image/svg+xml')).toBe(`${base}SVG`);
    expect(uriOf(FILE_TYPE, 'application/pdf')).toBe(`${base}PDF`);
  });

  it('every value of the zod model has a concept or is listed in WITHOUT_CONCEPT', () => {
    const covers = (set: ConceptSet, values: readonly string[], without: readonly string[] = []) => {
      expect([...values].sort()).toEqual([...Object.keys(set.concepts), ...without].sort());
    };
    covers(ASSESSMENT_TYPE, ASSESSMENT_TYPES);
    covers(LEARNING_MODE, Participation.shape.mode.options);
    expect(Assessment.shape.mode.unwrap().options.every((m) => conceptOf(LEARNING_MODE, m) !== undefined)).toBe(true);
    covers(LEARNING_SETTING, Participation.shape.setting.unwrap().options, WITHOUT_CONCEPT.LEARNING_SETTING);
    covers(QUALITY_ASSURANCE_TYPE, QualityAssurance.shape.type.options, WITHOUT_CONCEPT.QUALITY_ASSURANCE_TYPE);
    covers(SKILL_TYPE, LearningOutcome.shape.type.unwrap().options, WITHOUT_CONCEPT.SKILL_TYPE);
    covers(SKILL_REUSE_LEVEL, LearningOutcome.shape.reusability.unwrap().options);
    covers(SUPERVISION, SUPERVISION_VALUES);
  });
});

describe('lookups', () => {
  it('round-trip every key through its concept URI', () => {
    for (const [name, set] of ALL_SETS) {
      for (const [key, concept] of Object.entries(set.concepts)) {
        const keys = keysOfConcept(set, concept.uri).map(String);
        expect(keys, `${name} ${key}`).toContain(key);
        if (keys.length === 1) expect(String(keyOfConcept(set, concept.uri)), `${name} ${key}`).toBe(key);
      }
    }
  });

  it('give EQF levels back as numbers, as the model has them', () => {
    expect(keyOfConcept(EQF_LEVEL, 'http://data.europa.eu/snb/eqf/6')).toBe(6);
  });

  it('report the keys that share a concept, in model order', () => {
    const uri = 'http://data.europa.eu/snb/supervision-verification/70be69aaf9';
    expect(keysOfConcept(SUPERVISION, uri)).toEqual(['supervised-online-id-verification', 'supervised-onsite-id-verification']);
    expect(keyOfConcept(SUPERVISION, uri)).toBe('supervised-online-id-verification');
  });

  it('return undefined for unknown URIs and prototype names', () => {
    for (const [, set] of ALL_SETS) {
      for (const probe of ['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', '', 'http://example.org/x']) {
        expect(keyOfConcept(set, probe)).toBeUndefined();
        expect(keysOfConcept(set, probe)).toEqual([]);
        expect(conceptOf(set, probe)).toBeUndefined();
      }
      // A hostile caller may pass anything; the lookups stay total.
      expect(keyOfConcept(set, null as unknown as string)).toBeUndefined();
      expect(conceptOf(set, {} as unknown as string)).toBeUndefined();
    }
  });

  it('ignore a key that is a concept label or URI instead of a model key', () => {
    expect(conceptOf(LEARNING_MODE, 'Presential')).toBeUndefined();
    expect(conceptOf(LEARNING_MODE, 'http://data.europa.eu/snb/learning-assessment/9191af2ed9')).toBeUndefined();
  });
});

describe('languages → EU language authority table', () => {
  // The 24 official EU languages as the EU table codes them (ISO 639-3 / 639-2/T, never 639-2/B).
  const EU_OFFICIAL: Record<string, [string, string]> = {
    bg: ['BUL', 'Bulgarian'], cs: ['CES', 'Czech'], da: ['DAN', 'Danish'], de: ['DEU', 'German'],
    el: ['ELL', 'Greek'], en: ['ENG', 'English'], es: ['SPA', 'Spanish'], et: ['EST', 'Estonian'],
    fi: ['FIN', 'Finnish'], fr: ['FRA', 'French'], ga: ['GLE', 'Irish'], hr: ['HRV', 'Croatian'],
    hu: ['HUN', 'Hungarian'], it: ['ITA', 'Italian'], lt: ['LIT', 'Lithuanian'], lv: ['LAV', 'Latvian'],
    mt: ['MLT', 'Maltese'], nl: ['NLD', 'Dutch'], pl: ['POL', 'Polish'], pt: ['POR', 'Portuguese'],
    ro: ['RON', 'Romanian'], sk: ['SLK', 'Slovak'], sl: ['SLV', 'Slovenian'], sv: ['SWE', 'Swedish'],
  };

  it.each(Object.entries(EU_OFFICIAL))('%s', (key, [code, label]) => {
    expect(conceptOf(LANGUAGE, key)).toEqual({ uri: `http://publications.europa.eu/resource/authority/language/${code}`, label });
    expect(keyOfConcept(LANGUAGE, `http://publications.europa.eu/resource/authority/language/${code}`)).toBe(key);
  });

  it('Norwegian and Albanian as the EU table codes them', () => {
    expect(uriOf(LANGUAGE, 'no')).toBe('http://publications.europa.eu/resource/authority/language/NOR');
    expect(uriOf(LANGUAGE, 'nb')).toBe('http://publications.europa.eu/resource/authority/language/NOB');
    expect(uriOf(LANGUAGE, 'nn')).toBe('http://publications.europa.eu/resource/authority/language/NNO');
    expect(uriOf(LANGUAGE, 'sq')).toBe('http://publications.europa.eu/resource/authority/language/SQI');
  });

  it('never uses a bibliographic ISO 639-2/B code', () => {
    const uris = new Set(Object.values(LANGUAGE.concepts).map((c) => c.uri.slice(c.uri.lastIndexOf('/') + 1)));
    for (const code of ['GRE', 'GER', 'DUT', 'FRE', 'CZE', 'SLO', 'RUM', 'ALB', 'CHI', 'PER', 'ARM', 'BAQ', 'WEL', 'ICE', 'MAC', 'MAY', 'BUR', 'TIB', 'GEO', 'MAO']) {
      expect(uris.has(code), code).toBe(false);
    }
  });
});
