// Generates src/generated/render-labels.ts: the fixed labels of the credential picture
// (src/render/labels.ts), taken ONLY from the EU's own translations copied unchanged under
// scripts/data/sd-jwt-vc-labels/ (SOURCE.md there): the EDC viewer's interface strings (EUPL-1.2)
// and the ELM 3.2 ontology's rdfs:label values (CC-BY-4.0). No machine translation: a label whose
// sources have no usable text in a language is English in that language (source `en`).
//
// Run:  node scripts/gen-render-labels.mjs            (writes the file)
//       node scripts/gen-render-labels.mjs --stdout   (prints it; test/render-labels.test.ts compares the two)
import { writeFileSync } from 'node:fs';
import { rawText, readEdcStrings, readElmLabels, scriptProblem } from './eu-translations.mjs';

const OUT = new URL('../src/generated/render-labels.ts', import.meta.url);

/**
 * Label key → the sources that name the same thing, best first (`edc:<key>`: a key of the EDC
 * viewer's i18n files; `elm:<term>`: the rdfs:label of an ELM 3.2 class or property), and the
 * library's own English (the English picture, and the fallback). For each language the first
 * source with a usable text wins, so a language one source lacks (or garbles) may come from the next.
 */
const MAPPING = {
  // The ontology's class of what a micro-credential records; the EDC viewer's "achievement" where the
  // ontology has no text (Serbian).
  header: { sources: ['elm:LearningAchievement', 'edc:details.achievement'], english: 'Learning achievement' },
  // The EDC viewer's "credential owner" (not in its en.json); the ontology's `subject` ("credential
  // subject") is translated as "subject matter" in several languages, so it is not used.
  learner: { sources: ['edc:details.credential-owner'], english: 'Credential holder' },
  // The EDC viewer's achievement tab names the awarding body better than the ontology in es, mt, sk
  // (the ontology's "responsible body", "certification body"); the ontology gives the English.
  awardingBodies: { sources: ['edc:details.achievements-tab.awardingBody', 'elm:awardingBody'], english: 'Awarding body' },
  issuer: { sources: ['edc:details.issuing-organization'], english: 'Issuing organisation' },
  country: { sources: ['elm:countryCode', 'edc:credential-builder.organizations-tab.country'], english: 'Country' },
  // The credential's own issue date (the viewer's diploma tab; not in its en.json), else the
  // entitlement tab's "Date Issued".
  dateOfIssue: { sources: ['edc:details.diploma-details-tab.issueDate', 'edc:details.entitlements-tab.issueDate'], english: 'Date of issue' },
  expiryDate: { sources: ['edc:details.diploma-details-tab.expiryDate', 'elm:expiryDate'], english: 'Expiry date' },
  workload: { sources: ['edc:details.achievements-tab.volumeOfLearning', 'elm:volumeOfLearning'], english: 'Volume of learning' },
  ectsCredits: { sources: ['edc:details.achievements-tab.ECTSCreditPoints'], english: 'ECTS credits' },
  hours: { sources: ['edc:hours'], english: 'hours' },
  hour: { sources: ['edc:hour'], english: 'hour' },
  creditPoints: { sources: ['edc:details.achievements-tab.creditPoints', 'elm:creditPoint'], english: 'Credit points' },
  // The ontology's Estonian EQF label says "European quality framework": the viewer's comes first.
  eqfLevel: { sources: ['edc:details.achievements-tab.EQFLevel', 'elm:EQFLevel'], english: 'EQF level' },
  // The ontology's NQFLevel is labelled "QF level" (any framework): only the viewer's says "national".
  nqfLevel: { sources: ['edc:details.achievements-tab.NQFLevel'], english: 'NQF level' },
  learningOutcomes: { sources: ['edc:details.achievements-tab.learningOutcomes'], english: 'Learning outcomes' },
  assessment: { sources: ['edc:details.assessments-tab.assessmentType'], english: 'Assessment type' },
  participation: { sources: ['edc:details.achievements-tab.deliveryMethod', 'edc:details.achievements-tab.modeOfLearning'], english: 'Mode of learning' },
  qualityAssurance: { sources: ['edc:details.achievements-tab.accreditation', 'elm:Accreditation'], english: 'Accreditation' },
  grade: { sources: ['edc:details.assessments-tab.grade', 'elm:grade'], english: 'Grade' },
  verification: { sources: ['edc:details.verification', 'elm:verificationCheck'], english: 'Verification' },
  // What the picture is: the viewer's "credential preview" (the EDC viewer's own picture of a
  // credential). It names no issuer, so it never claims EDC issued the credential.
  footer: { sources: ['edc:toolbar.credentialDiploma'], english: 'Credential preview' },
};

/**
 * Source texts that are in the files but say something else (a wrong translation), by
 * `<source>@<lang>`; the language falls back to the next source or to English.
 */
