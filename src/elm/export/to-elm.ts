/**
 * Model → ELM v3: an EuropeanDigitalCredential (VC 1.1 context + ELM context) that the EDC SHACL
 * shapes accept, or the EBSI variant (VC 2.0 context). docs/elm.md is the mapping as implemented.
 */
import { ERROR_KIND, MicroCredentialError } from '../../rules/errors.js';
import type { LangString, MicroCredential, Organisation } from '../../model/types.js';
import { formatPath } from '../../rules/issue.js';
import { validate } from '../../rules/validate.js';
import { type ConceptNode, concepts, isEuQualificationFrameworkLevel } from '../concepts.js';
import { base64, renderCredentialSvg } from './display.js';
import { internalQaNotes } from '../internal-qa.js';
import { type ElmIssue, elmIssue } from '../issues.js';
import { EDC_GENERIC_FULL_SCHEMA, ELM_CONTEXT, NOTE_KIND, OWN_SCHEME, VC_V1_CONTEXT, VC_V2_CONTEXT } from '../terms.js';

/**
 * A JSON-LD node of the exported document: any JSON object.
 *
 * @example
 * const subject = toElm(mc).credentialSubject as ElmNode;
 * subject.type; // 'Person'
 */
export type ElmNode = { [key: string]: unknown };

/**
 * An exported ELM credential: a JSON-LD document with its contexts, id and types; the rest is
 * ELM (docs/elm.md maps each element).
 *
 * @example
 * const credential: ElmCredential = toElm(mc);
 * credential.type; // ['VerifiableCredential', 'EuropeanDigitalCredential']
 * const json = JSON.stringify(credential, null, 2); // what EDC and wallets read
 */
export interface ElmCredential extends ElmNode {
  '@context': string[];
  id: string;
  type: string[];
}

/**
 * A picture of the credential for `displayParameter`, instead of the generated SVG.
 *
 * @example
 * const display: DisplayImage = { content: new Uint8Array(await readFile('certificate.png')), contentType: 'image/png' };
 * const credential = toElm(mc, { display });
 */
export interface DisplayImage {
  /** The file's bytes. */
  content: Uint8Array;
  /** Its media type. */
  contentType: 'image/png' | 'image/jpeg' | 'application/pdf' | 'image/svg+xml';
}

/**
 * Options of `toElm()` and `exportToElm()`.
 *
 * @example
 * const options: ToElmOptions = { profile: 'ebsi', id: 'urn:uuid:4f7e8a52-0c1d-4e0b-9a43-7d2f5c1b6e90' };
 * toElm(mc, options).type; // ['VerifiableCredential', 'VerifiableAttestation', 'EuropeanDigitalCredential']
 */
export interface ToElmOptions {
  /** `edc` (default): VC 1.1 + ELM context, for EDC and the SHACL shapes. `ebsi`: VC 2.0 context and `VerifiableAttestation`. */
  profile?: 'edc' | 'ebsi';
  /** The credential `id` when the model has none (default: a new `urn:uuid:`). */
  id?: string;
  /** Images to display, one per language (default: an SVG rendering in the primary language). */
  display?: DisplayImage;
  /**
   * What to do when the EDC shapes need a fact the model lacks (today: the issuer's eIDAS
   * identifier): `error` (default) refuses to export and lists it; `warn` exports a document that
   * the shapes will reject, with a warning.
   */
  incomplete?: 'error' | 'warn';
}

/**
 * The result of `exportToElm()`: the document and its warnings, or the errors.
 *
 * @example
 * const result: ElmExportResult = exportToElm(input);
 * if (result.ok) publish(result.document);
 * else for (const issue of result.issues) console.error(issue.in, issue.path, issue.code);
 */
export type ElmExportResult = { ok: true; document: ElmCredential; issues: ElmIssue[] } | { ok: false; issues: ElmIssue[] };

/**
 * Thrown by `toElm()` when the model cannot be exported; `issues` lists what to supply or fix.
 *
 * @example
 * try {
 *   toElm(mc);
 * } catch (e) {
 *   if (!(e instanceof ElmExportError)) throw e;
 *   e.code; // 'ERR_ELM_EXPORT'
 *   e.issues.map((i) => i.code); // e.g. ['ELM_ISSUER_EIDAS_MISSING']
 * }
 */
