/**
 * Fixed identifiers of the ELM mapping that are not controlled-vocabulary concepts: the JSON-LD
 * contexts, the EDC validator reference, and the library's own concepts for model facts that ELM
 * has no property or concept for (each documented in docs/elm.md).
 */

/** VC Data Model 1.1 context: ELM credentials use it (the ELM context cannot be combined with v2). */
export const VC_V1_CONTEXT = 'https://www.w3.org/2018/credentials/v1';
/** VC Data Model 2.0 context, used by the EBSI variant (plain JSON, not processed as JSON-LD). */
export const VC_V2_CONTEXT = 'https://www.w3.org/ns/credentials/v2';
/** The ELM application-profile context as EDC serves it. */
export const ELM_CONTEXT = 'http://data.europa.eu/snb/model/context/edc-ap';

/**
 * W3C Bitstring Status List v1.0 terms for VC 1.1 credentials: an ELM credential with a status
 * entry names it after the EDC pair (VC 2.0 defines the terms itself, but cannot carry ELM).
 */
export const STATUS_V1_CONTEXT = 'https://www.w3.org/ns/credentials/status/v1';

/** The EDC SHACL validator a credential declares in `credentialSchema` (EDC shapes: 1..*). */
export const EDC_GENERIC_FULL_SCHEMA = { id: 'http://data.europa.eu/snb/model/ap/edc-generic-full', type: 'ShaclValidator2017' } as const;

/**
 * The library's own concept namespace. A `Note` whose `subject` is one of these concepts carries a
 * model fact that ELM cannot express otherwise; the concept URI holds the value, the note's text
 * says it in words, so EDC viewers show it and `fromElm` reads it back.
 */
export const OWN = 'urn:eu-micro-credentials:';
export const OWN_SCHEME = `${OWN}concept-scheme`;

/** Kinds of facts carried by notes with an own subject concept. */
export const NOTE_KIND = {
  /** M8 QF-EHEA cycle: no ELM property exists. */
  qfEhea: `${OWN}qf-ehea:`,
  /** M8 an NQF level without a concept of the EU qualification-framework scheme. */
  nqf: `${OWN}nqf-level`,
  /** M8 the URI of such an NQF level (the note's text), next to the `nqf` note with its label. */
  nqfUri: `${OWN}nqf-level-uri`,
  /** M10 learning setting `informal`: the EDC vocabulary has only formal and non-formal. */
  setting: `${OWN}learning-setting:`,
  /** M6 learning outcome type `competence`: the EDC skill-type vocabulary has only knowledge and skill. */
  outcomeType: `${OWN}learning-outcome-type:`,
  /**
   * M11 internal quality assurance: the EDC accreditation vocabulary has no such type. A note with
   * exactly this subject is an entry with a title only (as version 0.1 wrote them).
   */
  internalQa: `${OWN}quality-assurance:internal-quality-assurance`,
  /**
   * M11 one internal quality-assurance entry and its details (src/elm/internal-qa.ts):
   * `<prefix><n>` its title, `<prefix><n>:<detail>` a detail (`framework`, `url`, `issued`,
   * `expires`, `agent`, `agent:country`…), `n` its 1-based position in `qualityAssurance`.
   */
  internalQaEntry: `${OWN}quality-assurance:internal-quality-assurance:`,
  /** M11 the framework a quality assurance follows (ESG, EQAVET, ISO 21001, …). */
  qaFramework: `${OWN}quality-assurance-framework`,
  /** O2 the exact Annex I supervision value (EDC has one concept for supervised online and onsite). */
  supervision: `${OWN}supervision:`,
  /** O3 whether the grade is a pass. */
  gradePassed: `${OWN}grade-status:`,
} as const;
