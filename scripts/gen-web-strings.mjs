// Generates web/src/generated/page-strings.ts: the verifier page's own interface texts and the names
// of the Annex I elements in its table (web/src/strings.ts), taken ONLY from the EU's own
// translations copied unchanged under scripts/data/sd-jwt-vc-labels/ (SOURCE.md there): the EDC
// viewer's interface strings (EUPL-1.2) and the ELM 3.2 ontology's rdfs:label values (CC-BY-4.0),
// read through scripts/eu-translations.mjs as scripts/gen-render-labels.mjs reads them. No machine
// translation: a text the EU files do not give in a language is English there (source `en`), and the
// page's own sentences, which the EU files do not have, are English in every language.
//
// Run:  node scripts/gen-web-strings.mjs            (writes the file)
//       node scripts/gen-web-strings.mjs --stdout   (prints it; test/web-strings.test.ts compares the two)
import { writeFileSync } from 'node:fs';
import { rawText, readEdcStrings, readElmLabels, scriptProblem } from './eu-translations.mjs';

const OUT = new URL('../web/src/generated/page-strings.ts', import.meta.url);

/**
 * Page key → the sources that say the same thing on the page, best first (`edc:<key>`: a key of the
 * EDC viewer's i18n files; `elm:<term>`: the rdfs:label of an ELM 3.2 class or property), and the
 * page's English (the English page, and the fallback). For each language the first source with a
 * usable text wins. `sources: []`: the page's own words, English only.
 */