export class ElmExportError extends MicroCredentialError {
  /** @internal */
  static override readonly [ERROR_KIND]: string = 'ElmExportError';
  readonly issues: readonly ElmIssue[];
  constructor(issues: readonly ElmIssue[]) {
    const errors = issues.filter((i) => i.severity === 'error');
    // The message says what to do, not only which code: it is often all a caller logs.
    const listed = errors.slice(0, 3).map((i) => `${formatPath(i.path)}: ${i.message} [${i.code}]`);
    super('ERR_ELM_EXPORT', `Cannot export to ELM. ${listed.join(' ')}${errors.length > 3 ? ` (${errors.length - 3} more in \`issues\`.)` : ''}`);
    this.name = 'ElmExportError';
    this.issues = issues;
  }
}

/**
 * Exports a micro-credential to ELM JSON-LD, or throws `ElmExportError` listing what is missing.
 *
 * @example
 * const credential = toElm(mc, { id: 'urn:uuid:…' });
 * // { '@context': [VC 1.1, ELM], type: ['VerifiableCredential', 'EuropeanDigitalCredential'], … }
 */
export function toElm(mc: MicroCredential, options?: ToElmOptions): ElmCredential {
  const result = exportToElm(mc, options);
  if (!result.ok) throw new ElmExportError(result.issues);
  return result.document;
}

/**
 * Exports a micro-credential to ELM JSON-LD; never throws on data. The input is validated first;
 * the issues are the model's warnings and the export's own (paths are model paths).
 *
 * @example
 * // An issuer without an eIDAS identifier: the EDC shapes would reject the document.
 * const refused = exportToElm(mc);
 * // { ok: false, issues: [{ code: 'ELM_ISSUER_EIDAS_MISSING', path: '/issuer/identifiers/eidas', in: 'model', … }] }
 * const draft = exportToElm(mc, { incomplete: 'warn' });
 * if (draft.ok) draft.document; // exported, with the same issue as a warning
 */
export function exportToElm(mc: unknown, options: ToElmOptions = {}): ElmExportResult {
  if (options === null || typeof options !== 'object') throw new TypeError('toElm(): options must be an object');
  const checked = validate(mc);
  if (!checked.ok) {
    return { ok: false, issues: checked.issues.map((i) => ({ ...i, in: 'model' as const })) };
  }
  const issues: ElmIssue[] = checked.issues.map((i) => ({ ...i, in: 'model' as const }));
  issues.push(...organisationConflicts(checked.value), ...nodeKindConflicts(checked.value));
  const exporter = new Exporter(checked.value, options, issues);
  const document = exporter.credential();
  const ok = !issues.some((i) => i.severity === 'error');
  return ok ? { ok, document, issues } : { ok: false, issues };
}

/** A copy with every one-element array (outside `@context`) replaced by its element. */
function singleValues(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => singleValues(v));
    return items.length === 1 && key !== '@context' ? items[0] : items;
  }
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = singleValues(v, k);
  return out;
}

/**
 * Organisations with the same `id` are one node in JSON-LD: their properties merge. Two that
 * disagree (another legal name in the same language, another country) would make one organisation
 * with two names or two countries, which the EDC shapes reject and which is wrong anyway.
 */
function organisationConflicts(mc: MicroCredential): ElmIssue[] {
  const primary = mc.primaryLanguage ?? 'en';
  const places: [Organisation, (string | number)[]][] = [
    [mc.issuer, ['issuer']],
    ...mc.awardingBodies.map((b, i): [Organisation, (string | number)[]] => [b, ['awardingBodies', i]]),
    ...(mc.participation.provider ? [[mc.participation.provider, ['participation', 'provider']] as [Organisation, (string | number)[]]] : []),
    ...mc.qualityAssurance.flatMap((q, i): [Organisation, (string | number)[]][] => (q.agent ? [[q.agent, ['qualityAssurance', i, 'agent']]] : [])),
  ];
  const seen = new Map<string, [Organisation, (string | number)[]]>();
  const out: ElmIssue[] = [];
  const norm = (v: unknown) => JSON.stringify(typeof v === 'string' ? { [primary]: v } : v, (_, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.entries(x).sort(([a], [b]) => a.localeCompare(b))) : x));
  for (const [org, path] of places) {
    const first = seen.get(org.id);
    if (!first) {
      seen.set(org.id, [org, path]);
      continue;
    }
    for (const key of Object.keys(org) as (keyof Organisation)[]) {
      if (key === 'id' || first[0][key] === undefined) continue;
      const a = first[0][key];
      const b = org[key];
      const differs =
        key === 'identifiers'
          ? (['eidas', 'vat', 'registration', 'other'] as const).some((k) => org.identifiers?.[k] !== undefined && first[0].identifiers?.[k] !== undefined && norm(org.identifiers[k]) !== norm(first[0].identifiers[k]))
          : key === 'legalName'
          ? Object.entries(JSON.parse(norm(b)) as Record<string, string>).some(([lang, text]) => {
              const other = (JSON.parse(norm(a)) as Record<string, string>)[lang];
              return other !== undefined && other !== text;
            })
          : norm(a) !== norm(b);
      if (differs) {
        out.push(
          elmIssue('ELM_ORGANISATION_CONFLICT', 'error', [...path, key], `\`${path.join('.')}\` has the id of \`${first[1].join('.')}\` but another \`${key}\`: in ELM an id names one organisation, so both would merge into one with two values. Use the same details, or different ids.`),
        );
      }
    }
  }
  return out;
}

