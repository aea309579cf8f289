/**
 * The files attached to a PDF: those of `renderPdf` (the credential, an associated file of the
 * document) and those other tools embed, read with pdf-lib's own parser and stream decoders.
 *
 * A PDF is hostile input here (the verifier page reads whatever it is given), and pdf-lib's
 * `PDFDocument.load` is not bounded: a cross-reference stream declaring `/Size 2000000` in a
 * 150-byte file takes it 13 s and 480 MB (it builds every entry, past the end of the data); 80 KB
 * of digits between objects take it two minutes (every position re-reads the run); an object
 * stream or any other stream decodes without a limit (a zip bomb). So the parser is pdf-lib's
 * `PDFParser`, with its steps counted (at most 8 a byte, then a RangeError), its one method that
 * reads an indirect object replaced by the same steps where cross-reference streams (whose
 * entries pdf-lib discards) are not decoded and object streams are decoded with a limit, and
 * every stream decoded with a limit on the buffer each decoder may grow. pdf-lib is pinned
 * exactly (1.17.1), and the parts reached into are checked before use.
 * @module
 */
import type { PDFContext, PDFDict, PDFObject, PDFRawStream, PDFRef } from 'pdf-lib';

type PdfLib = typeof import('pdf-lib');

/**
 * A file attached to a PDF, as `readPdfAttachments` reads it.
 *
 * @example
 * const files: PdfAttachmentFile[] = await readPdfAttachments(pdfBytes);
 * const credential = files.find((f) => f.relationship === 'Source' && f.mediaType === 'application/vc+ld+json');
 */
export interface PdfAttachmentFile {
  /**
   * The file's name as the PDF gives it: the file specification's `/UF`, else `/F`, else its key
   * in the `/EmbeddedFiles` tree. Not a safe path: it may hold `/`, `..` or control characters.
   */
  name: string;
  /** The embedded file's `/Subtype`, when it is a media type such as `application/vc+ld+json`. */
  mediaType?: string;
  /** The file specification's `/Desc`. */
  description?: string;
  /** How the file relates to the document (`/AFRelationship`): `Source`, `Data`, `Alternative`, `Supplement`, `Unspecified`… */
  relationship?: string;
  /** The file's bytes, decoded (a new array, shared with nothing). */
  bytes: Uint8Array;
}

const WHO = 'readPdfAttachments';
const MiB = 1024 * 1024;
const MAX_PDF_BYTES = 64 * MiB;
const DEFAULT_MAX_BYTES = 16 * MiB;
const MAX_MAX_BYTES = 256 * MiB;
/** All files together: at most this many times `maxBytes`. */
const TOTAL_FACTOR = 4;
const MAX_FILES = 64;
const MAX_TREE_DEPTH = 32;
const MAX_TREE_NODES = 4096;
const MAX_OBJECT_STREAM_BYTES = 16 * MiB;
const MAX_OBJECT_STREAMS_BYTES = 128 * MiB;
/**
 * Parser steps (bytes read, re-reads included) allowed per byte of input: pdf-lib takes under 1 on
 * whole PDFs, 6 on a stream whose /Length is wrong (it looks for `endstream` at every byte).
 */
const STEPS_PER_BYTE = 8;
const BASE_STEPS = 1 << 20;
const CHUNK = 64 * 1024;
const HEADER_WINDOW = 1024;
const OBJECTS_PER_TICK = 5000;
const ENDOBJ = [0x65, 0x6e, 0x64, 0x6f, 0x62, 0x6a];
/** RFC 6838 `type/subtype`, with parameters. */
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}(?:\s*;[\x20-\x7e]*)?$/;
const RELATIONSHIP = /^[A-Za-z][A-Za-z0-9]{0,63}$/;

let loading: Promise<PdfLib> | undefined;
/** pdf-lib, loaded on first use, as `renderPdf` loads it (a failed load is tried again next time). */
function loadPdfLib(): Promise<PdfLib> {
  loading ??= import('pdf-lib');
  loading.catch(() => (loading = undefined));
  return loading;
}

const kind = (value: unknown): string => (value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value);
const messageOf = (error: unknown): string => String((error as { message?: unknown } | null)?.message ?? error).slice(0, 200);
const shown = (name: string): string => JSON.stringify(name.length > 80 ? `${name.slice(0, 80)}…` : name);

