/**
 * What the verifier page knows about one checked file: the contract between the page's checking
 * code (web/src/inspect/, runs in Node and in browsers, no DOM) and its views (web/src/ui/).
 * Everything here is plain JSON data: the page's JSON report is this object.
 */
import type { ElementId, MicroCredential } from 'eu-micro-credentials';

/** What the file was, as read. */
export type InputKind =
  | 'model' // the library's model JSON (unsigned)
  | 'elm' // an ELM credential without proof or seal
  | 'signed-vc' // a W3C VC with an embedded proof (ELM or Open Badges 3.0)
  | 'sealed' // an EDC JAdES-sealed envelope (JWS compact or JSON)
  | 'ob3' // an Open Badges 3.0 credential without proof
  | 'ob3-jwt' // an Open Badges 3.0 VC-JWT (its JWS verified as a proof is)
  | 'sd-jwt-vc' // an SD-JWT VC (compact, `~`-separated)
  | 'unknown';

/** How the credential was carried in the file. */
export type Container = 'json' | 'text' | 'png' | 'svg' | 'pdf';

/** One file the user gave (dropped, picked or pasted). Pasted text is its UTF-8 bytes with name `pasted text`. */
export interface InspectInput {
  name: string;
  bytes: Uint8Array;
}

/** What the user loaded to judge signers and revocation (web/src/inspect/trust.ts reads the files). */
export interface Trust {
  /** X.509 certificates (PEM text) a seal's (or an SD-JWT VC `x5c`) chain must reach. */
  trustAnchors: { name: string; pem: string }[];
  /** DID documents / controller documents for issuers the library cannot resolve offline (did:web). */
  controllers: { name: string; document: Record<string, unknown> }[];
  /** SD-JWT VC issuer public keys (JWK). */
  issuerKeys: { name: string; jwk: Record<string, unknown> }[];
  /** Published status lists as text (a BitstringStatusListCredential JSON, or a Status List Token JWT). */
  statusLists: { name: string; text: string }[];
}

export const EMPTY_TRUST: Trust = Object.freeze({ trustAnchors: [], controllers: [], issuerKeys: [], statusLists: [] }) as Trust;

/**
 * The headline. `genuine`: every proof or seal verified and the signer is established (a DID the
 * library resolved offline or from a loaded document, a seal chaining to a loaded trust anchor, an
 * SD-JWT VC key from a loaded key or anchor). `unconfirmed`: the signature is intact but who made it
 * is not established (no trust anchor / document / key loaded for it): never shown as genuine.
 * `not-genuine`: a proof, seal or signature failed, or the file says something other than what was
 * signed. `not-signed`: nothing to verify. `unreadable`: not a credential the page knows.
 */
export type VerdictState = 'genuine' | 'unconfirmed' | 'not-genuine' | 'not-signed' | 'unreadable';

/** One reason of a verdict, in plain English words (`code` is the library's issue code). */
export interface Reason {
  code: string;
  text: string;
  path?: string;
}

export type Signer =
  | { kind: 'did'; id: string }
  | { kind: 'certificate'; subject: string; issuer: string; serialNumber?: string; notBefore?: string; notAfter?: string; anchor?: string }
  | { kind: 'key'; thumbprint: string; issuer?: string; by: string };

export interface Verdict {
  state: VerdictState;
  /** `proof` (W3C Data Integrity), `seal` (EDC JAdES), `sd-jwt` (issuer-signed JWT), or null (nothing signed). */
  mechanism: 'proof' | 'seal' | 'sd-jwt' | null;
  signer?: Signer;
  /** When signed (proof `created`, seal signing time, SD-JWT `iat`). */
  signedAt?: string;
  reasons: Reason[];
}

/** The credential's validity period, judged at `checkedAt`. */
export interface Validity {
  validFrom?: string;
  validUntil?: string;
  state: 'valid' | 'not-yet-valid' | 'expired' | 'no-period';
}