const WRONG = {
  'edc:details.assessments-tab.grade@bg': '"Ниво" means "level"',
  'elm:grade@bg': '"Ниво" means "level"',
  'edc:details.assessments-tab.grade@nl': '"Titel" means "title"',
  'elm:grade@nl': '"Titel" means "title"',
  'edc:details.achievements-tab.creditPoints@pl': '"Punkty  ECTS" names ECTS points only',
  'elm:creditPoint@lt': '"ECVET taškai" names ECVET points only',
};

const edc = readEdcStrings(); // language → the EDC viewer's key → text
const LANGS = [...edc.keys()];
const elm = readElmLabels(); // term → Map(lang → label)
const raw = (source, lang) => rawText(edc, elm, source, lang);

for (const [key, { sources }] of Object.entries(MAPPING)) {
  for (const source of sources) {
    const known = source.startsWith('edc:') ? LANGS.some((l) => typeof raw(source, l) === 'string') : elm.has(source.slice(4));
    if (!known) throw new Error(`${key}: source ${source} is in none of the files`);
  }
}

const skipped = [];
/** A source text fit for a label in `lang`, trimmed; undefined (and noted) when it is not. */
function usable(source, lang, englishes) {
  const value = raw(source, lang);
  if (value === undefined) return undefined;
  const where = `${source}@${lang}`;
  const skip = (why) => {
    skipped.push(`${where}: ${JSON.stringify(value)} (${why})`);
    return undefined;
  };
  if (typeof value !== 'string') return skip('not a string');
  const v = value.trim();
  if (v === '' || !/\p{L}/u.test(v)) return skip('empty or no letter');
  if (v === source.slice(4)) return skip('the key itself');
  if (/[<>]|\{\{/.test(v)) return skip('markup or placeholder');
  if (WRONG[where] !== undefined) return skip(`wrong translation: ${WRONG[where]}`);
  const script = scriptProblem(lang, v);
  if (script !== undefined) return skip(script);
  // A several-word text equal to the English is an untranslated copy (a single word may be the same in both).
  if (/\s/.test(v) && englishes.has(v.toLowerCase())) return skip('the English text, untranslated');
  return v;
}

const data = {};
const counts = Object.fromEntries(LANGS.map((l) => [l, 0]));
const missing = {};
for (const [key, { sources, english }] of Object.entries(MAPPING)) {
  const englishes = new Set([english.toLowerCase()]);
  for (const source of sources) {
    const e = raw(source, 'en');
    if (typeof e === 'string') englishes.add(e.trim().toLowerCase());
  }
  // English is the library's own (one style, sentence case, the EU's English terms); the sources'
  // English is used only to recognise untranslated copies.
  const entry = { en: ['en', english] };
  for (const lang of LANGS) {
    if (lang === 'en') continue;
    let found;
    for (const source of sources) {
      const v = usable(source, lang, englishes);
      if (v !== undefined) {
        found = [source, v];
        break;
      }
    }
    if (found !== undefined) {
      entry[lang] = found;
      counts[lang] += 1;
    } else (missing[key] ??= []).push(lang);
  }
  data[key] = entry;
}

const languages = LANGS.filter((l) => l === 'en' || counts[l] > 0);
const lines = [];
for (const [key, entry] of Object.entries(data)) {
  lines.push(`  ${key}: {`);
  for (const [lang, [source, text]] of Object.entries(entry)) lines.push(`    ${JSON.stringify(lang)}: [${JSON.stringify(source)}, ${JSON.stringify(text)}],`);
  lines.push('  },');
}

const text = `// Generated by scripts/gen-render-labels.mjs from scripts/data/sd-jwt-vc-labels/ (the EDC viewer's i18n strings, EUPL-1.2; the ELM 3.2 ontology's rdfs:label, CC-BY-4.0). Do not edit by hand.

/** The languages the EU files give picture labels in (BCP 47 tags as the sources name them), English included. */
export const RENDER_LABEL_LANGUAGES: readonly string[] = ${JSON.stringify(languages)};

/**
 * The picture's labels: label key → language → [source, text]. The source is \`edc:<key>\` (an EDC
 * viewer i18n key), \`elm:<term>\` (an ELM 3.2 rdfs:label) or, for English, \`en\` (the library's
 * own English). A language absent from a key has no usable EU text for it.
 */
export const RENDER_LABEL_DATA = {
${lines.join('\n')}
} as const satisfies Readonly<Record<string, Readonly<Record<string, readonly [string, string]>>>>;
`;

if (process.argv.includes('--stdout')) process.stdout.write(text);
else {
  writeFileSync(OUT, text);
  console.error(`wrote ${OUT.pathname}: ${Object.keys(data).length} labels, ${languages.length} languages`);
  console.error(`translated labels per language: ${LANGS.filter((l) => l !== 'en').map((l) => `${l} ${counts[l]}`).join(', ')}`);
  for (const [key, langs] of Object.entries(missing)) console.error(`  no EU text for ${key} in: ${langs.join(', ')}`);
  for (const s of skipped) console.error(`  skipped ${s}`);
}