/** The state of one read: steps left, bytes decoded from object streams, the limit that stopped it. */
interface Guard {
  steps: number;
  objectStreamBytes: number;
  fatal: RangeError | undefined;
}

/** Stops the read: pdf-lib catches errors inside its loop, so every later step throws again until the parse gives up. */
function stop(guard: Guard, error: RangeError): never {
  guard.fatal ??= error;
  guard.steps = -Infinity;
  throw error;
}

interface ByteStreamLike {
  next(): number;
}

/** Counts each byte a parser reads (re-reads included) against the guard. */
function meter(guard: Guard, bytes: ByteStreamLike, length: number): void {
  const next = bytes.next;
  bytes.next = function (this: ByteStreamLike): number {
    if (--guard.steps < 0) stop(guard, new RangeError(`${WHO}: the PDF takes more than ${STEPS_PER_BYTE} parsing steps a byte (${length} bytes); it is malformed or made to exhaust readers`));
    return next.call(this);
  };
}

class Overflow extends Error {}

interface DecodeStreamLike {
  ensureBuffer?: (requested: number) => Uint8Array;
  stream?: unknown;
  getBytes(length: number): Uint8Array;
  reset(): void;
}

/**
 * A stream's data, decoded by pdf-lib's decoders, or undefined when it has more than `cap` bytes.
 * Each decoder of the chain grows its buffer through `ensureBuffer`, at most to `cap` and a chunk
 * (one deflate block can expand a thousandfold), and the data is read a chunk at a time.
 */
function decodeBounded(lib: PdfLib, stream: PDFRawStream, cap: number): Uint8Array | undefined {
  const top = lib.decodePDFRawStream(stream) as unknown as DecodeStreamLike;
  for (let s: DecodeStreamLike | undefined = top; typeof s?.ensureBuffer === 'function'; s = s.stream as DecodeStreamLike | undefined) {
    const ensure = s.ensureBuffer;
    s.ensureBuffer = function (this: DecodeStreamLike, requested: number): Uint8Array {
      if (requested > cap + CHUNK) throw new Overflow();
      return ensure.call(this, requested);
    };
  }
  try {
    let total = 0;
    for (let n = top.getBytes(CHUNK).length; n > 0; n = top.getBytes(CHUNK).length) {
      if ((total += n) > cap) return undefined;
    }
    if (total === 0) return new Uint8Array(0);
    top.reset();
    return top.getBytes(total).slice();
  } catch (error) {
    if (error instanceof Overflow) return undefined;
    throw error;
  }
}

/** The parts of pdf-lib's `PDFParser` (1.17.1) this reaches into. */
interface ParserInternals {
  bytes: ByteStreamLike;
  context: PDFContext;
  shouldWaitForTick: () => boolean;
  parseIndirectObject(): Promise<PDFRef>;
  parseIndirectObjectHeader(): PDFRef;
  skipWhitespaceAndComments(): void;
  matchKeyword(keyword: number[]): boolean;
  parseObject(): PDFObject;
}

/** The objects of an object stream, into the context: its data decoded within the limits, then pdf-lib's object stream parser. */
async function expandObjectStream(lib: PdfLib, stream: PDFRawStream, guard: Guard, parser: ParserInternals): Promise<void> {
  const room = Math.min(MAX_OBJECT_STREAM_BYTES, MAX_OBJECT_STREAMS_BYTES - guard.objectStreamBytes);
  const data = decodeBounded(lib, stream, room);
  if (data === undefined) {
    stop(guard, new RangeError(room === MAX_OBJECT_STREAM_BYTES ? `${WHO}: an object stream of the PDF decodes to more than ${MAX_OBJECT_STREAM_BYTES} bytes` : `${WHO}: the PDF's object streams decode to more than ${MAX_OBJECT_STREAMS_BYTES} bytes together`));
  }
  guard.objectStreamBytes += data.length;
  guard.steps += STEPS_PER_BYTE * data.length;
  const dict = lib.PDFDict.withContext(parser.context);
  for (const key of ['N', 'First']) {
    const value = stream.dict.lookup(lib.PDFName.of(key));
    if (value !== undefined) dict.set(lib.PDFName.of(key), value);
  }
  const objects = lib.PDFObjectStreamParser.forStream(lib.PDFRawStream.of(dict, data), parser.shouldWaitForTick);
  meter(guard, (objects as unknown as { bytes: ByteStreamLike }).bytes, data.length);
  await objects.parseIntoContext();
}