/**
 * One id, two kinds of node: an organisation's id used as a custom assessment type, an EU NQF level,
 * a target qualification or the learner's id. JSON-LD makes them one node (an organisation that is
 * also a concept), which no verifier reads as meant and which signing refuses. Reported as an error.
 */
function nodeKindConflicts(mc: MicroCredential): ElmIssue[] {
  const organisations: [string, (string | number)[]][] = [
    [mc.issuer.id, ['issuer', 'id']],
    ...mc.awardingBodies.map((b, i): [string, (string | number)[]] => [b.id, ['awardingBodies', i, 'id']]),
    ...(mc.participation.provider ? [[mc.participation.provider.id, ['participation', 'provider', 'id']] as [string, (string | number)[]]] : []),
    ...mc.qualityAssurance.flatMap((q, i): [string, (string | number)[]][] => (q.agent ? [[q.agent.id, ['qualityAssurance', i, 'agent', 'id']]] : [])),
  ];
  const others: [string, (string | number)[], string][] = [
    ...(mc.learner.id !== undefined ? [[mc.learner.id, ['learner', 'id'], 'the learner'] as [string, (string | number)[], string]] : []),
    ...(typeof mc.assessment.type === 'object' ? [[mc.assessment.type.uri, ['assessment', 'type', 'uri'], 'the assessment type'] as [string, (string | number)[], string]] : []),
    ...(mc.level?.nqf?.uri !== undefined && isEuQualificationFrameworkLevel(mc.level.nqf.uri) ? [[mc.level.nqf.uri, ['level', 'nqf', 'uri'], 'the NQF level'] as [string, (string | number)[], string]] : []),
    ...(mc.stackability?.kind === 'stackable' ? mc.stackability.towards.flatMap((t, i): [string, (string | number)[], string][] => (t.id !== undefined ? [[t.id, ['stackability', 'towards', i, 'id'], 'a qualification it stacks towards']] : [])) : []),
  ];
  const seen = new Map<string, [(string | number)[], string]>(organisations.map(([id, path]) => [id, [path, 'an organisation']]));
  const out: ElmIssue[] = [];
  for (const [id, path, what] of others) {
    const first = seen.get(id);
    if (first && first[1] !== what) {
      out.push(elmIssue('ELM_NODE_CONFLICT', 'error', path, `\`${path.join('.')}\` (${what}) has the id of \`${first[0].join('.')}\` (${first[1]}): in ELM an id names one node, so they would merge into one thing that is both. Give them different ids.`));
    } else if (!first) seen.set(id, [path, what]);
  }
  return out;
}

/**
 * What the eIDAS identifier is, where it comes from, an example, and how to export without it
 * (EDC shapes: the issuer's `eIDASIdentifier` 1..1; the EU's sealed sample has `VATES-A00000000`,
 * the `organizationIdentifier` of its seal certificate, ETSI EN 319 412-1 clause 5.1.4).
 */
