// Generates src/generated/elm-vocabularies.ts (the ELM controlled vocabularies the model uses: model key → concept URI
// and English label, plus the scheme URI) and src/generated/languages.ts (ISO 639-1 → EU language
// authority concept).
//
// Inputs: the XSD enumerations in scripts/data/elm-vocabularies/ (copied unchanged from the ELM
// repository, see SOURCE.md), scripts/data/supervision-verification.json (not published as an XSD
// there), and the iso-639-3 package. Model keys are matched to concepts by normalising labels; an
// explicit table is used only where a label cannot be derived, and every expected key must find
// exactly one concept, so a changed data file fails here instead of silently changing the mapping.
//
//   node scripts/gen-vocab.mjs           write both files
//   node scripts/gen-vocab.mjs --stdout  print both files, each after a `// ==> <path>` line
//   node scripts/gen-vocab.mjs --check   exit 1 when the committed files differ from a fresh generation
import { readFileSync, writeFileSync } from 'node:fs';
import { iso6393 } from 'iso-639-3';

const DATA = new URL('./data/', import.meta.url);

// ---------------------------------------------------------------------------------------------
// Reading the data

/** Whitespace as in the XSD documentation is layout, not content ("…education and\n training"). */
const clean = (text) => text.replace(/\s+/g, ' ').trim();

/** Concepts of one XSD enumeration: [{ uri, label }] in file order, and the targetNamespace. */
function readXsd(file) {
  const xsd = readFileSync(new URL(`elm-vocabularies/${file}`, DATA), 'utf8');
  const namespace = xsd.match(/targetNamespace="([^"]+)"/)?.[1];
  if (!namespace) throw new Error(`${file}: no targetNamespace`);
  const concepts = [];
  for (const m of xsd.matchAll(/<xs:enumeration\s+value="([^"]+)"\s*(?:\/>|>([\s\S]*?)<\/xs:enumeration>)/g)) {
    const label = m[2]?.match(/<xs:documentation>([\s\S]*?)<\/xs:documentation>/)?.[1];
    if (label === undefined || clean(label) === '') throw new Error(`${file}: ${m[1]} has no English label`);
    if (/[&<]/.test(label)) throw new Error(`${file}: ${m[1]}: markup or entities in the label are not handled`);
    concepts.push({ uri: m[1], label: clean(label) });
  }
  const declared = xsd.match(/<xs:enumeration\b/g)?.length ?? 0;
  if (concepts.length === 0 || concepts.length !== declared) {
    throw new Error(`${file}: read ${concepts.length} of ${declared} enumerations`);
  }
  const uris = new Set(concepts.map((c) => c.uri));
  if (uris.size !== concepts.length) throw new Error(`${file}: a concept URI occurs twice`);
  return { scheme: schemeOf(file, namespace, concepts), concepts };
}

/**
 * The scheme URI as ELM writes it in `inScheme.id`. The EU sample (Sample-MC-Annex1-unsigned.jsonld)
 * uses `<concept base>/25831c2` for the data.europa.eu/snb vocabularies and the bare table URI for
 * the EU authority tables (country, file-type, language); each XSD's targetNamespace says the same,
 * which is checked here rather than assumed.
 */
function schemeOf(source, scheme, concepts) {
  for (const { uri } of concepts) {
    const base = uri.slice(0, uri.lastIndexOf('/'));
    const expected = base.startsWith('http://publications.europa.eu/resource/authority/') ? base : `${base}/25831c2`;
    if (scheme !== expected) throw new Error(`${source}: scheme ${scheme}, but concept ${uri} implies ${expected}`);
  }
  return scheme;
}

/** The supervision concepts: a small data file, since the ELM XSD folder does not have them. */
function readSupervision() {
  const data = JSON.parse(readFileSync(new URL('supervision-verification.json', DATA), 'utf8'));
  if (typeof data.source !== 'string' || !Array.isArray(data.concepts)) throw new Error('supervision-verification.json: bad shape');
  const concepts = data.concepts.map((c) => ({
    uri: c.uri,
    label: clean(c.label),
    ...(c.labelPublished === false ? { comment: 'label not published by the EU: inferred, see scripts/data/supervision-verification.json' } : {}),
  }));
  return { scheme: schemeOf('supervision-verification.json', data.scheme, concepts), concepts };
}