/** pdf-lib's `PDFParser.parseIndirectObject`, with object streams decoded within limits and cross-reference streams left undecoded. */
function boundIndirectObjects(lib: PdfLib, parser: ParserInternals, guard: Guard): void {
  const TYPE = lib.PDFName.of('Type');
  parser.parseIndirectObject = async function (): Promise<PDFRef> {
    const ref = parser.parseIndirectObjectHeader();
    parser.skipWhitespaceAndComments();
    const object = parser.parseObject();
    parser.skipWhitespaceAndComments();
    parser.matchKeyword(ENDOBJ);
    const type = object instanceof lib.PDFRawStream ? object.dict.lookup(TYPE) : undefined;
    if (type === lib.PDFName.of('ObjStm')) {
      await expandObjectStream(lib, object as PDFRawStream, guard, parser);
    } else if (type === lib.PDFName.of('XRef')) {
      // What pdf-lib keeps of a cross-reference stream: the trailer's entries. Its entries are not
      // needed (pdf-lib reads the objects in file order) and not decoded.
      const { dict } = object as PDFRawStream;
      const at = (key: string) => dict.get(lib.PDFName.of(key));
      parser.context.trailerInfo = { Root: at('Root'), Encrypt: at('Encrypt'), Info: at('Info'), ID: at('ID') };
    } else {
      parser.context.assign(ref, object);
    }
    return ref;
  };
}

/** Every indirect object of the PDF, by pdf-lib's parser within the bounds. */
async function parsePdf(lib: PdfLib, bytes: Uint8Array): Promise<PDFContext> {
  const guard: Guard = { steps: BASE_STEPS + STEPS_PER_BYTE * bytes.length, objectStreamBytes: 0, fatal: undefined };
  const parser = lib.PDFParser.forBytesWithOptions(bytes, OBJECTS_PER_TICK, false, false);
  const internals = parser as unknown as ParserInternals;
  const methods = ['parseIndirectObject', 'parseIndirectObjectHeader', 'skipWhitespaceAndComments', 'matchKeyword', 'parseObject', 'shouldWaitForTick'] as const;
  if (methods.some((m) => typeof internals[m] !== 'function') || typeof internals.bytes?.next !== 'function' || typeof lib.PDFObjectStreamParser?.forStream !== 'function') {
    throw new Error(`${WHO}: the pdf-lib loaded is not the version this reader was written for (1.17.1)`);
  }
  meter(guard, internals.bytes, bytes.length);
  boundIndirectObjects(lib, internals, guard);
  let context: PDFContext;
  try {
    context = await parser.parseDocument();
  } catch (error) {
    if (guard.fatal) throw guard.fatal;
    throw new TypeError(`${WHO}: the bytes are not a PDF that can be read (${messageOf(error)})`);
  }
  if (guard.fatal) throw guard.fatal;
  return context;
}

/** A PDF text string: UTF-16BE (or UTF-8, PDF 2.0) after a byte order mark, else PDFDocEncoding. */
function text(lib: PdfLib, value: PDFObject | undefined): string | undefined {
  if (!(value instanceof lib.PDFString || value instanceof lib.PDFHexString)) return undefined;
  const bytes = value.asBytes();
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return new TextDecoder('utf-16be').decode(bytes.subarray(2));
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return new TextDecoder('utf-8').decode(bytes.subarray(3));
  // pdf-lib's decoder spreads its argument into a call: a chunk at a time keeps long strings within the stack.
  let out = '';
  for (let at = 0; at < bytes.length; at += 4096) out += lib.pdfDocEncodingDecode(bytes.subarray(at, at + 4096));
  return out;
}

/** A name's text (`#xx` decoded), when it is short and matches `shape`. */
function nameText(lib: PdfLib, value: PDFObject | undefined, shape: RegExp): string | undefined {
  if (!(value instanceof lib.PDFName) || value.asString().length > 400) return undefined;
  const decoded = value.decodeText();
  return shape.test(decoded) ? decoded : undefined;
}

