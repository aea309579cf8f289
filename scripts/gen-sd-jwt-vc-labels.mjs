// Generates src/generated/sd-jwt-vc-labels.ts: the localised labels of the SD-JWT VC type metadata
// (`VerifiableMicroCredential`), taken ONLY from the EU's own translations copied unchanged under
// scripts/data/sd-jwt-vc-labels/ (SOURCE.md there): the EDC viewer's interface strings (EUPL-1.2)
// and the ELM 3.2 ontology's rdfs:label values (CC-BY-4.0). No machine translation, nothing typed
// by hand: a claim with no faithful EU label has no entry, and a language whose source lacks the
// string has no entry for that claim (the type metadata then shows the claim in English only).
//
// Run:  node scripts/gen-sd-jwt-vc-labels.mjs            (writes the file)
//       node scripts/gen-sd-jwt-vc-labels.mjs --stdout   (prints it; the test compares the two)
import { readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { Parser } from 'n3';

const DATA = new URL('./data/sd-jwt-vc-labels/', import.meta.url);
const OUT = new URL('../src/generated/sd-jwt-vc-labels.ts', import.meta.url);
const ELM = 'http://data.europa.eu/snb/model/elm/';
const RDFS_LABEL = 'http://www.w3.org/2000/01/rdf-schema#label';

/**
 * Claim path (dot-joined) → source. `edc:<key>`: a key of the EDC viewer's i18n files;
 * `elm:<term>`: the rdfs:label of an ELM 3.2 class or property. Chosen where the source string
 * names the same thing as the rulebook's claim (its ELM path or the EDC field that shows it).
 * Claims absent here have no EU label that fits (title, givenName, familyName, issuerCountry,
 * qualityAssurance, …): English only, from src/sd-jwt-vc/rulebook.ts.
 */
const MAPPING = {
  iss: 'edc:details.issuing-organization',
  nbf: 'edc:details.diploma-details-tab.validFrom',
  exp: 'edc:details.diploma-details-tab.expiryDate',
  identifier: 'edc:details.identifier',
  awardingBody: 'elm:awardingBody',
  issuanceDate: 'edc:details.entitlements-tab.issueDate',
  learningOutcomes: 'edc:details.achievements-tab.learningOutcomes',
  notionalWorkload: 'edc:details.achievements-tab.volumeOfLearning',
  typeOfAssessment: 'edc:details.assessments-tab.assessmentType',
  formOfParticipation: 'edc:details.achievements-tab.deliveryMethod',
  dateOfBirth: 'edc:details.credential-subject-tab.dateOfBirth',
  placeOfBirth: 'edc:details.credential-subject-tab.placeOfBirth',
  citizenshipCountry: 'edc:details.credential-subject-tab.citizenship',
  nationalID: 'elm:nationalId',
  registeredAddress: 'elm:address',
  mail: 'edc:details.credential-subject-tab.email',
  level: 'edc:details.achievements-tab.EQFLevel',
  nationalQualificationsFrameworkLevel: 'edc:details.achievements-tab.NQFLevel',
  learningOutcomeSummary: 'elm:learningOutcomeSummary',
  fieldOfEducation: 'edc:details.achievements-tab.thematicArea',
  escoReference: 'edc:details.achievements-tab.relatedESCOSkills',
  idVerificationMethod: 'elm:idVerification',
  grade: 'edc:details.assessments-tab.grade',
  gradingScheme: 'edc:details.assessments-tab.gradingScheme',
  entryRequirements: 'edc:details.achievements-tab.entryRequirements',
  accreditation: 'edc:details.achievements-tab.accreditation',
  'accreditation.accreditingAgent': 'elm:accreditingAgent',
  'accreditation.decision': 'edc:details.achievements-tab.decision',
  'accreditation.reviewDate': 'elm:reviewDate',
  additionalNote: 'elm:additionalNote',
};

// `lo.json` of the EDC viewer is not a language (its values are the keys): not copied, not read.
const edcDir = new URL('edc-viewer-i18n/', DATA);
const edc = new Map();
for (const file of readdirSync(edcDir).filter((f) => f.endsWith('.json')).sort()) {
  edc.set(file.slice(0, -5), JSON.parse(readFileSync(new URL(file, edcDir), 'utf8')));
}
if (edc.size !== 29) throw new Error(`expected 29 EDC language files, found ${edc.size}`);

const quads = new Parser().parse(readFileSync(new URL('ELM-3.2-ontology-multilingual.ttl', DATA), 'utf8'));
const elm = new Map(); // term → Map(lang → label)
for (const q of quads) {
  if (q.predicate.value !== RDFS_LABEL || !q.subject.value.startsWith(ELM) || !q.object.language) continue;
  const term = q.subject.value.slice(ELM.length);
  if (!elm.has(term)) elm.set(term, new Map());
  elm.get(term).set(q.object.language, q.object.value);
}

const skipped = [];
/** A source string fit for a label: not empty, not the key itself, no markup or placeholder, has a letter. */
function usable(value, key, where) {
  if (typeof value !== 'string') return undefined;
  const v = value.trim();
  const bad = v === '' || v === key || /[<>]|\{\{/.test(v) || !/\p{L}/u.test(v);
  if (bad) {
    skipped.push(`${where}: ${JSON.stringify(value)}`);
    return undefined;
  }
  return v;
}

const entries = {};
const locales = new Set();
for (const [path, source] of Object.entries(MAPPING)) {
  const [kind, key] = [source.slice(0, 3), source.slice(4)];
  const labels = {};
  if (kind === 'edc') {
    if (typeof edc.get('en')[key] !== 'string') throw new Error(`EDC key ${key} not in en.json`);
    for (const [lang, strings] of edc) {
      const v = usable(strings[key], key, `${source} @${lang}`);
      if (v !== undefined) labels[lang] = v;
    }
  } else if (kind === 'elm') {
    const byLang = elm.get(key);
    if (!byLang?.has('en')) throw new Error(`ELM term ${key} has no English rdfs:label`);
    for (const [lang, value] of [...byLang].sort()) {
      const v = usable(value, key, `${source} @${lang}`);
      if (v !== undefined) labels[lang] = v;
    }
  } else throw new Error(`unknown source ${source}`);
  for (const lang of Object.keys(labels)) locales.add(lang);
  const sorted = Object.fromEntries(Object.entries(labels).sort(([a], [b]) => a.localeCompare(b)));
  entries[path] = { source, labels: sorted };
}

const list = [...locales].sort();
const text = `// Generated by scripts/gen-sd-jwt-vc-labels.mjs from scripts/data/sd-jwt-vc-labels/ (the EDC viewer's i18n strings, EUPL-1.2; the ELM 3.2 ontology's rdfs:label, CC-BY-4.0). Do not edit by hand.

/**
 * The languages any label below is given in (BCP 47 tags as the sources name them).
 *
 * @example
 * SD_JWT_VC_LABEL_LOCALES.includes('de'); // true
 */
export const SD_JWT_VC_LABEL_LOCALES: readonly string[] = ${JSON.stringify(list)};

/** Where a claim's labels come from, and the labels by language (\`en\` is the source's English). */
export interface SdJwtVcLabelSource {
  /** \`edc:<key>\` (EDC viewer i18n key) or \`elm:<term>\` (ELM 3.2 class or property). */
  readonly source: string;
  readonly labels: Readonly<Record<string, string>>;
}

/**
 * The EU's own translations for the claims of \`VerifiableMicroCredential\`, by claim path joined
 * with \`.\` (\`accreditation.decision\`). A claim or language absent here has no EU label.
 *
 * @example
 * SD_JWT_VC_LABELS.learningOutcomes?.labels.de; // "Lernergebnisse"
 */
export const SD_JWT_VC_LABELS: Readonly<Record<string, SdJwtVcLabelSource>> = ${JSON.stringify(entries, null, 2)};
`;

if (process.argv.includes('--stdout')) process.stdout.write(text);
else {
  writeFileSync(OUT, text);
  console.error(`wrote ${OUT.pathname}: ${Object.keys(entries).length} claims, ${list.length} languages; skipped ${skipped.length} unusable source strings`);
  for (const s of skipped) console.error(`  skipped ${s}`);
}