const EIDAS_MISSING =
  "Add `issuer.identifiers.eidas`: the EDC shapes require the issuer's eIDAS identifier (`eIDASIdentifier`). It is the issuer's legal-person identifier " +
  'under the eIDAS Regulation (EU) No 910/2014, as written in the `organizationIdentifier` of its qualified electronic-seal certificate: three letters ' +
  'for the register (VAT, NTR for a national trade register, LEI…), the two-letter country, a hyphen and the number in that register, e.g. ' +
  '"VATES-A00000000" (the EU\'s sealed sample) or "NTRFR-12345678900011". Take it from the e-seal certificate EDC will seal with (EDC\'s sealing ' +
  'writes it from there) or from the national register it cites. Example: `issuer: { …, identifiers: { eidas: "VATES-A00000000" } }`. To export ' +
  'without it, a draft that the EDC shapes reject until EDC seals it: `exportToElm(mc, { incomplete: "warn" })` or `toElm(mc, { incomplete: "warn" })` ' +
  '(CLI: `eumc convert --to elm --incomplete warn`).';

class Exporter {
  private readonly primary: string;
  private readonly ebsi: boolean;
  private readonly warnedTags = new Set<string>();

  constructor(
    private readonly mc: MicroCredential,
    private readonly options: ToElmOptions,
    private readonly issues: ElmIssue[],
  ) {
    this.primary = mc.primaryLanguage ?? 'en';
    this.ebsi = options.profile === 'ebsi';
  }

  credential(): ElmCredential {
    const { mc } = this;
    const ebsi = this.options.profile === 'ebsi';
    const validUntil = mc.furtherInformation?.validUntil;
    const doc: ElmCredential = {
      '@context': ebsi ? [VC_V2_CONTEXT, ELM_CONTEXT] : [VC_V1_CONTEXT, ELM_CONTEXT],
      id: mc.id ?? this.options.id ?? `urn:uuid:${randomUuid()}`,
      type: ebsi ? ['VerifiableCredential', 'VerifiableAttestation', 'EuropeanDigitalCredential'] : ['VerifiableCredential', 'EuropeanDigitalCredential'],
      credentialProfiles: [concepts.genericProfile()],
      credentialSchema: [{ ...EDC_GENERIC_FULL_SCHEMA }],
      displayParameter: this.displayParameter(),
      issuer: this.organisation(mc.issuer, ['issuer'], true),
      ...(ebsi ? {} : { issuanceDate: mc.dateOfIssue, issued: mc.dateOfIssue }),
      validFrom: mc.dateOfIssue,
      ...(validUntil ? (ebsi ? { validUntil } : { validUntil, expirationDate: validUntil }) : {}),
      credentialSubject: this.person(),
    };
    if (ebsi) doc.issued = mc.dateOfIssue; // EBSI's schema requires `issued` next to `validFrom`
    // The EDC profile is written in the one JSON form JSON-LD compaction gives it (a single value
    // as itself, not in an array: the ELM context defines no sets), the form EDC itself writes and
    // the only one a verifier of this library accepts as signed. EBSI's JSON Schema wants arrays.
    return ebsi ? doc : (singleValues(doc) as ElmCredential);
  }

  // ---- values ----------------------------------------------------------------------------

  /**
   * A LangString as a JSON-LD language map; a plain string is in the primary language. EBSI's
   * schema takes only two-letter keys: the EBSI profile shortens `pt-BR` to `pt` (the first text
   * of a language wins).
   */
  private lang(value: LangString, path: (string | number)[]): Record<string, string> {
    const source = typeof value === 'string' ? { [this.primary]: value } : value;
    const map: Record<string, string> = {};
    for (const [tag, text] of Object.entries(source)) {
      const twoLetter = /^[a-z]{2}$/i.test(tag);
      if (!twoLetter && !this.warnedTags.has(tag)) {
        this.warnedTags.add(tag);
        const short = tag.slice(0, 2).toLowerCase();
        this.issues.push(
          elmIssue(
            'ELM_LANGUAGE_TAG_NOT_TWO_LETTER',
            'warning',
            path,
            this.ebsi
              ? `The language tag "${tag}" is written "${short}": EBSI's schema takes two-letter tags only.`
              : `The language tag "${tag}" is exported as it is; EDC and EBSI expect two-letter tags ("${short}"), so some of their tools may not show this text.`,
          ),
        );
      }
      const key = this.ebsi && !twoLetter ? tag.slice(0, 2).toLowerCase() : tag;
      if (!Object.hasOwn(map, key)) map[key] = text;
    }
    return map;
  }

  private note(value: LangString, path: (string | number)[], subject?: ConceptNode): ElmNode {
    return { type: 'Note', noteLiteral: this.lang(value, path), ...(subject ? { subject } : {}) };
  }