const STRINGS = {
  // The page's own title: the EU files name no verifier of any credential file.
  pageTitle: { sources: [], english: 'Micro-credential verifier' },

  // Texts of the EDC viewer, the EU's own page for checking a credential.
  upload: { sources: ['edc:btn.uploadCredential'], english: 'Upload credential' },
  // The viewer's button says "upload another credential" in the words its "upload" button uses; its
  // toolbar's text changes the word for "credential" (no, ro, mt) and says "download" in French.
  uploadAnother: { sources: ['edc:btn.updateAnotherCredential', 'edc:toolbar.updateAnotherCredential'], english: 'Upload another credential' },
  selectLanguage: { sources: ['edc:ecl.language-list.SELECT-LANGUAGE'], english: 'Select your language' },
  verified: { sources: ['edc:details.verification-tab.ribbon-correct'], english: 'Verified' },
  verificationFailed: { sources: ['edc:details.verification-tab.ribbon-incorrect'], english: 'Verification failed' },
  partiallyVerified: { sources: ['edc:details.verification-tab.ribbon-warning'], english: 'Partially verified' },
  verificationCheck: { sources: ['edc:details.authenticationAndVerificationCheck', 'elm:VerificationCheck'], english: 'Authentication and verification check' },
  issuingOrganisation: { sources: ['edc:details.issuing-organization'], english: 'Issuing organisation' },
  sealingOrganisation: { sources: ['edc:details.sealing-organization'], english: 'Sealing organisation' },
  // The viewer's "Signed by" is in its en.json only: English everywhere.
  signedBy: { sources: ['edc:details.organization-tab.title'], english: 'Signed by' },
  // The viewer's verification details: the seal, the validity, the revocation, the format.
  sealInfo: { sources: ['edc:verificationDetail.seal'], english: 'Seal' },
  validity: { sources: ['edc:verificationDetail.validity'], english: 'Validity' },
  revocation: { sources: ['edc:verificationDetail.revocation'], english: 'Revocation' },
  format: { sources: ['edc:verificationDetail.format'], english: 'Format' },
  validFrom: { sources: ['edc:details.diploma-details-tab.validFrom'], english: 'Valid from' },
  validUntil: { sources: ['edc:share.dateOfValidity'], english: 'Valid until' },
  expiryDate: { sources: ['edc:details.diploma-details-tab.expiryDate', 'elm:expiryDate'], english: 'Expiry date' },
  dateOfIssue: { sources: ['edc:details.diploma-details-tab.issueDate', 'edc:details.entitlements-tab.issueDate'], english: 'Date of issue' },
  status: { sources: ['edc:details.entitlements-tab.status', 'elm:status'], english: 'Status' },
  downloadPdf: { sources: ['edc:download.pdf'], english: 'Download PDF' },
  download: { sources: ['edc:btn.download'], english: 'Download' },
  export: { sources: ['edc:btn.export'], english: 'Export' },
  error: { sources: ['edc:error'], english: 'Error' },
  close: { sources: ['edc:ecl.common.CLOSE'], english: 'Close' },
  showMore: { sources: ['edc:common.showMore'], english: 'Show more' },
  showLess: { sources: ['edc:common.showLess'], english: 'Show less' },
  yes: { sources: ['edc:yes'], english: 'Yes' },
  no: { sources: ['edc:no'], english: 'No' },
  // The viewer's "Credential id" is in its en.json only; its "identifier" (and the ontology's
  // Identifier) name the same row in the other languages.
  credentialId: { sources: ['edc:details.diploma-details-tab.uuid', 'edc:details.identifier', 'elm:Identifier'], english: 'Credential ID' },
  type: { sources: ['edc:details.diploma-details-tab.type'], english: 'Type' },
  // The viewer's "Description" is in its en.json only: English everywhere.
  description: { sources: ['edc:details.achievements-tab.description'], english: 'Description' },
  learningOutcomes: { sources: ['edc:details.achievements-tab.learningOutcomes'], english: 'Learning outcomes' },
  language: { sources: ['edc:details.achievements-tab.languagesOfInstruction'], english: 'Language' },
  // What the picture is: the viewer's "credential preview", the picture's own footer.
  pictureTitle: { sources: ['edc:toolbar.credentialDiploma'], english: 'Credential preview' },

  // The page's own sentences: the EU files have nothing that says them. English in every language.
  nothingUploaded: { sources: [], english: 'Nothing leaves your browser: the file is checked on this device.' },
  dropHere: { sources: [], english: 'Drop a credential file here, or choose one' },
  orPaste: { sources: [], english: 'Or paste the credential as text' },
  check: { sources: [], english: 'Check' },
  checking: { sources: [], english: 'Checking…' },
  genuine: { sources: [], english: 'Genuine' },
  notGenuine: { sources: [], english: 'Not genuine' },
  unconfirmed: { sources: [], english: 'Signer not confirmed' },
  notSigned: { sources: [], english: 'Not signed' },
  unreadable: { sources: [], english: 'Not a credential this page can read' },
  signedOn: { sources: [], english: 'Signed on' },
  chainsTo: { sources: [], english: 'Chains to the trust anchor' },
  noChain: { sources: [], english: 'No loaded trust anchor confirms this certificate' },
  fileKind: { sources: [], english: 'Kind of file' },
  unwrapped: { sources: [], english: 'Taken out of its wrapper' },
  partialReading: { sources: [], english: 'Only part of the credential could be read.' },
  trustTitle: { sources: [], english: 'Trusted signers' },
  addTrust: { sources: [], english: 'Add a certificate, DID document or key' },
  noTrust: { sources: [], english: 'Nothing loaded.' },
  trustAnchor: { sources: [], english: 'Trust anchor (certificate)' },
  controller: { sources: [], english: 'DID document' },
  issuerKey: { sources: [], english: 'Issuer key' },
  statusList: { sources: [], english: 'Status list' },
  preloaded: { sources: [], english: 'preloaded' },
  removeTrust: { sources: [], english: 'Remove' },
  statusTitle: { sources: [], english: 'Status lists' },
  addStatusList: { sources: [], english: 'Add a status list' },
  revoked: { sources: [], english: 'Revoked' },
  suspended: { sources: [], english: 'Suspended' },
  notRevoked: { sources: [], english: 'Not revoked' },
  statusNotChecked: { sources: [], english: 'Not checked: load the issuer’s status list' },
  statusUnknown: { sources: [], english: 'Could not be checked' },
  noStatus: { sources: [], english: 'The credential has no revocation status' },
  expired: { sources: [], english: 'Expired' },
  notYetValid: { sources: [], english: 'Not yet valid' },
  noValidityPeriod: { sources: [], english: 'No validity period' },
  elementsTitle: { sources: [], english: 'Annex I elements' },
  mandatory: { sources: [], english: 'Mandatory' },
  optional: { sources: [], english: 'Optional' },
  element: { sources: [], english: 'Element' },
  value: { sources: [], english: 'Value' },
  present: { sources: [], english: 'Present' },
  missing: { sources: [], english: 'Missing' },
  issuesTitle: { sources: [], english: 'Validation issues' },
  otherIssues: { sources: [], english: 'Not tied to an element' },
  noIssues: { sources: [], english: 'No issues found.' },
  message: { sources: [], english: 'Message' },
  path: { sources: [], english: 'Path' },
  disclosedTitle: { sources: [], english: 'Disclosed claims' },
  undisclosedTitle: { sources: [], english: 'Claims not disclosed' },
  alwaysVisible: { sources: [], english: 'Always visible' },
  hiddenDigests: { sources: [], english: 'Withheld claims and decoys' },
  pictureLanguage: { sources: [], english: 'Language of the picture' },
  exportPng: { sources: [], english: 'Download the picture (PNG)' },
  exportElm: { sources: [], english: 'Download as ELM (JSON-LD)' },
  exportOb3: { sources: [], english: 'Download as Open Badges 3.0 (JSON)' },
  exportReport: { sources: [], english: 'Download the check report (JSON)' },
  exportUnavailable: { sources: [], english: 'Not possible for this file' },

  // The rest of the page's own words: its frame, the file facts, the signer, the states of a check.
  skipToResult: { sources: [], english: 'Skip to the result' },
  loading: { sources: [], english: 'Preparing the page…' },
  loadFailed: { sources: [], english: 'The page could not load its picture maker; files are still checked, without the picture.' },
  dropHint: { sources: [], english: 'A JSON file, a PNG or SVG badge, a PDF, an SD-JWT or a JWS' },
  chooseFile: { sources: [], english: 'Choose a file' },
  trustHint: { sources: [], english: 'A signature says who made a file only when you know their key. Add the certificates, DID documents or keys of the issuers you trust, and the status lists they publish.' },
  nothingChecked: { sources: [], english: 'Choose, drop or paste a micro-credential to check it.' },
  fileTitle: { sources: [], english: 'File' },
  name: { sources: [], english: 'Name' },
  issuesColumn: { sources: [], english: 'Issues' },
  sdJwtTitle: { sources: [], english: 'What the holder disclosed' },
  footer: { sources: [], english: 'This page runs entirely in your browser and makes no request once loaded. Built with the open-source library eu-micro-credentials.' },
  certificateIssuer: { sources: [], english: 'Certificate issued by' },
  keyFingerprint: { sources: [], english: 'Key fingerprint' },
  keyFrom: { sources: [], english: 'Key loaded from' },
  severityWarning: { sources: [], english: 'Warning' },
  severityInfo: { sources: [], english: 'Note' },
  pictureFailed: { sources: [], english: 'The picture could not be drawn' },
  noModel: { sources: [], english: 'There is no credential to show: the file could not be read as one.' },
  exportFailed: { sources: [], english: 'The download failed' },
  attachment: { sources: [], english: 'Attached file checked' },
  kindModel: { sources: [], english: 'Micro-credential (model JSON)' },
  kindElm: { sources: [], english: 'European Learning Model credential' },
  kindSignedVc: { sources: [], english: 'Signed verifiable credential' },
  kindSealed: { sources: [], english: 'EDC sealed credential' },
  kindOb3: { sources: [], english: 'Open Badges 3.0 credential' },
  kindOb3Jwt: { sources: [], english: 'Open Badges 3.0 VC-JWT' },
  kindSdJwtVc: { sources: [], english: 'SD-JWT VC' },
  kindUnknown: { sources: [], english: 'Not a credential this page knows' },
  containerPng: { sources: [], english: 'baked in a PNG image' },
  containerSvg: { sources: [], english: 'baked in an SVG image' },
  containerPdf: { sources: [], english: 'attached to a PDF' },
  // A genuine credential that is no longer (or not yet) in force: never the plain "Genuine".
  genuineExpired: { sources: [], english: 'Genuine — but expired' },
  genuineNotYetValid: { sources: [], english: 'Genuine — but not valid yet' },
  genuineRevoked: { sources: [], english: 'Genuine — but revoked' },
  genuineSuspended: { sources: [], english: 'Genuine — but suspended' },
  // What is shown of a credential whose signer is not established: a claim, marked as such.
  notVerified: { sources: [], english: 'Not verified' },
  notVerifiedUnconfirmed: { sources: [], english: 'Nothing you loaded confirms who signed this file: read what it says as a claim, not as a fact.' },
  notVerifiedNotSigned: { sources: [], english: 'This file is not signed: anyone could have written what it says.' },
  notVerifiedNotGenuine: { sources: [], english: 'The file was changed after it was signed, or its signature failed: what it says cannot be trusted.' },
  // No whole credential could be read, but the issuer put a picture of it in the file (ELM display images).
  issuerPicture: { sources: [], english: 'The issuer\'s own picture of the credential' },
  issuerPictureNote: { sources: [], english: 'This is the issuer\'s own picture, carried in the credential: this page did not draw it, and it shows only what the issuer put in the picture.' },
  issuerPictureUnknownLanguage: { sources: [], english: 'Language not given' },
};