/** Revocation/suspension: `not-checked` when the credential has status entries but no list was loaded. */
export interface Revocation {
  state: 'no-status' | 'not-checked' | 'valid' | 'revoked' | 'suspended' | 'unknown';
  entries: { purpose: string; state: string; list?: string; index?: number; message?: string }[];
}

/** One finding, from any check (validation, ELM shapes, Open Badges, SD-JWT VC, signature, status). */
export interface PageIssue {
  code: string;
  severity: 'error' | 'warning' | 'info';
  /** JSON Pointer in the document it was found in ('' = the whole document). */
  path: string;
  element: ElementId | null;
  message: string;
  /** Which check said it. */
  source: 'model' | 'elm' | 'ob3' | 'sd-jwt-vc' | 'signature' | 'status' | 'input';
}

/** One Annex I element in the table. */
export interface ElementRow {
  id: ElementId;
  /** 'M' mandatory (Annex I part 1, 1–11) or 'O' optional (part 2, 1–5). */
  mandatory: boolean;
  /** The model's field (`learner`, `title`, …). */
  field: string;
  /** The element's name as the Recommendation's Annex I gives it, in English. */
  name: string;
  /** Readable lines of the value in the chosen language (empty when missing). */
  lines: string[];
  present: boolean;
  issueCount: number;
}

/** SD-JWT VC: which claims the holder disclosed. */
export interface Disclosure {
  /** JSON Pointers of the claims that came from a disclosure, with their values as text. */
  disclosed: { pointer: string; value: string }[];
  /** Selectively disclosable claims of the EU micro-credential rulebook that were not disclosed (empty when no digest is hidden: nothing was withheld). */
  undisclosed: string[];
  /** How many digests had no disclosure (withheld claims and decoys). */
  hiddenDigests: number;
  /** Claims always visible (not selectively disclosable). */
  alwaysVisible: string[];
}

/** One picture the issuer put in an ELM credential (`displayParameter.individualDisplay[].displayDetail[].image`). */
export interface DisplayImage {
  /** The display's language (a BCP 47 tag), or null when it names none the page knows. */
  lang: string | null;
  /** Only JPEG and PNG, checked by their magic numbers (never SVG). */
  mediaType: 'image/jpeg' | 'image/png';
  /** The display's page (1 when not given). */
  page: number;
  /** The image's bytes in base64, as the credential carries them (whitespace removed). */
  base64: string;
}

/** The whole check of one file. */
export interface InspectReport {
  /** `eu-micro-credentials verifier page report` version 1. */
  format: 'eumc-verifier-report/1';
  file: { name: string; size: number; sha256: string };
  kind: InputKind;
  container: Container;
  /** A wrapper the credential was carried in (EDC upload, DC4EU): its JSON Pointer. */
  wrapper?: string;
  /** A PDF: the name of the attached file that was checked (the PDF's pages are not checked). */
  attachment?: string;
  checkedAt: string;
  verdict: Verdict;
  validity: Validity;
  revocation: Revocation;
  /**
   * The credential as the model, read from what was verified (the sealed payload, the signed
   * credential, the disclosed claims); absent when nothing could be read.
   */
  model?: MicroCredential;
  /** The model is only a partial reading (fromElm/fromOpenBadge/claims left fields out). */
  partial: boolean;
  /** The languages the credential carries (first: its primary language). */
  languages: string[];
  elements: ElementRow[];
  issues: PageIssue[];
  sdJwt?: Disclosure;
  /**
   * The credential exactly as verified (its text and media type: the signed or sealed file, the
   * SD-JWT, the baked badge's credential), for a PDF export to attach; only when the verdict is
   * `genuine` or `unconfirmed`. Left out of the JSON report (`reportJson`).
   */
  credential?: { text: string; mediaType: string };
  /**
   * The issuer's own pictures of the credential (ELM display images), read only from what was
   * verified (the signed credential, the sealed payload; an unsigned file's own document), at most
   * 32, JPEG or PNG only. Left out of the JSON report (`reportJson`): they are large.
   */
  displayImages?: DisplayImage[];
}