  /** A note carrying a model fact ELM has no place for; the subject concept holds the value. */
  private ownNote(subjectId: string, label: string, text: LangString = label): ElmNode {
    const subject: ConceptNode = { id: subjectId, type: 'Concept', inScheme: { id: OWN_SCHEME, type: 'ConceptScheme' }, prefLabel: { en: label } };
    return { type: 'Note', noteLiteral: typeof text === 'string' ? { en: text } : { ...text }, subject };
  }

  private webResource(url: string, title?: LangString, path: (string | number)[] = []): ElmNode {
    return { type: 'WebResource', contentURL: url, ...(title ? { title: this.lang(title, path) } : {}) };
  }

  // ---- nodes -----------------------------------------------------------------------------

  /**
   * An organisation is written in full wherever it occurs (as EDC does). Its parts get identifiers
   * derived from the organisation's `id`, so that the occurrences are one node in RDF: blank nodes
   * would make the issuer that is also an awarding body hold two eIDAS identifiers (shapes: 0..1).
   */
  private organisation(org: Organisation, path: (string | number)[], isIssuer = false): ElmNode {
    const country = concepts.country(org.country);
    const part = (role: string) => nodeId(org.id, role);
    const legal = (role: string, notation: string): ElmNode => ({ id: part(role), type: 'LegalIdentifier', notation, spatial: country });
    const node: ElmNode = {
      id: org.id,
      type: 'Organisation',
      legalName: this.lang(org.legalName, [...path, 'legalName']),
      location: [
        {
          id: part('location'),
          type: 'Location',
          address: [{ id: part('address'), type: 'Address', countryCode: country, ...(org.address ? { fullAddress: { id: part('full-address'), ...this.note(org.address, [...path, 'address']) } } : {}) }],
          ...(org.region ? this.region(org.region) : {}),
        },
      ],
    };
    const ids = org.identifiers;
    if (ids?.eidas) node.eIDASIdentifier = legal('eidas', ids.eidas);
    else if (isIssuer) {
      // EDC shapes: the issuer needs an eIDAS legal identifier (the EDC sealing step adds it).
      const severity = this.options.incomplete === 'warn' ? 'warning' : 'error';
      this.issues.push(elmIssue('ELM_ISSUER_EIDAS_MISSING', severity, [...path, 'identifiers', 'eidas'], EIDAS_MISSING));
    }
    if (ids?.vat) node.vatIdentifier = [legal('vat', ids.vat)];
    if (ids?.registration) node.registration = legal('registration', ids.registration);
    if (ids?.other?.length) node.identifier = ids.other.map((o, i) => ({ id: part(`identifier-${i}`), type: 'Identifier', schemeName: o.scheme, notation: o.value }));
    if (org.homepage) node.homepage = [{ id: part('homepage'), ...this.webResource(org.homepage) }];
    if (org.email) node.contactPoint = [{ id: part('contact-point'), type: 'ContactPoint', emailAddress: [{ id: `mailto:${org.email}`, type: 'Mailbox' }] }];
    return node;
  }

  /** EBSI's schema types `geographicName` as an address, so the EBSI profile names the region in a `spatialCode` label. */
  private region(region: string): ElmNode {
    const names = this.lang(region, []);
    return this.ebsi ? { spatialCode: [{ type: 'Concept', prefLabel: names }] } : { geographicName: names };
  }

  private person(): ElmNode {
    const l = this.mc.learner;
    const name = (value: string) => this.lang(value, ['learner']);
    const node: ElmNode = { ...(l.id ? { id: l.id } : {}), type: 'Person' };
    if (l.fullName) node.fullName = name(l.fullName);
    if (l.givenName) node.givenName = name(l.givenName);
    if (l.familyName) node.familyName = name(l.familyName);
    if (l.dateOfBirth) node.dateOfBirth = `${l.dateOfBirth}T00:00:00Z`;
    if (l.nationalId) node.nationalID = { type: 'LegalIdentifier', notation: l.nationalId.value, spatial: concepts.country(l.nationalId.country) };
    if (l.email) node.contactPoint = [{ type: 'ContactPoint', emailAddress: [{ id: `mailto:${l.email}`, type: 'Mailbox' }] }];
    if (l.identifiers?.length) node.identifier = l.identifiers.map((i) => ({ type: 'Identifier', schemeName: i.scheme, notation: i.value }));
    node.hasClaim = [this.achievement()];
    return node;
  }

  private awardingProcess(): ElmNode {
    return {
      type: 'AwardingProcess',
      awardingBody: this.mc.awardingBodies.map((b, i) => this.organisation(b, ['awardingBodies', i])),
      awardingDate: this.mc.dateOfIssue,
    };
  }

