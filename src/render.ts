/**
 * eu-micro-credentials/render: pictures of a micro-credential for people. One page per language,
 * labelled with the EU's own translations (the EDC viewer's strings and the ELM ontology's labels),
 * dates and numbers formatted by `Intl`, laid out so that no text is lost, drawn as SVG, PNG, JPEG
 * (resvg, in Node and browsers) and PDF (pdf-lib: A4, selectable text in the embedded Noto Sans, a QR
 * code for the verification URL, the credential itself attached). Rendering shows what a credential
 * says; it does not verify it.
 * @module eu-micro-credentials/render
 */
export { PAGE_WIDTH, PAGE_HEIGHT } from './render/page.js';
export type { Page, PageItem, TextItem, RectItem, QrItem, ImageItem, FontWeight } from './render/page.js';
