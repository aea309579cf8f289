/**
 * The types of an ELM export (src/elm/export/to-elm.ts re-exports them): the exported document and
 * its nodes, and the options of `toElm()` and `exportToElm()`.
 */
import type { CredentialStatusEntry } from '../../status/entry.js';
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
 * Pictures of the credential by language tag, for `displayParameter`: one image, or the pages of one
 * picture in order. Each becomes an `individualDisplay` in that language (keys need a concept in the
 * EU language table: `en`, `de`, `pt-BR`…).
 *
 * @example
 * import { credentialLanguages, renderJpeg } from 'eu-micro-credentials/render';
 * const display: DisplayImages = {};
 * for (const lang of credentialLanguages(mc)) display[lang] = { content: await renderJpeg(mc, { lang }), contentType: 'image/jpeg' };
 * const credential = toElm(mc, { display }); // one JPEG page per language, as EDC makes them
 */
export type DisplayImages = { [lang: string]: DisplayImage | readonly DisplayImage[] };

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
  /**
   * The pictures of the credential EDC shows (default: an SVG page in each language the credential
   * carries, `renderSvg`): one image for the primary language, or images by language tag
   * (`DisplayImages`). A malformed one is a `TypeError` naming its member.
   */
  display?: DisplayImage | DisplayImages;
  /**
   * What to do when the EDC shapes need a fact the model lacks (today: the issuer's eIDAS
   * identifier): `error` (default) refuses to export and lists it; `warn` exports a document that
   * the shapes will reject, with a warning.
   */
  incomplete?: 'error' | 'warn';
  /**
   * The credential's status entry (`StatusList.entry(i)`), checked by `readStatusEntries`: written
   * as `credentialStatus`, typed `["CredentialStatus", "BitstringStatusListEntry"]` with an `id`,
   * and the status/v1 context after the EDC pair, so that the EDC shapes pass and the credential
   * signs and verifies. One entry (or an array of one): the EDC shapes take at most one. A
   * `TypeError` names the member of a malformed entry, and refuses an entry with profile `ebsi`
   * (EBSI's schema allows no Bitstring entry).
   */
  credentialStatus?: CredentialStatusEntry | readonly CredentialStatusEntry[];
}

export type { CredentialStatusEntry };