  private achievement(): ElmNode {
    const { mc } = this;
    const node: ElmNode = {
      type: 'LearningAchievement',
      title: this.lang(mc.title, ['title']),
      awardedBy: this.awardingProcess(),
      specifiedBy: this.qualification(),
    };
    const notes: ElmNode[] = [];
    if (mc.furtherInformation?.note) notes.push(this.note(mc.furtherInformation.note, ['furtherInformation', 'note']));
    const assessment = this.learningAssessment(notes);
    if (assessment) node.provenBy = [assessment];
    const p = mc.participation;
    if (p.startDate || p.endDate || p.provider) {
      node.influencedBy = [
        {
          type: 'LearningActivity',
          title: this.lang(mc.title, ['title']),
          awardedBy: this.awardingProcess(),
          ...(p.startDate || p.endDate ? { temporal: [{ type: 'PeriodOfTime', ...(p.startDate ? { startDate: p.startDate } : {}), ...(p.endDate ? { endDate: p.endDate } : {}) }] } : {}),
          ...(p.provider ? { directedBy: [this.organisation(p.provider, ['participation', 'provider'])] } : {}),
        },
      ];
    }
    if (notes.length) node.additionalNote = notes;
    return node;
  }

  /** O2 and O3: a LearningAssessment needs a grade (EDC shapes: 1..1), so one is emitted only with a grade. */
  private learningAssessment(achievementNotes: ElmNode[]): ElmNode | undefined {
    const { mc } = this;
    const supervision = mc.supervision;
    const supervisionNote = supervision
      ? this.ownNote(`${NOTE_KIND.supervision}${supervision}`, `Supervision and identity verification during assessment: ${supervision.replaceAll('-', ' ')}`)
      : undefined;
    if (mc.grade === undefined) {
      if (supervisionNote) achievementNotes.push(supervisionNote);
      return undefined;
    }
    const grade = typeof mc.grade === 'string' ? { value: mc.grade } : mc.grade;
    const node: ElmNode = {
      type: 'LearningAssessment',
      title: this.assessmentTitle(),
      grade: this.note(grade.value, ['grade', 'value']),
      awardedBy: this.awardingProcess(),
    };
    const notes: ElmNode[] = [];
    if (supervision) {
      node.idVerification = concepts.supervision(supervision);
      notes.push(supervisionNote!);
    }
    if (grade.passed !== undefined) notes.push(this.ownNote(`${NOTE_KIND.gradePassed}${grade.passed ? 'passed' : 'not-passed'}`, grade.passed ? 'Passed' : 'Not passed'));
    if (grade.scheme) {
      node.specifiedBy = { type: 'LearningAssessmentSpecification', title: this.assessmentTitle(), gradingScheme: { type: 'GradingScheme', title: this.lang(grade.scheme, ['grade', 'scheme']) } };
    }
    if (notes.length) node.additionalNote = notes;
    return node;
  }

  private assessmentTitle(): Record<string, string> {
    const type = this.mc.assessment.type;
    return typeof type === 'string' ? { en: concepts.assessmentType(type).prefLabel?.en ?? type } : this.lang(type.label, ['assessment', 'type', 'label']);
  }

