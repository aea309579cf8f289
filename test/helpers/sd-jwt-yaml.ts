/**
 * Reads the IETF SD-JWT VC draft's example inputs (test/vectors/ietf-sd-jwt-vc/: the files the
 * draft's generator, sd-jwt-python, reads) with the `yaml` package. The `!sd` tag marks a claim
 * (a mapping key) or an array element as selectively disclosable; it is read from the YAML
 * document's nodes, so the claims come out plain and the marks as a list of paths.
 *
 * `holder_disclosed_claims` is read as sd-jwt-python's holder reads it: `name: true` discloses the
 * claim `name` (not what is disclosable inside it), `name: { … }` discloses `name` and, inside it,
 * what the mapping names; a list gives one entry per array element (`true` discloses the element,
 * or, for an element that is not disclosable, descends into it).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { isMap, isScalar, isSeq, parse, parseDocument, type Node } from 'yaml';

export const EXAMPLES_DIR = join(import.meta.dirname, '..', 'vectors', 'ietf-sd-jwt-vc');
export const EXAMPLE_NAMES = ['01', '02', '03-pid'] as const;

/** A claim path: names and array indexes from the top of the payload. */
export type ClaimPath = (string | number)[];

export interface ExampleSettings {
  identifiers: { issuer: string; verifier: string };
  issuerKey: JsonWebKeyWithD;
  holderKey: JsonWebKeyWithD;
  nonce: string;
  iat: number;
  exp: number;
}

export type JsonWebKeyWithD = { kty: string; crv: string; x: string; y?: string; d?: string };

export interface Example {
  name: string;
  /** `user_claims` without the tags. */
  claims: Record<string, unknown>;
  /** Every `!sd` claim or element, parents before children. */
  disclosable: ClaimPath[];
  /** The disclosable paths the holder discloses (a subset of `disclosable`), parents first. */
  disclosed: ClaimPath[];
  /** What a verifier sees: `claims` with every undisclosed disclosable claim or element removed. */
  expected: Record<string, unknown>;
  keyBinding: boolean;
  addDecoys: boolean;
  headers: Record<string, string>;
}

/** A JSON Pointer (RFC 6901) of a path. */
export const pointer = (path: ClaimPath): string => path.map((p) => '/' + String(p).replaceAll('~', '~0').replaceAll('/', '~1')).join('');

const isSd = (node: unknown): boolean => (isScalar(node) || isMap(node) || isSeq(node)) && node.tag === '!sd';

/** The plain value of a node, with the paths of the `!sd` marks under `at`. */
function read(node: Node | null | undefined, at: ClaimPath, marks: ClaimPath[]): unknown {
  if (isMap(node)) {
    const out: Record<string, unknown> = {};
    for (const pair of node.items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : String(pair.key);
      if (isSd(pair.key)) marks.push([...at, key]);
      out[key] = read(pair.value as Node, [...at, key], marks);
    }
    return out;
  }
  if (isSeq(node)) {
    return node.items.map((item, i) => {
      if (isSd(item)) marks.push([...at, i]);
      return read(item as Node, [...at, i], marks);
    });
  }
  if (isScalar(node)) return node.value;
  return null;
}

const same = (a: ClaimPath, b: ClaimPath) => a.length === b.length && a.every((p, i) => p === b[i]);

/** sd-jwt-python's selection: the disclosable paths that `wanted` (holder_disclosed_claims) picks. */
function select(value: unknown, wanted: unknown, at: ClaimPath, disclosable: ClaimPath[], out: ClaimPath[]): void {
  if (wanted === undefined || wanted === null || wanted === false) return;
  if (Array.isArray(value)) {
    if (!Array.isArray(wanted)) return;
    value.forEach((element, i) => {
      const w = wanted[i];
      const path = [...at, i];
      if (disclosable.some((d) => same(d, path))) {
        if (w === undefined || w === null || w === false) return;
        out.push(path);
      }
      select(element, w, path, disclosable, out);
    });
    return;
  }
  if (value !== null && typeof value === 'object') {
    const w = wanted === true ? {} : (wanted as Record<string, unknown>);
    for (const [key, child] of Object.entries(value)) {
      const path = [...at, key];
      if (disclosable.some((d) => same(d, path)) && key in w) out.push(path);
      select(child, w[key], path, disclosable, out);
    }
  }
}

/** `claims` without the disclosable paths that are not in `disclosed` (and what is under them). */
export function revealed(claims: unknown, disclosable: ClaimPath[], disclosed: ClaimPath[], at: ClaimPath = []): unknown {
  const hidden = (path: ClaimPath) => disclosable.some((d) => same(d, path)) && !disclosed.some((d) => same(d, path));
  if (Array.isArray(claims)) return claims.flatMap((v, i) => (hidden([...at, i]) ? [] : [revealed(v, disclosable, disclosed, [...at, i])]));
  if (claims !== null && typeof claims === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(claims)) if (!hidden([...at, k])) out[k] = revealed(v, disclosable, disclosed, [...at, k]);
    return out;
  }
  return claims;
}

/** settings.yml. */
export function readSettings(): ExampleSettings {
  const s = parse(readFileSync(join(EXAMPLES_DIR, 'settings.yml'), 'utf8')) as {
    identifiers: { issuer: string; verifier: string };
    key_settings: { issuer_key: JsonWebKeyWithD; holder_key: JsonWebKeyWithD };
    key_binding_nonce: string;
    iat: number;
    exp: number;
  };
  return { identifiers: s.identifiers, issuerKey: s.key_settings.issuer_key, holderKey: s.key_settings.holder_key, nonce: s.key_binding_nonce, iat: s.iat, exp: s.exp };
}

/** `<name>/specification.yml`, tags read. */
export function readExample(name: string): Example {
  const text = readFileSync(join(EXAMPLES_DIR, name, 'specification.yml'), 'utf8');
  const doc = parseDocument(text);
  if (doc.errors.length > 0) throw new Error(`${name}: ${doc.errors.map((e) => e.message).join('; ')}`);
  const root = doc.contents;
  if (!isMap(root)) throw new Error(`${name}: not a mapping`);
  const disclosable: ClaimPath[] = [];
  const claims = read(root.get('user_claims', true) as Node, [], disclosable) as Record<string, unknown>;
  const plain = doc.toJS({ maxAliasCount: 0 }) as Record<string, unknown>;
  const disclosed: ClaimPath[] = [];
  select(claims, plain.holder_disclosed_claims ?? {}, [], disclosable, disclosed);
  return {
    name,
    claims,
    disclosable,
    disclosed,
    expected: revealed(claims, disclosable, disclosed) as Record<string, unknown>,
    keyBinding: plain.key_binding === true,
    addDecoys: plain.add_decoy_claims !== false,
    headers: (plain.extra_header_parameters ?? {}) as Record<string, string>,
  };
}