/** A file to read: its file specification, its embedded file stream, where it was found. */
interface Found {
  spec: PDFDict;
  stream: PDFRawStream;
  key: string | undefined;
}

/** The (key, file specification) pairs of the `/EmbeddedFiles` name tree, in order; a cycle or a tree too deep is an error. */
function nameTree(lib: PdfLib, root: PDFDict): { key: string | undefined; value: PDFObject | undefined }[] {
  const pairs: { key: string | undefined; value: PDFObject | undefined }[] = [];
  const visited = new Set<PDFDict>();
  const stack: { node: PDFObject | undefined; depth: number }[] = [{ node: root, depth: 0 }];
  const where = 'the /EmbeddedFiles name tree (/Names /EmbeddedFiles)';
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const { node, depth } = item;
    if (!(node instanceof lib.PDFDict)) throw new TypeError(`${WHO}: a node of ${where} is not a dictionary`);
    if (visited.has(node)) throw new TypeError(`${WHO}: ${where} comes back to a node it has already read (a cycle)`);
    if (depth > MAX_TREE_DEPTH) throw new RangeError(`${WHO}: ${where} is more than ${MAX_TREE_DEPTH} levels deep`);
    visited.add(node);
    if (visited.size > MAX_TREE_NODES) throw new RangeError(`${WHO}: ${where} has more than ${MAX_TREE_NODES} nodes`);
    const names = node.lookup(lib.PDFName.of('Names'));
    if (names !== undefined && !(names instanceof lib.PDFArray)) throw new TypeError(`${WHO}: a /Names entry of ${where} is not an array`);
    // A key without a value (an odd count) names no file.
    for (let i = 0; names !== undefined && i + 1 < names.size(); i += 2) pairs.push({ key: text(lib, names.lookup(i)), value: names.lookup(i + 1) });
    const kids = node.lookup(lib.PDFName.of('Kids'));
    if (kids !== undefined && !(kids instanceof lib.PDFArray)) throw new TypeError(`${WHO}: a /Kids entry of ${where} is not an array`);
    for (let i = (kids?.size() ?? 0) - 1; i >= 0; i--) stack.push({ node: kids!.lookup(i), depth: depth + 1 });
  }
  return pairs;
}

/** The embedded file stream of a file specification (`/EF /UF`, else `/EF /F`), or undefined for one that refers to a file outside. */
function embeddedStream(lib: PdfLib, spec: PDFDict, where: string): PDFRawStream | undefined {
  const ef = spec.lookup(lib.PDFName.of('EF'));
  if (ef === undefined) return undefined;
  if (!(ef instanceof lib.PDFDict)) throw new TypeError(`${WHO}: the /EF entry of ${where} is not a dictionary`);
  const stream = ef.lookup(lib.PDFName.of('UF')) ?? ef.lookup(lib.PDFName.of('F'));
  if (stream === undefined) return undefined;
  if (!(stream instanceof lib.PDFRawStream)) throw new TypeError(`${WHO}: the embedded file of ${where} is not a stream`);
  return stream;
}

/** The files of the catalog's `/AF` (associated files), then those of the `/EmbeddedFiles` tree not already found. */
function findFiles(lib: PdfLib, catalog: PDFDict): Found[] {
  const found: Found[] = [];
  const specs = new Set<PDFDict>();
  const streams = new Set<PDFRawStream>();
  const add = (spec: PDFDict, key: string | undefined, where: string): void => {
    if (specs.has(spec)) return;
    specs.add(spec);
    const stream = embeddedStream(lib, spec, where);
    if (stream === undefined || streams.has(stream)) return;
    streams.add(stream);
    found.push({ spec, stream, key });
    if (found.length > MAX_FILES) throw new RangeError(`${WHO}: the PDF has more than ${MAX_FILES} attached files`);
  };
  const names = catalog.lookup(lib.PDFName.of('Names'));
  if (names !== undefined && !(names instanceof lib.PDFDict)) throw new TypeError(`${WHO}: the catalog's /Names is not a dictionary`);
  const embedded = names?.lookup(lib.PDFName.of('EmbeddedFiles'));
  const tree = embedded === undefined ? [] : nameTree(lib, embedded as PDFDict);
  const keys = new Map<PDFObject | undefined, string | undefined>(tree.map((p) => [p.value, p.key]));
  const af = catalog.lookup(lib.PDFName.of('AF'));
  if (af !== undefined && !(af instanceof lib.PDFArray)) throw new TypeError(`${WHO}: the catalog's /AF (associated files) is not an array`);
  for (let i = 0; af !== undefined && i < af.size(); i++) {
    const spec = af.lookup(i);
    if (!(spec instanceof lib.PDFDict)) throw new TypeError(`${WHO}: /AF[${i}] of the catalog is not a file specification dictionary`);
    add(spec, keys.get(spec), `/AF[${i}]`);
  }
  for (const { key, value } of tree) {
    // A file specification may also be a string (a file outside the PDF): it embeds nothing.
    if (value instanceof lib.PDFString || value instanceof lib.PDFHexString) continue;
    const where = `the attached file ${shown(key ?? '')}`;
    if (!(value instanceof lib.PDFDict)) throw new TypeError(`${WHO}: ${where} of the /EmbeddedFiles name tree is not a file specification${value === undefined ? ' (it refers to no object)' : ' dictionary'}`);
    add(value, key, where);
  }
  return found;
}