/**
 * The Annex I elements (Council Recommendation of 16 June 2022), in the library's English (the
 * names of the specification's model, shortened from the Annex where the Annex lists the options).
 * `render:<LabelKey>`: the element is named by the picture's label (src/render/labels.ts) in every
 * language the picture's label is the EU's own, so the table and the picture say the same; the
 * page resolves it at run time with renderLabels. Other sources as for the page keys; none: English.
 */
const ELEMENTS = {
  // The credential's holder: the learner the element identifies (the picture's label).
  M1: { name: 'Identification of the learner', sources: ['render:learner'] },
  M2: { name: 'Title of the micro-credential', sources: ['edc:details.achievements-tab.title'] },
  // The EU files say "country" only (no region, not "of the issuer"): English.
  M3: { name: 'Country(ies)/Region(s) of the issuer', sources: [] },
  M4: { name: 'Awarding body(ies)', sources: ['render:awardingBodies'] },
  M5: { name: 'Date of issuing', sources: ['render:dateOfIssue'] },
  M6: { name: 'Learning outcomes', sources: ['render:learningOutcomes'] },
  M7: { name: 'Notional workload (in ECTS credits, where possible)', sources: ['render:workload'] },
  M8: { name: 'Level (and cycle) of the learning experience (EQF, QF-EHEA), if applicable', sources: ['render:eqfLevel'] },
  M9: { name: 'Type of assessment', sources: ['render:assessment'] },
  M10: { name: 'Form of participation in the learning activity', sources: ['render:participation'] },
  M11: { name: 'Type of quality assurance used to underpin the micro-credential', sources: ['render:qualityAssurance'] },
  // The viewer's "entry requirements" (its entitlement tab's copy says "learning method" in Danish).
  O1: { name: 'Prerequisites needed to enrol', sources: ['edc:details.achievements-tab.entryRequirements', 'elm:entryRequirement'] },
  // "Method of assessment, supervision and ID verification" (the viewer's key whose English is
  // missing; its `idVerification` has the same translations under an older English text).
  O2: { name: 'Supervision and identity verification during assessment', sources: ['edc:details.assessments-tab.methodOf', 'elm:idVerification'] },
  O3: { name: 'Grade achieved', sources: ['render:grade'] },
  // The EU files name no stackability: English.
  O4: { name: 'Integration / stackability options', sources: [] },
  O5: { name: 'Further information', sources: ['edc:details.moreInformation', 'elm:additionalNote'] },
};