// ---------------------------------------------------------------------------------------------
// Matching model keys to concepts

/**
 * The form in which a model key and a label are compared: accents, case and separators dropped
 * ("Research-Lab based" = "research-lab-based", "Workbased" = "work-based"), British model spelling
 * made American like the EU labels ("programme-licence" = "Program License").
 */
function comparable(text) {
  return String(text)
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/\bprogramme\b/g, 'program')
    .replace(/\blicence\b/g, 'license')
    .replace(/[^a-z0-9]+/g, '');
}

/** A key derived from a label, for the vocabularies exported whole: "lab / simulation / practice coursework" → "lab-simulation-practice-coursework". */
function kebab(label) {
  return label
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/*
 * One entry per exported constant.
 *   keys      the model keys, in model.md order (the values of the model's fields)
 *   all       export every concept, keyed by kebab(label); `keys` then lists keys that must exist
 *   explicit  key → the exact label of its concept, only where the label cannot be derived
 *   absent    key → why it has no concept; checked: the key must still find none
 *   fromLabel how a label becomes comparable with a key, where the label adds words
 *   fromKey   how a key becomes comparable with a label, where the key adds words
 *   shared    keys that share one concept on purpose (ELM is coarser than the model there)
 *   exampleKey the key the generated @example looks up (default: the first)
 */
const SETS = [
  {
    name: 'EQF_LEVEL',
    exampleKey: 6,
    source: 'eqf.xsd',
    doc: 'EQF levels: model `level.eqf` → ELM `Qualification.eqfLevel`.',
    keys: [1, 2, 3, 4, 5, 6, 7, 8],
    fromLabel: (label) => label.replace(/^Level\s+/i, ''),
  },
  {
    name: 'ASSESSMENT_TYPE',
    exampleKey: 'written-examination',
    source: 'europass-learning-assessment-types.xsd',
    doc: 'Assessment types: model `assessment.type` → ELM `LearningAssessmentSpecification.dcType`.',
    keys: [
      'peer-assessment', 'marked-assignment', 'continuous-evaluation', 'portfolio', 'group-performance',
      'practical-assessment', 'written-examination', 'level-of-attendance', 'project-work', 'peer-review',
      'quiz', 'problem-based-learning', 'oral-examination', 'artefact-assessment',
    ],
  },
  {
    name: 'LEARNING_MODE',
    source: 'europass-modes.xsd',
    doc: 'Modes of learning and assessment: model `participation.mode` → ELM `Qualification.mode`, and model `assessment.mode` (online, onsite, blended) → ELM `LearningAssessmentSpecification.mode`.',
    keys: ['online', 'onsite', 'blended', 'work-based', 'project-based', 'research-lab-based'],
    // The EU word for attending in person is "Presential"; nothing in "onsite" derives it.
    explicit: { onsite: 'Presential' },
  },
  {
    name: 'LEARNING_SETTING',
    source: 'europass-learning-setting-types.xsd',
    doc: 'Learning settings: model `participation.setting` → ELM `Qualification.learningSetting`.',
    keys: ['formal', 'non-formal'],
    fromLabel: (label) => label.replace(/\s+learning$/i, ''),
    absent: { informal: 'the EU vocabulary has formal and non-formal learning only' },
  },
  {
    name: 'CREDIT_SYSTEM',
    source: 'credit-points.xsd',
    doc: 'Credit systems: model `workload.ects` (ECTS) and `workload.credits.system` (ECVET) → ELM `CreditPoint.framework`.',
    keys: ['ECTS', 'ECVET'],
    // The model uses the acronyms; the labels spell them out (and ECVET's acronym is not its initials).
    explicit: {
      ECTS: 'European Credit Transfer System',
      ECVET: 'European credit system for vocational education and training',
    },
  },
  {
    name: 'QUALITY_ASSURANCE_TYPE',
    source: 'europass-accreditation-types.xsd',
    doc: 'Quality assurance types: model `qualityAssurance[].type` → ELM `Accreditation.dcType`.',
    keys: ['programme-quality-assurance', 'institutional-quality-assurance', 'programme-licence', 'institutional-licence'],
    absent: { 'internal-quality-assurance': 'the EU accreditation vocabulary has no type for internal quality assurance' },
  },
  {
    name: 'SKILL_TYPE',
    source: 'skill-types.xsd',
    doc: 'Learning outcome types: model `learningOutcomes[].type` → ELM `LearningOutcome.dcType`.',
    keys: ['knowledge', 'skill'],
    absent: { competence: 'the EU skill-type vocabulary has knowledge and skill only' },
  },
  {
    name: 'SKILL_REUSE_LEVEL',
    source: 'skill-reuse-levels.xsd',
    doc: 'Skill reusability levels: model `learningOutcomes[].reusability` → ELM `LearningOutcome.reusabilityLevel`.',
    keys: ['transversal', 'cross-sector', 'sector-specific', 'occupation-specific'],
    fromLabel: (label) => label.replace(/\s+skills and competences$/i, ''),
  },
  {
    name: 'CREDENTIAL_PROFILE',
    exampleKey: 'generic',
    source: 'europass-credential-types.xsd',
    doc: 'Credential types: ELM `credentialProfiles` (EDC shapes: 1..*; a micro-credential is `generic`).',
    all: true,
    keys: ['generic'],
  },
  {
    name: 'CONTENT_ENCODING',
    source: 'europass-content-encoding-types.xsd',
    doc: 'Content encodings: ELM `MediaObject.contentEncoding` of display images.',
    keys: ['base64'],
  },
  {
    name: 'LEARNING_OPPORTUNITY_TYPE',
    exampleKey: 'course',
    source: 'europass-learning-opportunity-types.xsd',
    doc: 'Learning opportunity types: ELM `Qualification.dcType` / `LearningOpportunity.dcType`; keys derived from the labels.',
    all: true,
  },
  {
    name: 'LEARNING_ACTIVITY_TYPE',
    source: 'europass-learning-activity-types.xsd',
    doc: 'Learning activity types: ELM `LearningActivitySpecification.dcType`; keys derived from the labels.',
    all: true,
  },
  {
    name: 'FILE_TYPE',
    exampleKey: 'image/png',
    source: 'file-type.xsd',
    doc: 'File types of display images and documents, keyed by IANA media type: ELM `MediaObject.contentType` (EU file-type authority table).',
    keys: ['image/png', 'image/jpeg', 'image/svg+xml', 'application/pdf'],
    // The table names formats by their subtype in capitals: image/svg+xml is "SVG".
    fromKey: (key) => key.slice(key.indexOf('/') + 1).replace(/\+.*$/, ''),
  },
  {
    name: 'SUPERVISION',
    exampleKey: 'supervised-no-id-verification',
    source: 'supervision-verification.json',
    doc: 'Supervision and identity verification: model `supervision` → ELM `LearningAssessment.idVerification`.',
    keys: [
      'unsupervised-no-id-verification', 'unsupervised-id-verification', 'supervised-no-id-verification',
      'supervised-online-id-verification', 'supervised-onsite-id-verification',
    ],
    // The model's words ("no", online/onsite) differ from the EU labels ("without"), so every key is explicit.
    explicit: {
      'unsupervised-no-id-verification': 'Unsupervised without ID verification',
      'unsupervised-id-verification': 'Unsupervised with ID verification',
      // 44314532f9: its label is not published; the data file records the inferred one.
      'supervised-no-id-verification': 'Supervised without ID verification',
      // ELM has one concept for supervised assessment with ID verification; whether it was online or
      // onsite is carried by the assessment's mode (LEARNING_MODE), not by this concept.
      'supervised-online-id-verification': 'Supervised with ID verification',
      'supervised-onsite-id-verification': 'Supervised with ID verification',
    },
    shared: [['supervised-online-id-verification', 'supervised-onsite-id-verification']],
  },
];

function conceptsOfKey(set, vocabulary, key) {
  if (set.explicit && Object.hasOwn(set.explicit, key)) {
    const label = comparable(set.explicit[key]);
    return vocabulary.concepts.filter((c) => comparable(c.label) === label);
  }
  const wanted = comparable(set.fromKey ? set.fromKey(String(key)) : key);
  return vocabulary.concepts.filter((c) => comparable(set.fromLabel ? set.fromLabel(c.label) : c.label) === wanted);
}

function buildSet(set) {
  const vocabulary = set.source.endsWith('.json') ? readSupervision() : readXsd(set.source);
  const entries = [];
  if (set.all) {
    for (const concept of vocabulary.concepts) entries.push([kebab(concept.label), concept]);
    for (const key of set.keys ?? []) {
      if (!entries.some(([k]) => k === key)) throw new Error(`${set.name}: no concept for the expected key "${key}"`);
    }
  } else {
    for (const key of set.keys) {
      const found = conceptsOfKey(set, vocabulary, key);
      if (found.length !== 1) {
        throw new Error(`${set.name}: model key "${key}" finds ${found.length} concepts in ${set.source}${found.length ? `: ${found.map((c) => c.uri).join(', ')}` : ''}`);
      }
      entries.push([key, found[0]]);
    }
  }
  for (const [key, reason] of Object.entries(set.absent ?? {})) {
    const found = conceptsOfKey(set, vocabulary, key);
    if (found.length) throw new Error(`${set.name}: "${key}" was expected to have no concept (${reason}) but finds ${found.map((c) => c.uri).join(', ')}: map it`);
  }
  const keys = entries.map(([k]) => String(k));
  if (new Set(keys).size !== keys.length) throw new Error(`${set.name}: two concepts give the same key`);
  const sharedOk = new Set((set.shared ?? []).map((group) => group.join('|')));
  const byUri = new Map();
  for (const [key, concept] of entries) byUri.set(concept.uri, [...(byUri.get(concept.uri) ?? []), key]);
  for (const group of byUri.values()) {
    if (group.length > 1 && !sharedOk.has(group.join('|'))) throw new Error(`${set.name}: keys ${group.join(', ')} share one concept`);
  }
  return { ...set, scheme: vocabulary.scheme, entries };
}

// ---------------------------------------------------------------------------------------------
// Languages

// The EU language authority table (http://publications.europa.eu/resource/authority/language) names
// languages by their ISO 639-3 code, upper case, which for languages with an ISO 639-1 code is the
// ISO 639-2/T code (ELL, DEU, NLD, SQI), never the bibliographic 639-2/B one (GRE, GER, DUT, ALB).
// Sources checked: the EU's own ELM sample (ENG "English"); the EDCI schema of the ELM repository
// (european-commission-empl/European-Learning-Model, Credentials/XSD/imported/edci_mdr_languages.xsd),
// which enumerates the 24 codes below (plus ISL, and "SRB" for Serbian where the EU table has SRP);
// public copies of the EU table in DCAT-AP tools (a LinkedPipes ETL DCAT-AP distribution dialog
// listing the table's concepts: ELL greek, GLE irish, HRV croatian, MLT maltese, NLD dutch,
// NOR/NOB/NNO, SQI albanian) and the Norwegian fdk reference data (NOR "Norwegian", NOB "Norwegian
// Bokmål", NNO "Norwegian Nynorsk").
const EU_OFFICIAL_LANGUAGES = {
  bg: ['BUL', 'Bulgarian'], cs: ['CES', 'Czech'], da: ['DAN', 'Danish'], de: ['DEU', 'German'],
  el: ['ELL', 'Greek'], en: ['ENG', 'English'], es: ['SPA', 'Spanish'], et: ['EST', 'Estonian'],
  fi: ['FIN', 'Finnish'], fr: ['FRA', 'French'], ga: ['GLE', 'Irish'], hr: ['HRV', 'Croatian'],
  hu: ['HUN', 'Hungarian'], it: ['ITA', 'Italian'], lt: ['LIT', 'Lithuanian'], lv: ['LAV', 'Latvian'],
  mt: ['MLT', 'Maltese'], nl: ['NLD', 'Dutch'], pl: ['POL', 'Polish'], pt: ['POR', 'Portuguese'],
  ro: ['RON', 'Romanian'], sk: ['SLK', 'Slovak'], sl: ['SLV', 'Slovenian'], sv: ['SWE', 'Swedish'],
};
// Further codes the same sources confirm, checked as well.
const OTHER_CHECKED_LANGUAGES = {
  no: ['NOR', 'Norwegian'], nb: ['NOB', 'Norwegian Bokmål'], nn: ['NNO', 'Norwegian Nynorsk'], sq: ['SQI', 'Albanian'],
};
// Where the EU table's English label is not the ISO 639-3 reference name without its qualifier.
const LABEL_EXCEPTIONS = { el: 'Greek' }; // ISO 639-3: "Modern Greek (1453-)"

const LANGUAGE_SCHEME = 'http://publications.europa.eu/resource/authority/language';

function buildLanguages() {
  const rows = [];
  for (const entry of iso6393) {
    if (!entry.iso6391) continue;
    const code = entry.iso6393.toUpperCase();
    if (!/^[A-Z]{3}$/.test(code)) throw new Error(`${entry.iso6391}: odd ISO 639-3 code ${entry.iso6393}`);
    // "(macrolanguage)", "(1453-)", "(Tonga Islands)": qualifiers that ISO 639-3 needs among its
    // 7,000 names but a label for one of the ISO 639-1 languages does not.
    const label = LABEL_EXCEPTIONS[entry.iso6391] ?? entry.name.replace(/\s*\([^)]*\)$/, '');
    rows.push([entry.iso6391, { uri: `${LANGUAGE_SCHEME}/${code}`, label }]);
  }
  rows.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (rows.length < 180) throw new Error(`iso-639-3: only ${rows.length} languages with an ISO 639-1 code`);
  if (new Set(rows.map(([, c]) => c.uri)).size !== rows.length) throw new Error('iso-639-3: two ISO 639-1 codes share an ISO 639-3 code');
  const byKey = new Map(rows);
  for (const [key, [code, label]] of Object.entries({ ...EU_OFFICIAL_LANGUAGES, ...OTHER_CHECKED_LANGUAGES })) {
    const concept = byKey.get(key);
    if (!concept) throw new Error(`${key}: not in iso-639-3`);
    if (concept.uri !== `${LANGUAGE_SCHEME}/${code}`) throw new Error(`${key}: ${concept.uri}, but the EU table has ${code}`);
    if (concept.label !== label) throw new Error(`${key}: label "${concept.label}", but the EU table says "${label}"`);
  }
  if (Object.keys(EU_OFFICIAL_LANGUAGES).length !== 24) throw new Error('the EU has 24 official languages');
  return rows;
}

