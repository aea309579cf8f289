/**
 * The bank of hostile inputs fed to every public function that promises a result rather than an
 * exception (STYLE.md "Tests"; noble-curves' getTypeTests()). Each case makes its value afresh:
 * proxies are revoked, getters count their calls. A case is a whole input (`root`) or a value put
 * inside a valid document (`inside`), in a field the function reads and in a field it does not know.
 */

/** One hostile input. */
export interface HostileCase {
  name: string;
  make: () => unknown;
  /**
   * Plain data in an unusual wrapper (a frozen or prototype-less object), or a getter whose first
   * answer is the valid value (a function that reads its input once sees a valid document).
   */
  acceptable?: boolean;
  /** Too large to copy for the mutation check (tens of megabytes), or different at every read. */
  noFingerprint?: boolean;
}

const huge = (): string => 'x'.repeat(50 * 1024 * 1024);
const boom = () => {
  throw new Error('boom');
};

export function deepObject(depth: number): unknown {
  const top: Record<string, unknown> = {};
  let node = top;
  for (let i = 0; i < depth; i++) {
    const next = {};
    node.a = next;
    node = next;
  }
  return top;
}

export function deepArray(depth: number): unknown {
  const top: unknown[] = [];
  let node = top;
  for (let i = 0; i < depth; i++) {
    const next: unknown[] = [];
    node.push(next);
    node = next;
  }
  return top;
}

/** A proxy, already revoked: every operation on it throws a TypeError, even Array.isArray. */
export function revoked(target: object = {}): unknown {
  const { proxy, revoke } = Proxy.revocable(target, {});
  revoke();
  return proxy;
}

/** A proxy whose every trap throws. */
export function allTrapsThrow(target: object = {}): unknown {
  const traps = ['get', 'set', 'has', 'deleteProperty', 'ownKeys', 'getOwnPropertyDescriptor', 'defineProperty', 'getPrototypeOf', 'setPrototypeOf', 'isExtensible', 'preventExtensions', 'apply', 'construct'];
  return new Proxy(target, Object.fromEntries(traps.map((t) => [t, boom])));
}

/** An object whose `key` getter throws. */
export function throwingGetter(base: object, key: string): unknown {
  return Object.defineProperty({ ...base }, key, { enumerable: true, get: boom });
}

/** An object whose `key` getter answers something else at every read: a document, then a number, then a list… */
export function shiftingGetter(base: Record<string, unknown>, key: string): unknown {
  let reads = 0;
  const answers = [base[key], 42, [base[key]], null, new Uint8Array(1_000_000), 'text'];
  return Object.defineProperty({ ...base }, key, { enumerable: true, get: () => answers[reads++ % answers.length] });
}

/** A proxy that shows an array's elements but says the array has 2^32 - 1 of them. */
export function lyingArray(items: unknown[]): unknown {
  return new Proxy(items, { get: (target, p, receiver) => (p === 'length' ? 2 ** 32 - 1 : Reflect.get(target, p, receiver)) });
}

class Credential {
  constructor(readonly title = 'A class instance') {}
}

/** Values that are not JSON data, each put inside documents and passed as a whole. */
function notJson(): [string, () => unknown][] {
  return [
    ['undefined', () => undefined],
    ['NaN', () => Number.NaN],
    ['Infinity', () => Number.POSITIVE_INFINITY],
    ['a bigint', () => 10n],
    ['a symbol', () => Symbol('mc')],
    ['a function', () => () => 1],
    ['a Date', () => new Date('2024-03-01T10:00:00Z')],
    ['an invalid Date', () => new Date(Number.NaN)],
    ['a RegExp', () => /x/g],
    ['an Error', () => new Error('an error as data')],
    ['a Map', () => new Map([['title', 'x']])],
    ['a Set', () => new Set([1, 2])],
    ['a class instance', () => new Credential()],
    ['a boxed string', () => new String('text')],
    ['a Uint8Array(1e6)', () => new Uint8Array(1_000_000)],
    ['a Float64Array', () => new Float64Array(10_000).fill(Math.PI)],
    ['a DataView', () => new DataView(new ArrayBuffer(64))],
    ['an ArrayBuffer', () => new ArrayBuffer(1_000_000)],
    ['a revoked proxy', () => revoked()],
    ['a revoked proxy of an array', () => revoked([])],
    ['a proxy whose every trap throws', () => allTrapsThrow()],
    ['a proxy of an array whose every trap throws', () => allTrapsThrow([])],
    ['an array proxy claiming 2^32 - 1 elements', () => lyingArray([1, 2, 3])],
    ['a 10^6-element array', () => Array.from({ length: 1_000_000 }, (_, i) => i)],
    ['a sparse array of length 10^9', () => {
      const a: unknown[] = [];
      a.length = 1e9;
      return a;
    }],
    ['an object with symbol keys only', () => ({ [Symbol('a')]: 1, [Symbol.iterator]: boom })],
    ['an object with a null prototype', () => Object.assign(Object.create(null), { a: 1 })],
    ['100 000-deep nested objects', () => deepObject(100_000)],
    ['100 000-deep nested arrays', () => deepArray(100_000)],
  ];
}