/**
 * Source texts that are in the files but say something else (a wrong translation), by
 * `<source>@<lang>`; the language falls back to the next source or to English.
 */
const WRONG = {
  'edc:details.verification-tab.ribbon-incorrect@lv': '"Verifikācija netika veikta" means "verification was not carried out"',
  'edc:details.diploma-details-tab.validFrom@ro': '"Format valabil" means "valid format"',
  'edc:details.achievements-tab.languagesOfInstruction@fr': '"Langage" is language as a faculty or a code, not a language such as French ("langue")',
  'edc:details.achievements-tab.languagesOfInstruction@ro': '"Limbaj" is language as a faculty or a code, not a language such as Romanian ("limbă")',
};

const edc = readEdcStrings(); // language → the EDC viewer's key → text
const LANGS = [...edc.keys()];
const elm = readElmLabels(); // term → Map(lang → label)
const raw = (source, lang) => rawText(edc, elm, source, lang);

const RENDER_KEYS = new Set(['header', 'learner', 'awardingBodies', 'issuer', 'country', 'dateOfIssue', 'expiryDate', 'workload', 'ectsCredits', 'hours', 'hour', 'creditPoints', 'eqfLevel', 'nqfLevel', 'learningOutcomes', 'assessment', 'participation', 'qualityAssurance', 'grade', 'verification', 'footer']);

