// validateElm on documents that carry a credential without being one: EDC's upload format, DC4EU's
// wrapper, JSON without @context, sealed envelopes (both JWS JSON serializations), and @context URLs
// written with white space.
import { describe, expect, it } from 'vitest';
import { validateElm } from '../src/validate-elm.js';
import { fixedSample, readJson } from './helpers/elm-sample.js';

const ebsi = () => readJson('fixtures/elm/ebsi-minimal.json');
const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('wrappers', () => {
  it.each([
    ['credential', "EDC's upload format"],
    ['elm', "DC4EU's format"],
  ])('{"%s": credential} gives one ELM_WRAPPED error naming the format and how to unwrap, then checks the credential', async (member, format) => {
    const { ok, issues } = await validateElm({ [member]: fixedSample() });
    expect(ok).toBe(false);
    expect(codes(issues)).toEqual(['ELM_WRAPPED']);
    expect(issues[0]).toMatchObject({ severity: 'error', path: '' });
    expect(issues[0]!.message).toContain(format);
    expect(issues[0]!.message).toContain(`doc.${member}`);
  });

  it("reports the wrapped credential's own issues with pointers starting at the member", async () => {
    const inner = fixedSample();
    inner.validFrom = 'yesterday';
    delete inner.credentialSubject.hasClaim.title;
    const { issues } = await validateElm({ credential: inner });
    expect(codes(issues)).toEqual(['ELM_WRAPPED', 'ELM_SHACL_VIOLATION', 'ELM_SHACL_VIOLATION']);
    expect(issues.slice(1).map((i) => i.path).sort()).toEqual(['/credential/credentialSubject/hasClaim', '/credential/validFrom']);
  });

  it('reads a member holding the credential as JSON text, the pointers continuing into the parsed text', async () => {
    const inner = fixedSample();
    inner.validFrom = 'yesterday';
    const { issues } = await validateElm({ credential: JSON.stringify(inner) });
    expect(codes(issues)).toEqual(['ELM_WRAPPED', 'ELM_SHACL_VIOLATION']);
    expect(issues[0]!.message).toMatch(/JSON text.*JSON\.parse\(doc\.credential\).*`jq -r \.credential`/);
    expect(issues[1]!.path).toBe('/credential/validFrom');
  });

  it('does the same on the EBSI profile', async () => {
    const { ok, issues } = await validateElm({ credential: ebsi() }, { profile: 'ebsi' });
    expect(ok).toBe(false);
    expect(codes(issues)).toEqual(['ELM_WRAPPED']);
    const broken = ebsi();
    broken.credentialSubject.hasClaim.title = 5;
    const again = await validateElm({ elm: broken }, { profile: 'ebsi' });
    expect(again.issues[0]!.code).toBe('ELM_WRAPPED');
    expect(again.issues[1]!.path).toBe('/elm/credentialSubject/hasClaim/title');
  });

  it.each([
    ['the EDC profile', {}],
    ['the EBSI profile', { profile: 'ebsi' as const }],
  ])('answers a credential without @context with one ELM_NO_CONTEXT error (%s), not a flood', async (_, options) => {
    const { '@context': _context, ...plain } = fixedSample();
    const { ok, issues } = await validateElm(plain, options);
    expect(ok).toBe(false);
    expect(issues).toEqual([expect.objectContaining({ code: 'ELM_NO_CONTEXT', path: '' })]);
    expect(issues[0]!.message).toMatch(/no `@context`.*not JSON-LD/);
  });

  it('leaves the caller input as it was', async () => {
    const doc = { credential: fixedSample() };
    const before = JSON.stringify(doc);
    await validateElm(doc);
    expect(JSON.stringify(doc)).toBe(before);
  });
});

describe('sealed envelopes', () => {
  const signed = () => readJson('test/vectors/eu-elm/Sample-MC-Annex1-signed.jsonld');
  const base64url = (text: string) => Buffer.from(text, 'utf8').toString('base64url');

  it('checks the payload of a general-serialization envelope (EDC), with a warning that the seal is not checked', async () => {
    const { ok, issues } = await validateElm(signed());
    expect(ok).toBe(true);
    expect(issues).toEqual([expect.objectContaining({ code: 'ELM_SEALED_ENVELOPE', severity: 'warning', path: '' })]);
    expect(issues[0]!.message).toMatch(/general serialization.*verifyEdcSeal/);
  });

  it('checks a flattened-serialization envelope, and a base64url payload, the same way', async () => {
    const { payload, signatures } = signed();
    const flattened = { payload, protected: signatures[0].protected, signature: signatures[0].signature };
    expect(codes((await validateElm(flattened)).issues)).toEqual(['ELM_SEALED_ENVELOPE']);
    expect((await validateElm(flattened)).issues[0]!.message).toMatch(/flattened/);
    expect(await validateElm({ payload: base64url(payload), signatures })).toMatchObject({ ok: true });
  });

  it("reports the payload's content issues under /payload, and fails on them", async () => {
    const { signatures } = signed();
    const inner = fixedSample();
    inner.validFrom = 'yesterday';
    const { ok, issues } = await validateElm({ payload: JSON.stringify(inner), signatures });
    expect(ok).toBe(false);
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['ELM_SEALED_ENVELOPE', ''],
      ['ELM_SHACL_VIOLATION', '/payload/validFrom'],
    ]);
  });

  it('fails an envelope whose payload is no credential (an empty presentation, text)', async () => {
    const { signatures } = signed();
    const empty = await validateElm({ payload: JSON.stringify({ '@context': ['https://www.w3.org/2018/credentials/v1'], type: ['VerifiablePresentation'] }), signatures });
    expect(empty.ok).toBe(false);
    expect(codes(empty.issues)).toEqual(['ELM_SEALED_ENVELOPE', 'ELM_NO_CREDENTIAL']);
    const text = await validateElm({ payload: 'hello', signatures });
    expect(text).toMatchObject({ ok: false, issues: [{ code: 'ELM_NOT_JSON_LD', path: '/payload' }] });
  });
});

describe('context URLs quoted as written', () => {
  it.each([
    'https://www.w3.org/2018/credentials/v1 ',
    ' https://www.w3.org/2018/credentials/v1',
    'https://www.w3.org/2018/credentials/v1\t',
    'https://www.w3.org/2018/credentials/ v1',
  ])('%j: quoted exactly, pointed at, and the white space named', async (url) => {
    const doc = fixedSample();
    doc['@context'][0] = url;
    const { issues } = await validateElm(doc);
    expect(issues).toEqual([expect.objectContaining({ code: 'ELM_CONTEXT_NOT_BUNDLED', term: url, path: '/@context/0' })]);
    expect(issues[0]!.message).toContain(`The @context ${JSON.stringify(url)} is not`);
    expect(issues[0]!.message).toContain('white space');
  });

  it('hints at the EBSI profile for the VC 2.0 context, in a form for the API and for the CLI', async () => {
    const { issues } = await validateElm(ebsi());
    expect(issues[0]!.hint).toEqual({ option: 'profile', value: 'ebsi', api: "{ profile: 'ebsi' }", cli: '--profile ebsi' });
    expect(issues[0]!.message).not.toMatch(/profile: 'ebsi'|--profile/);
  });
});