/** Whether the stream's decoding asks for a predictor (PNG or TIFF), which pdf-lib's decoders do not undo. */
function hasPredictor(lib: PdfLib, stream: PDFRawStream): boolean {
  const parms = stream.dict.lookup(lib.PDFName.of('DecodeParms'));
  const list = parms instanceof lib.PDFArray ? parms.asArray().map((_, i) => parms.lookup(i)) : [parms];
  return list.some((p) => {
    const predictor = p instanceof lib.PDFDict ? p.lookup(lib.PDFName.of('Predictor')) : undefined;
    return predictor instanceof lib.PDFNumber && predictor.asNumber() > 1;
  });
}

/** One file: its name and metadata, and its bytes decoded within the room left. */
function readFile(lib: PdfLib, found: Found, limits: { maxBytes: number; left: number }): PdfAttachmentFile {
  const { spec, stream, key } = found;
  const name = [text(lib, spec.lookup(lib.PDFName.of('UF'))), text(lib, spec.lookup(lib.PDFName.of('F'))), key].find((n) => n !== undefined && n !== '');
  if (name === undefined) throw new TypeError(`${WHO}: an attached file has no name (no /UF or /F in its file specification, no key in the /EmbeddedFiles tree)`);
  if (hasPredictor(lib, stream)) throw new TypeError(`${WHO}: the attached file ${shown(name)} is encoded with a predictor (/DecodeParms /Predictor), which this reader does not undo`);
  const cap = Math.min(limits.maxBytes, limits.left);
  let bytes: Uint8Array | undefined;
  try {
    bytes = decodeBounded(lib, stream, cap);
  } catch (error) {
    throw new TypeError(`${WHO}: the attached file ${shown(name)} cannot be decoded (${messageOf(error)})`);
  }
  if (bytes === undefined) {
    throw new RangeError(cap === limits.maxBytes ? `${WHO}: the attached file ${shown(name)} has more than ${limits.maxBytes} bytes (options.maxBytes)` : `${WHO}: the attached files have more than ${TOTAL_FACTOR * limits.maxBytes} bytes together (${TOTAL_FACTOR} × options.maxBytes)`);
  }
  limits.left -= bytes.length;
  const mediaType = nameText(lib, stream.dict.lookup(lib.PDFName.of('Subtype')), MEDIA_TYPE);
  const description = text(lib, spec.lookup(lib.PDFName.of('Desc')));
  const relationship = nameText(lib, spec.lookup(lib.PDFName.of('AFRelationship')), RELATIONSHIP);
  return { name, ...(mediaType !== undefined && { mediaType }), ...(description !== undefined && { description }), ...(relationship !== undefined && { relationship }), bytes };
}