for (const [key, { sources }] of [...Object.entries(STRINGS), ...Object.entries(ELEMENTS)]) {
  for (const source of sources) {
    if (source.startsWith('render:')) {
      if (!RENDER_KEYS.has(source.slice(7))) throw new Error(`${key}: ${source} is not a label of the picture`);
      continue;
    }
    const known = source.startsWith('edc:') ? LANGS.some((l) => typeof raw(source, l) === 'string') : elm.has(source.slice(4));
    if (!known) throw new Error(`${key}: source ${source} is in none of the files`);
  }
  if (sources.some((s) => s.startsWith('render:')) && sources.length !== 1) throw new Error(`${key}: a render label is the only source`);
}
for (const where of Object.keys(WRONG)) {
  const [source, lang] = where.split('@');
  if (typeof raw(source, lang) !== 'string') throw new Error(`WRONG ${where}: no such text`);
}

const skipped = [];
/** A source text fit for the page in `lang`, trimmed; undefined (and noted) when it is not. */
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
  // A dotted key given back as its text is no translation; a word key ("no") may be the word itself (es, it).
  if (v === source.slice(4) && source.includes('.')) return skip('the key itself');
  if (/[<>]|\{\{|\}\}|&[a-z#0-9]+;/i.test(v)) return skip('markup or placeholder');
  if (/[\n\r\t]/.test(v)) return skip('more than one line');
  if (WRONG[where] !== undefined) return skip(`wrong translation: ${WRONG[where]}`);
  const script = scriptProblem(lang, v);
  if (script !== undefined) return skip(script);
  // A several-word text equal to the English is an untranslated copy (a single word may be the same in both).
  if (/\s/.test(v) && englishes.has(v.toLowerCase())) return skip('the English text, untranslated');
  return v;
}

const counts = Object.fromEntries(LANGS.map((l) => [l, 0]));
const missing = {};
/** language → [source, text] for one key: English first, then every language a source fits. */
function entryOf(key, sources, english) {
  const englishes = new Set([english.toLowerCase()]);
  for (const source of sources) {
    const e = raw(source, 'en');
    if (typeof e === 'string') englishes.add(e.trim().toLowerCase());
  }
  const entry = { en: ['en', english] };
  if (sources.length === 0) return entry;
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
  return entry;
}

const stringLines = [];
let euKeys = 0;
for (const [key, { sources, english }] of Object.entries(STRINGS)) {
  if (/[<>{}]/.test(english) || english.trim() !== english) throw new Error(`${key}: the English text must be plain`);
  const entry = entryOf(key, sources, english);
  if (Object.keys(entry).length > 1) euKeys += 1;
  stringLines.push(`  ${key}: {`);
  for (const [lang, [source, text]] of Object.entries(entry)) stringLines.push(`    ${JSON.stringify(lang)}: [${JSON.stringify(source)}, ${JSON.stringify(text)}],`);
  stringLines.push('  },');
}

const elementLines = [];
for (const [id, { name, sources }] of Object.entries(ELEMENTS)) {
  elementLines.push(`  ${id}: {`);
  elementLines.push(`    name: ${JSON.stringify(name)},`);
  if (sources[0]?.startsWith('render:')) elementLines.push(`    render: ${JSON.stringify(sources[0].slice(7))},`);
  const entry = sources[0]?.startsWith('render:') ? {} : entryOf(id, sources, name);
  delete entry.en; // the English is `name`
  if (Object.keys(entry).length === 0) elementLines.push('    texts: {},');
  else {
    elementLines.push('    texts: {');
    for (const [lang, [source, text]] of Object.entries(entry)) elementLines.push(`      ${JSON.stringify(lang)}: [${JSON.stringify(source)}, ${JSON.stringify(text)}],`);
    elementLines.push('    },');
  }
  elementLines.push('  },');
}

const text = `// Generated by scripts/gen-web-strings.mjs from scripts/data/sd-jwt-vc-labels/ (the EDC viewer's i18n strings, EUPL-1.2; the ELM 3.2 ontology's rdfs:label, CC-BY-4.0). Do not edit by hand.

/** The languages of the EU files the texts were taken from (BCP 47 tags as the files name them), English included. */
export const PAGE_STRING_LANGUAGES: readonly string[] = ${JSON.stringify(LANGS)};

/**
 * The page's texts: key → language → [source, text]. The source is \`edc:<key>\` (an EDC viewer
 * i18n key), \`elm:<term>\` (an ELM 3.2 rdfs:label) or, for English, \`en\` (the page's own English).
 * A language absent from a key has no usable EU text for it: the page shows the English.
 */
export const PAGE_STRING_DATA = {
${stringLines.join('\n')}
} as const satisfies Readonly<Record<string, Readonly<Record<string, readonly [string, string]>>>>;

/**
 * The Annex I elements: their English name, and either \`render\` (the picture's label that names
 * the element: src/render/labels.ts) or the EU's texts by language ([source, text]).
 */
export const ELEMENT_LABEL_DATA = {
${elementLines.join('\n')}
} as const satisfies Readonly<Record<string, { readonly name: string; readonly render?: string; readonly texts: Readonly<Record<string, readonly [string, string]>> }>>;
`;

if (process.argv.includes('--stdout')) process.stdout.write(text);
else {
  writeFileSync(OUT, text);
  console.error(`wrote ${OUT.pathname}: ${Object.keys(STRINGS).length} page keys (${euKeys} with EU sources), ${Object.keys(ELEMENTS).length} elements, ${LANGS.length} languages`);
  console.error(`EU texts per language (page keys and elements not from the picture): ${LANGS.filter((l) => l !== 'en').map((l) => `${l} ${counts[l]}`).join(', ')}`);
  for (const [key, langs] of Object.entries(missing)) console.error(`  no EU text for ${key} in: ${langs.join(', ')}`);
  for (const s of skipped) console.error(`  skipped ${s}`);
}
