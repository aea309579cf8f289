/**
 * eu-micro-credentials/render: pictures of a micro-credential for people. One page per language,
 * labelled with the EU's own translations (the EDC viewer's strings and the ELM ontology's labels),
 * dates and numbers formatted by `Intl`, laid out so that no text is lost, drawn as SVG, PNG, JPEG
 * (resvg, in Node and browsers) and PDF (pdf-lib: A4, selectable text in the embedded Noto Sans, a QR
 * code for the verification URL, the credential itself attached). Rendering shows what a credential
 * says; it does not verify it.
 * @module eu-micro-credentials/render
 */
export { renderSvg, pageToSvg } from './render/svg.js';
export { layoutCredential, credentialLanguages } from './render/layout.js';
export type { RenderOptions, LogoContentType } from './render/options.js';
export { initRenderer, svgToPng, renderPng, renderJpeg } from './render/raster.js';
export type { RendererInit, RendererWasm, RasterOptions, PngOptions, JpegOptions } from './render/raster.js';
export type { RenderFonts } from './render/fonts.js';
export { renderPdf } from './render/pdf.js';
export type { PdfOptions, PdfAttachment } from './render/pdf.js';
export { readPdfAttachments, type PdfAttachmentFile } from './render/pdf-read.js';
export { renderLabels, renderLanguage, capitalise, RENDER_LANGUAGES, LABEL_KEYS } from './render/labels.js';
export type { LabelKey, RenderLabels } from './render/labels.js';
export { formatDate, formatNumber, countryName, languageName } from './render/format.js';
export { PAGE_WIDTH, PAGE_HEIGHT } from './render/page.js';
export type { Page, PageItem, TextItem, RectItem, QrItem, ImageItem, FontWeight } from './render/page.js';
