/**
 * Distinguished names (RFC 5280 §4.1.2.4) for display and comparison. The structure is read with
 * `@peculiar/asn1-x509`'s Name; the attribute values are decoded here from their DER, because
 * showing a name safely (RFC 4514) needs the declared string type and the exact bytes (asn1js
 * reads an invalid UTF8String as Latin-1, which would show one name as another).
 * @module
 */
import { Name } from '@peculiar/asn1-x509';
import { decode } from './algorithms.js';
import { DerError, childrenOf, contentOf, encodingOf, fields, readRoot, type Tlv } from './der.js';
import { bytesToHex, utf8Decode, type Bytes } from '../json/encoding.js';

/**
 * One attribute of a distinguished name, e.g. `{ oid: '2.5.4.3', name: 'CN', value: 'TEST SEAL' }`.
 *
 * @example
 * const { signer } = await verifyEdcSeal(sealed);
 * const organisationId: NameAttribute | undefined = signer?.subjectAttributes.find((a) => a.name === 'organizationIdentifier');
 * organisationId?.value; // 'VATES-A00000000'
 */
export interface NameAttribute {
  /** The attribute type, dotted. */
  readonly oid: string;
  /** Its short name (`CN`, `O`, `organizationIdentifier`…), or the dotted OID when it has none. */
  readonly name: string;
  /** The value as text; `#` and hex of its DER when it is not a string type (RFC 4514 §2.4). */
  readonly value: string;
}

/** A distinguished name (RFC 5280 §4.1.2.4). */
export interface DistinguishedName {
  /**
   * For reading: RFC 4514 order (last RDN first) and escaping, joined with `, `.
   * Compare names with {@link DistinguishedName.der}, not with this text.
   */
  readonly text: string;
  /** Every attribute in certificate order (multi-valued RDNs flattened). */
  readonly attributes: readonly NameAttribute[];
  /** The DER of the Name, for exact comparisons. */
  readonly der: Bytes;
}

/** Short names of attribute types: RFC 4514 §3 where it has one, otherwise the names OpenSSL and Java print. */
const ATTRIBUTE_NAMES: Readonly<Record<string, string>> = {
  '2.5.4.3': 'CN',
  '2.5.4.4': 'SN',
  '2.5.4.5': 'serialNumber',
  '2.5.4.6': 'C',
  '2.5.4.7': 'L',
  '2.5.4.8': 'ST',
  '2.5.4.9': 'STREET',
  '2.5.4.10': 'O',
  '2.5.4.11': 'OU',
  '2.5.4.12': 'title',
  '2.5.4.15': 'businessCategory',
  '2.5.4.17': 'postalCode',
  '2.5.4.42': 'GN',
  '2.5.4.43': 'initials',
  '2.5.4.44': 'generationQualifier',
  '2.5.4.46': 'dnQualifier',
  '2.5.4.65': 'pseudonym',
  '2.5.4.97': 'organizationIdentifier',
  '0.9.2342.19200300.100.1.1': 'UID',
  '0.9.2342.19200300.100.1.25': 'DC',
  '1.2.840.113549.1.9.1': 'emailAddress',
};

/** Universal string tags (X.680 §8.4). */
const STRING = { UTF8: 0x0c, NUMERIC: 0x12, PRINTABLE: 0x13, TELETEX: 0x14, IA5: 0x16, VISIBLE: 0x1a, UNIVERSAL: 0x1c, BMP: 0x1e } as const;

function latin1(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += String.fromCharCode(b);
  return s;
}

/** A directory string's text, or `undefined` when the bytes do not fit the declared type. */
function stringValue(tlv: Tlv): string | undefined {
  const c = contentOf(tlv);
  switch (tlv.tag) {
    case STRING.UTF8:
      return utf8Decode(c);
    case STRING.PRINTABLE:
    case STRING.IA5:
    case STRING.NUMERIC:
    case STRING.VISIBLE:
      return c.every((b) => b < 0x80) ? latin1(c) : undefined;
    case STRING.TELETEX:
      // T.61 is rarely what it claims; Latin-1 is what other toolkits show.
      return latin1(c);
    case STRING.BMP: {
      if (c.length % 2 !== 0) return undefined;
      let s = '';
      for (let i = 0; i < c.length; i += 2) s += String.fromCharCode((c[i]! << 8) | c[i + 1]!);
      return s;
    }
    case STRING.UNIVERSAL: {
      if (c.length % 4 !== 0) return undefined;
      let s = '';
      for (let i = 0; i < c.length; i += 4) {
        const cp = ((c[i]! << 24) >>> 0) + (c[i + 1]! << 16) + (c[i + 2]! << 8) + c[i + 3]!;
        if (cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return undefined;
        s += String.fromCodePoint(cp);
      }
      return s;
    }
    default:
      return undefined;
  }
}

/**
 * Escapes a value for display (RFC 4514 §2.4): the special characters with a backslash, a leading
 * space or `#` and a trailing space, and, as hex pairs, control and bidirectional-formatting
 * characters, which could otherwise make one name look like another on screen.
 */
function escapeValue(value: string): string {
  let out = '';
  const chars = Array.from(value);
  chars.forEach((ch, i) => {
    const cp = ch.codePointAt(0)!;
    if ('"+,;<>\\'.includes(ch) || (i === 0 && (ch === ' ' || ch === '#')) || (i === chars.length - 1 && ch === ' ')) {
      out += `\\${ch}`;
    } else if (cp < 0x20 || cp === 0x7f || (cp >= 0x80 && cp < 0xa0) || (cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069) || cp === 0x200e || cp === 0x200f || cp === 0x061c) {
      for (const b of new TextEncoder().encode(ch)) out += `\\${b.toString(16).toUpperCase().padStart(2, '0')}`;
    } else {
      out += ch;
    }
  });
  return out;
}

/**
 * Reads a Name from its DER (inside a value that passed the DER gate); `read`: already read with
 * its certificate.
 *
 * @example
 * parseName(issuerDer).text; // 'CN=TEST SEAL, O=ORGANIZACION TEST, C=ES'
 */
export function parseName(der: Bytes, read?: Name): DistinguishedName {
  const typed = read ?? decode(der, Name, 'Name');
  const attributes: NameAttribute[] = [];
  const rdnTexts: string[] = [];
  childrenOf(readRoot(der)).forEach((rdn, r) => {
    const atvs = childrenOf(rdn);
    if (atvs.length === 0) throw new DerError('empty RelativeDistinguishedName');
    const parts = atvs.map((atv, a) => {
      const [, value] = fields(atv, 'AttributeTypeAndValue', 2);
      const oid = typed[r]![a]!.type;
      const text = stringValue(value!);
      const name = ATTRIBUTE_NAMES[oid] ?? oid;
      const shown = text === undefined ? `#${bytesToHex(encodingOf(value!))}` : text;
      attributes.push({ oid, name, value: shown });
      return `${name}=${text === undefined ? shown : escapeValue(text)}`;
    });
    rdnTexts.push(parts.join('+'));
  });
  return { text: rdnTexts.reverse().join(', '), attributes, der };
}