/**
 * The bank for one function: `base` is a valid input of that function, `field` a field it reads (a
 * hostile value there must be reported), and the cases also put values in a key it does not know.
 */
export function hostileCases(base: Record<string, unknown>, field: string): HostileCase[] {
  const clone = () => structuredClone(base);
  const withAt = (key: string, value: unknown) => ({ ...clone(), [key]: value });
  const cases: HostileCase[] = [
    // Whole inputs.
    { name: 'null', make: () => null },
    { name: 'an array holding the document', make: () => [clone()] },
    { name: 'the document as a JSON string', make: () => JSON.stringify(base) },
    { name: 'a number', make: () => 42 },
    { name: 'an empty object', make: () => ({}) },
    { name: 'a 50 MB string', make: huge, noFingerprint: true },
    { name: 'a revoked proxy of the document', make: () => revoked(clone()) },
    { name: 'a proxy of the document whose every trap throws', make: () => allTrapsThrow(clone()) },
    { name: 'the document in a transparent proxy', make: () => new Proxy(clone(), {}), acceptable: true },
    { name: 'a frozen document', make: () => Object.freeze(clone()), acceptable: true },
    { name: 'the document with a null prototype', make: () => Object.assign(Object.create(null), clone()), acceptable: true },
    { name: 'the document as a class instance', make: () => Object.assign(new Credential(), clone()) },
    ...notJson().map(([name, make]): HostileCase => ({ name, make, noFingerprint: name.includes('10^6') || name.includes('1e6') })),
    // Inside a valid document.
    { name: `a getter that throws on \`${field}\``, make: () => throwingGetter(clone(), field) },
    { name: `a getter on \`${field}\` that answers differently at every read`, make: () => shiftingGetter(clone(), field), noFingerprint: true, acceptable: true },
    { name: 'a cycle', make: () => {
      const doc = clone();
      doc[field] = { inner: doc };
      return doc;
    } },
    { name: 'a cycle through an array', make: () => {
      const doc = clone();
      const list: unknown[] = [];
      list.push(list);
      doc[field] = list;
      return doc;
    } },
    { name: 'a 50 MB string in a field', make: () => withAt(field, huge()), noFingerprint: true },
    { name: 'a 50 MB key', make: () => withAt(field, { [huge()]: 'x' }), noFingerprint: true },
    { name: '__proto__ and constructor keys (JSON.parse)', make: () => ({ ...clone(), ...JSON.parse(`{"__proto__": {"polluted": true}, "constructor": {"prototype": {"polluted": true}}, "${field}": {"__proto__": {"isAdmin": true}}}`) }) },
    { name: 'dates that do not exist', make: () => ({ ...clone(), dateOfIssue: '2024-02-30T10:00:00Z', issued: '2023-02-29T00:00:00Z', validFrom: '2024-13-01T00:00:00Z', issuanceDate: '2024-02-30T10:00:00Z' }) },
    { name: 'symbol keys beside the fields', make: () => ({ ...clone(), [Symbol('hidden')]: revoked() }) },
    ...notJson().flatMap(([name, make]): HostileCase[] => [
      { name: `${name} in \`${field}\``, make: () => withAt(field, make()), noFingerprint: name.includes('10^6') || name.includes('1e6') },
      { name: `${name} inside \`${field}\``, make: () => withAt(field, { ...(typeof base[field] === 'object' && base[field] !== null ? (structuredClone(base[field]) as object) : {}), nested: make() }), noFingerprint: name.includes('10^6') || name.includes('1e6') },
      { name: `${name} in an unknown field`, make: () => withAt('unknownField', make()), noFingerprint: name.includes('10^6') || name.includes('1e6') },
    ]),
  ];
  return cases;
}

/**
 * A fingerprint of plain data, to show that a function did not change its input: JSON text, or
 * undefined when the input has no JSON text (a cycle, a proxy that throws, a bigint).
 */
export function fingerprint(value: unknown): string | undefined {
  try {
    return JSON.stringify(value, (_key, v: unknown) => (typeof v === 'object' && v !== null && ArrayBuffer.isView(v) ? `${v.constructor.name}:${v.byteLength}` : v));
  } catch {
    return undefined;
  }
}