function readMaxBytes(options: unknown): number {
  if (options === undefined) return DEFAULT_MAX_BYTES;
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw new TypeError(`${WHO}: options must be an object { maxBytes? }, not ${kind(options)}`);
  let maxBytes: unknown;
  try {
    maxBytes = (options as { maxBytes?: unknown }).maxBytes;
  } catch (error) {
    throw new TypeError(`${WHO}: options.maxBytes could not be read (${messageOf(error)})`);
  }
  if (maxBytes === undefined) return DEFAULT_MAX_BYTES;
  if (typeof maxBytes !== 'number' || !Number.isInteger(maxBytes)) throw new TypeError(`${WHO}: options.maxBytes must be a whole number of bytes, not ${typeof maxBytes === 'number' ? String(maxBytes) : kind(maxBytes)}`);
  if (maxBytes < 1 || maxBytes > MAX_MAX_BYTES) throw new RangeError(`${WHO}: options.maxBytes is ${maxBytes}; it must be 1 to ${MAX_MAX_BYTES} (256 MiB)`);
  return maxBytes;
}

/** A copy of the caller's bytes (a later change by them, or a shared buffer, changes nothing here), checked to be a PDF. */
function readInput(bytes: unknown): Uint8Array {
  if (!(bytes instanceof Uint8Array)) throw new TypeError(`${WHO}: bytes must be a Uint8Array (the PDF file's bytes), not ${bytes instanceof ArrayBuffer ? 'an ArrayBuffer (wrap it: new Uint8Array(buffer))' : kind(bytes)}`);
  if (bytes.length > MAX_PDF_BYTES) throw new RangeError(`${WHO}: the PDF has ${bytes.length} bytes; at most ${MAX_PDF_BYTES} (64 MiB) are read`);
  const copy = new Uint8Array(bytes);
  const head = copy.subarray(0, HEADER_WINDOW);
  const at = head.findIndex((b, i) => b === 0x25 && head[i + 1] === 0x50 && head[i + 2] === 0x44 && head[i + 3] === 0x46 && head[i + 4] === 0x2d);
  if (at < 0) throw new TypeError(`${WHO}: the bytes are not a PDF (no "%PDF-" header in the first ${HEADER_WINDOW} bytes)`);
  return copy;
}

/**
 * Reads the files attached to a PDF: the document's associated files (the catalog's `/AF`, where
 * `renderPdf` puts the credential, `/AFRelationship /Source`) first, then the other files of the
 * `/Names /EmbeddedFiles` tree (where PDF readers list attachments), each file once. Files attached
 * to pages (annotations) and files outside the PDF are not read.
 *
 * The bytes are decoded (Flate, LZW, ASCII85, ASCIIHex, RunLength) and returned as they are: the
 * declared `/Params /Size` and `/CheckSum` are neither trusted nor checked. Nothing is verified:
 * give a credential found here to the verifier of its format.
 *
 * Bounded for hostile PDFs: at most 64 MiB of PDF, 64 files, `options.maxBytes` (default 16 MiB)
 * a file and four times that together, a name tree 32 levels deep; a PDF that needs more than 8
 * parsing steps a byte, or whose object streams decode to too much, is refused (time grows with
 * size: a hostile PDF of 1 MB is refused within seconds, as pdf-lib reads tokens a character at a
 * time). Throws a
 * `TypeError` for what is not a PDF, an encrypted PDF, a broken name tree (a cycle) or a file
 * that cannot be decoded, a `RangeError` for a limit passed, each naming what is wrong. Works in
 * browsers and Node; never fetches; does not change `bytes`.
 *
 * @example
 * const files = await readPdfAttachments(new Uint8Array(await file.arrayBuffer()));
 * const vc = files.find((f) => f.name === 'credential.jsonld');
 * if (vc) console.log(new TextDecoder().decode(vc.bytes));
 */
export async function readPdfAttachments(bytes: Uint8Array, options?: { maxBytes?: number | undefined }): Promise<PdfAttachmentFile[]> {
  const maxBytes = readMaxBytes(options);
  const input = readInput(bytes);
  const lib = await loadPdfLib();
  const context = await parsePdf(lib, input);
  if (context.trailerInfo.Encrypt !== undefined) throw new TypeError(`${WHO}: the PDF is encrypted (its trailer has /Encrypt); its strings and attached files cannot be read without decrypting it`);
  const catalog = context.lookup(context.trailerInfo.Root);
  if (!(catalog instanceof lib.PDFDict)) throw new TypeError(`${WHO}: the PDF has no document catalog (/Root), where attached files are listed`);
  const limits = { maxBytes, left: TOTAL_FACTOR * maxBytes };
  return findFiles(lib, catalog).map((found) => readFile(lib, found, limits));
}