  private qualification(): ElmNode {
    const { mc } = this;
    const q: ElmNode = { type: 'Qualification', title: this.lang(mc.title, ['title']) };
    const notes: ElmNode[] = [];

    q.learningOutcome = mc.learningOutcomes.map((o, i) => {
      const path = ['learningOutcomes', i];
      const node: ElmNode = { type: 'LearningOutcome', title: this.lang(o.title, [...path, 'title']) };
      const outcomeNotes: ElmNode[] = [];
      if (o.type) {
        const skillType = concepts.skillType(o.type);
        if (skillType) node.dcType = skillType;
        else outcomeNotes.push(this.ownNote(`${NOTE_KIND.outcomeType}${o.type}`, `Type of learning outcome: ${o.type}`));
      }
      if (o.description) outcomeNotes.push(this.note(o.description, [...path, 'description']));
      if (o.escoSkills?.length) node.relatedESCOSkill = o.escoSkills.map((uri) => concepts.escoSkill(uri));
      if (o.relatedSkills?.length) node.relatedSkill = o.relatedSkills.map((uri): ConceptNode => ({ id: uri, type: 'Concept' }));
      if (o.reusability) node.reusabilityLevel = concepts.reuse(o.reusability);
      if (outcomeNotes.length) node.additionalNote = outcomeNotes;
      return node;
    });

    const w = mc.workload;
    const credits: ElmNode[] = [];
    if (w.ects !== undefined) credits.push({ type: 'CreditPoint', framework: concepts.credit('ECTS'), point: decimal(w.ects) });
    if (w.credits) {
      const framework: ConceptNode = w.credits.system === 'ECVET' ? concepts.credit('ECVET') : { id: w.credits.system, type: 'Concept' };
      credits.push({ type: 'CreditPoint', framework, point: decimal(w.credits.value) });
    }
    if (credits.length) q.creditPoint = credits;
    if (w.hours !== undefined) q.volumeOfLearning = hoursDuration(w.hours);

    const level = mc.level;
    if (level?.eqf !== undefined) q.eqfLevel = concepts.eqf(level.eqf);
    if (level?.nqf) {
      if (level.nqf.uri && isEuQualificationFrameworkLevel(level.nqf.uri)) {
        q.nqfLevel = [concepts.nqf(level.nqf.uri, this.lang(level.nqf.label, ['level', 'nqf', 'label']))];
      } else {
        // EDC shapes: NQF levels must be concepts of the EU qualification-framework scheme.
        notes.push(this.ownNote(NOTE_KIND.nqf, 'National Qualifications Framework level', this.lang(level.nqf.label, ['level', 'nqf', 'label'])));
        if (level.nqf.uri) {
          notes.push(this.ownNote(NOTE_KIND.nqfUri, 'National Qualifications Framework level: URI', this.lang(level.nqf.uri, ['level', 'nqf', 'uri'])));
          this.issues.push(elmIssue('ELM_NQF_URI_DROPPED', 'warning', ['level', 'nqf', 'uri'], 'ELM takes NQF levels only as concepts of the EU qualification-framework scheme (http://data.europa.eu/snb/qdr/…): the level is not an ELM `nqfLevel` but two notes, its label and this URI, which EDC shows as notes.'));
        }
      }
    }
    if (level?.qfEhea) notes.push(this.ownNote(`${NOTE_KIND.qfEhea}${level.qfEhea}`, `QF-EHEA ${level.qfEhea.replace('-', ' ')}`));

    const a = mc.assessment;
    const assessmentType: ConceptNode =
      typeof a.type === 'string' ? concepts.assessmentType(a.type) : { id: a.type.uri, type: 'Concept', prefLabel: this.lang(a.type.label, ['assessment', 'type', 'label']) };
    q.provenBy = [
      {
        type: 'LearningAssessmentSpecification',
        title: this.assessmentTitle(),
        dcType: assessmentType,
        ...(a.mode ? { mode: [concepts.mode(a.mode)] } : {}),
        ...(a.description ? { description: this.lang(a.description, ['assessment', 'description']) } : {}),
      },
    ];

    const p = mc.participation;
    q.mode = [concepts.mode(p.mode)];
    if (p.setting) {
      const setting = concepts.setting(p.setting);
      if (setting) q.learningSetting = setting;
      else notes.push(this.ownNote(`${NOTE_KIND.setting}${p.setting}`, `${p.setting} learning`));
    }

    const accreditations = this.qualityAssurance(notes);
    if (accreditations.length) q.accreditation = accreditations;

    if (mc.prerequisites) q.entryRequirement = this.note(mc.prerequisites, ['prerequisites']);
    if (mc.stackability) {
      q.isPartialQualification = mc.stackability.kind === 'stackable';
      if (mc.stackability.kind === 'stackable') {
        q.isPartOf = mc.stackability.towards.map((t, i) => ({
          ...(t.id ? { id: t.id } : {}),
          type: 'Qualification',
          title: this.lang(t.title, ['stackability', 'towards', i, 'title']),
          ...(t.url ? { homepage: [this.webResource(t.url)] } : {}),
        }));
      }
    }
    const links = mc.furtherInformation?.links;
    if (links?.length) q.supplementaryDocument = links.map((l, i) => this.webResource(l.url, l.title, ['furtherInformation', 'links', i, 'title']));
    if (notes.length) q.additionalNote = notes;
    return q;
  }