// ---------------------------------------------------------------------------------------------
// Writing

const str = (value) => `'${String(value).replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
const keyOf = (key) => (typeof key === 'number' ? String(key) : str(key));
const pascal = (name) => name.toLowerCase().replace(/(^|_)([a-z])/g, (_, __, c) => c.toUpperCase());

function conceptLines(entries, indent) {
  return entries
    .map(([key, c]) => `${indent}${keyOf(key)}: { uri: ${str(c.uri)}, label: ${str(c.label)} },${c.comment ? ` // ${c.comment}` : ''}`)
    .join('\n');
}

/** The lines of an @example made from the data: a key to its concept and back. */
function exampleLines(name, entries, exampleKey) {
  const [key, concept] = entries.find(([k]) => exampleKey === undefined || k === exampleKey) ?? [];
  if (key === undefined) throw new Error(`${name}: no concept for the example key ${exampleKey}`);
  return [
    ' *',
    ' * @example',
    ` * conceptOf(${name}, ${keyOf(key)}); // { uri: ${str(concept.uri)}, label: ${str(concept.label)} }`,
    ` * keyOfConcept(${name}, ${str(concept.uri)}); // ${keyOf(key)}`,
  ].join('\n');
}

function renderElm(sets) {
  const blocks = sets.map((set) => {
    const notes = Object.entries(set.absent ?? {}).map(([key, reason]) => ` * No concept for \`${key}\`: ${reason}.`);
    if (set.shared) notes.push(...set.shared.map((g) => ` * ${g.map((k) => `\`${k}\``).join(' and ')} share one concept (told apart by the assessment mode).`));
    return `/**
 * ${set.doc}
 * Source: ${set.source}.
${notes.length ? `${notes.join('\n')}\n` : ''}${exampleLines(set.name, set.entries, set.exampleKey)}
 */
export const ${set.name} = /* @__PURE__ */ freezeConceptSet({
  scheme: ${str(set.scheme)},
  concepts: {
${conceptLines(set.entries, '    ')}
  },
} as const);
/** A model key of {@link ${set.name}}. */
export type ${pascal(set.name)}Key = keyof typeof ${set.name}.concepts;`;
  });
  const absent = sets.filter((s) => s.absent).map((s) => `  ${s.name}: [${Object.keys(s.absent).map(str).join(', ')}],`);
  return `// Generated by scripts/gen-vocab.mjs from scripts/data/elm-vocabularies/*.xsd (the ELM controlled
// vocabularies) and scripts/data/supervision-verification.json. Do not edit by hand.
import { freezeConceptSet } from '../vocab/lookup.js';

${blocks.join('\n\n')}

/**
 * Model values that no concept of the vocabulary stands for; the ELM mapping carries them another way.
 *
 * @example
 * WITHOUT_CONCEPT.QUALITY_ASSURANCE_TYPE.includes('internal-quality-assurance'); // true: exported as a note
 * conceptOf(QUALITY_ASSURANCE_TYPE, 'internal-quality-assurance'); // undefined
 */
export const WITHOUT_CONCEPT = Object.freeze({
${absent.join('\n')}
} as const);
`;
}

function renderLanguages(rows) {
  return `// Generated by scripts/gen-vocab.mjs from the iso-639-3 data package, matched to the EU language
// authority table (codes and the labels of the 24 EU official languages checked by the script). Do not edit by hand.
import { freezeConceptSet } from '../vocab/lookup.js';

/**
 * Languages: ISO 639-1 code (the language subtag of a BCP 47 tag) → EU language authority concept,
 * as ELM writes \`displayParameter.language\` and \`primaryLanguage\`. The concept code is the ISO 639-3
 * code in upper case (\`el\` → \`ELL\`, not the bibliographic \`GRE\`); the label is the ISO 639-3
 * reference name without its qualifier, checked against the EU table for the 24 EU official languages.
${exampleLines('LANGUAGE', rows, 'ga')}
 */
export const LANGUAGE = /* @__PURE__ */ freezeConceptSet({
  scheme: ${str(LANGUAGE_SCHEME)},
  concepts: {
${conceptLines(rows, '    ')}
  },
} as const);
/** An ISO 639-1 code that {@link LANGUAGE} knows. */
export type LanguageKey = keyof typeof LANGUAGE.concepts;
`;
}

const sets = SETS.map(buildSet);
const languages = buildLanguages();
const files = [
  ['src/generated/elm-vocabularies.ts', renderElm(sets)],
  ['src/generated/languages.ts', renderLanguages(languages)],
];

if (process.argv.includes('--stdout')) {
  for (const [path, text] of files) process.stdout.write(`// ==> ${path}\n${text}`);
} else if (process.argv.includes('--check')) {
  const stale = files.filter(([path, text]) => {
    try {
      return readFileSync(new URL(`../${path}`, import.meta.url), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  for (const [path] of stale) console.error(`${path} differs from a fresh generation: run node scripts/gen-vocab.mjs`);
  process.exitCode = stale.length ? 1 : 0;
} else {
  for (const [path, text] of files) writeFileSync(new URL(`../${path}`, import.meta.url), text);
  console.log(`src/generated/elm-vocabularies.ts: ${sets.length} vocabularies; src/generated/languages.ts: ${languages.length} languages`);
}