  /**
   * M11: an accreditation per external entry; an internal entry (no EDC accreditation type exists
   * for it) becomes notes on the qualification, one per detail (src/elm/internal-qa.ts).
   */
  private qualityAssurance(notes: ElmNode[]): ElmNode[] {
    const { mc } = this;
    const internalCount = mc.qualityAssurance.filter((qa) => !concepts.accreditation(qa.type)).length;
    let ordinal = 0;
    const accreditations: ElmNode[] = [];
    mc.qualityAssurance.forEach((qa, i) => {
      const path = ['qualityAssurance', i];
      const type = concepts.accreditation(qa.type);
      if (!type) {
        ordinal += 1;
        notes.push(...internalQaNotes(qa, i + 1, internalCount > 1 ? ordinal : undefined, (v, p) => this.lang(v, p), path));
        return;
      }
      const node: ElmNode = {
        type: 'Accreditation',
        dcType: type,
        title: this.lang(qa.title, [...path, 'title']),
        accreditingAgent: this.organisation(qa.agent ?? mc.issuer, qa.agent ? [...path, 'agent'] : ['issuer']),
      };
      if (qa.url) node.homepage = [this.webResource(qa.url)];
      if (qa.issued) node.dateIssued = qa.issued;
      if (qa.expires) node.expiryDate = qa.expires;
      if (qa.framework) node.additionalNote = [this.ownNote(NOTE_KIND.qaFramework, 'Quality assurance framework', qa.framework)];
      accreditations.push(node);
    });
    return accreditations;
  }

  private displayParameter(): ElmNode {
    const { mc } = this;
    const title = this.lang(mc.title, ['title']);
    const languages: ConceptNode[] = [];
    for (const tag of new Set([this.primary, ...Object.keys(title)])) {
      const c = concepts.language(tag);
      if (c && !languages.some((l) => l.id === c.id)) languages.push(c);
    }
    const primary = concepts.language(this.primary);
    if (!primary) {
      this.issues.push(elmIssue('ELM_LANGUAGE_UNKNOWN', 'error', ['primaryLanguage'], `The primary language "${this.primary}" has no concept in the EU language table; use an ISO 639-1 language such as "en".`));
    }
    const image = this.options.display ?? { content: new TextEncoder().encode(renderCredentialSvg(mc, this.primary)), contentType: 'image/svg+xml' as const };
    return {
      type: 'DisplayParameter',
      title,
      language: languages,
      ...(primary ? { primaryLanguage: primary } : {}),
      individualDisplay: [
        {
          type: 'IndividualDisplay',
          ...(primary ? { language: primary } : {}),
          displayDetail: [
            {
              type: 'DisplayDetail',
              page: 1,
              image: { type: 'MediaObject', content: base64(image.content), contentType: concepts.fileType(image.contentType), contentEncoding: concepts.base64() },
            },
          ],
        },
      ],
    };
  }
}

/**
 * A stable identifier for a part of an organisation: `urn:eu-micro-credentials:node:<hash>-<role>`,
 * with a 64-bit FNV-1a hash of the organisation's `id`.
 */
function nodeId(orgId: string, role: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(orgId)) h = BigInt.asUintN(64, (h ^ BigInt(byte)) * 0x100000001b3n);
  return `urn:eu-micro-credentials:node:${h.toString(16).padStart(16, '0')}-${role}`;
}

/** A random v4 UUID from the platform's Web Crypto (Node ≥ 19 and every browser have it). */
function randomUuid(): string {
  return globalThis.crypto.randomUUID();
}

/**
 * Hours as an xsd:duration. Only the seconds of a duration may have a fraction (XML Schema 1.1
 * Part 2, 3.3.6), so 187.5 hours is `PT187H30M`, not `PT187.5H`.
 */
export function hoursDuration(hours: number): string {
  const whole = Math.floor(hours);
  const restSeconds = Math.round((hours - whole) * 3600 * 1e6) / 1e6;
  const minutes = Math.floor(restSeconds / 60);
  const seconds = Math.round((restSeconds - minutes * 60) * 1e6) / 1e6;
  return `PT${whole > 0 || (minutes === 0 && seconds === 0) ? `${decimal(whole)}H` : ''}${minutes > 0 ? `${minutes}M` : ''}${seconds > 0 ? `${decimal(seconds)}S` : ''}`;
}

/** A number in plain decimal notation (xsd:duration and xsd:decimal have no exponents). */
function decimal(n: number): string {
  const text = String(n);
  return /e/i.test(text) ? n.toFixed(20).replace(/0+$/, '').replace(/\.$/, '') : text;
}
