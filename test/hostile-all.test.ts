/**
 * One bank of hostile inputs (test/helpers/hostile.ts) fed to every public function whose
 * documentation promises a result rather than an exception: it never throws or rejects, answers
 * with its documented result (with an error issue where the input cannot be what it must be),
 * within a generous time, and leaves its input as it was.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportToElm, fromElm, MicroCredentialValidationError, parseMicroCredential, toElm, validate, verifyEdcSeal, type MicroCredential } from '../src/index.js';
import { exportToOpenBadge, fromOpenBadge, toOpenBadge, unbakeBadge, unwrapBadge, validateOpenBadge } from '../src/ob3.js';
import { checkMicroCredentialClaims, fromSdJwtVcClaims, toSdJwtVcClaims, verifySdJwtVc } from '../src/sd-jwt-vc.js';
import { validateElm } from '../src/validate-elm.js';
import { renderPdf, renderPng, renderSvg } from '../src/render.js';
import { decodeTokenStatusList, readStatusEntries, StatusList, StatusListError } from '../src/status.js';
import { createPresentation, createStatusListCredential, generateIssuerKey, signCredential, signPresentation, summarizeStack, verifyCredential, verifyPresentation } from '../src/vc.js';
import { validFixtures } from './helpers/fixtures.js';
import { allTrapsThrow, fingerprint, type HostileCase, hostileCases, revoked, throwingGetter } from './helpers/hostile.js';

/** Per case: a 50 MB string or a 10^6-element array on a machine shared with other work. */
const TIMEOUT = 60_000;

const model = validFixtures.find((f) => f.name === 'higher-education')!.doc as Record<string, unknown>;
const elm = JSON.parse(readFileSync(new URL('vectors/eu-elm/Sample-MC-Annex1-unsigned.jsonld', import.meta.url), 'utf8')) as Record<string, unknown>;
const challenge = 'c0ffee-4711';
const domain = 'admissions.uni.example.eu';
const now = '2026-01-01T00:00:00Z';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const errors = (issues: unknown): unknown[] => (Array.isArray(issues) ? issues.filter((i) => isRecord(i) && i.severity === 'error') : []);

/** Whether a case puts its value where the function does not look (it may then answer "valid"). */
const elsewhere = (c: HostileCase) => c.acceptable === true || / inside `|in an unknown field|symbol keys beside/.test(c.name);

/** Runs one case: no exception, the result checked by `expectResult`, the input unchanged. */
async function run(c: HostileCase, call: (input: unknown) => unknown, expectResult: (result: unknown) => void): Promise<void> {
  const input = c.make();
  const before = c.noFingerprint ? undefined : fingerprint(input);
  const result = await call(input);
  expectResult(result);
  if (before !== undefined) expect(fingerprint(input)).toBe(before);
}

describe('eu-micro-credentials: validate()', () => {
  const cases = hostileCases(model, 'learner');
  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    await run(c, (input) => validate(input), (result) => {
      expect(isRecord(result)).toBe(true);
      const r = result as ReturnType<typeof validate>;
      expect(typeof r.ok).toBe('boolean');
      expect(r.issues.length).toBeLessThanOrEqual(101);
      for (const i of r.issues) expect(i.message.length).toBeLessThan(2000);
      // An unknown field is an error for validate(); only plain data in an unusual wrapper passes.
      if (!c.acceptable && !c.name.startsWith('symbol keys beside')) {
        expect(r.ok).toBe(false);
        expect(errors(r.issues).length).toBeGreaterThan(0);
      }
    });
  }, TIMEOUT);

  it.each(cases.filter((c) => !c.acceptable && !c.name.startsWith('symbol keys beside')).map((c) => [c.name, c] as const))('parseMicroCredential() throws only MicroCredentialValidationError for %s', (_, c) => {
    expect(() => parseMicroCredential(c.make())).toThrow(MicroCredentialValidationError);
  }, TIMEOUT);
});

describe('eu-micro-credentials: exportToElm()', () => {
  it.each(hostileCases(model, 'issuer').map((c) => [c.name, c] as const))('%s', async (_, c) => {
    await run(c, (input) => exportToElm(input), (result) => {
      const r = result as ReturnType<typeof exportToElm>;
      expect(typeof r.ok).toBe('boolean');
      expect(Array.isArray(r.issues)).toBe(true);
      if (!c.acceptable && !c.name.startsWith('symbol keys beside')) expect(errors(r.issues).length).toBeGreaterThan(0);
    });
  }, TIMEOUT);
});

describe('eu-micro-credentials: fromElm()', () => {
  it.each(hostileCases(elm, 'credentialSubject').map((c) => [c.name, c] as const))('%s', async (_, c) => {
    await run(c, async (input) => await fromElm(input), (result) => {
      const r = result as Awaited<ReturnType<typeof fromElm>>;
      expect(typeof r.ok).toBe('boolean');
      expect(isRecord(r.value)).toBe(true);
      expect(Array.isArray(r.issues)).toBe(true);
      if (!elsewhere(c) && !/__proto__|dates/.test(c.name)) {
        expect(r.ok).toBe(false);
        expect(errors(r.issues).length).toBeGreaterThan(0);
      }
    });
  }, TIMEOUT);
});

describe('eu-micro-credentials/ob3', () => {
  const badge = toOpenBadge(model as unknown as MicroCredential) as unknown as Record<string, unknown>;
  it.each(hostileCases(model, 'issuer').map((c) => [c.name, c] as const))('exportToOpenBadge(): %s', async (_, c) => {
    await run(c, (input) => exportToOpenBadge(input), (result) => {
      const r = result as ReturnType<typeof exportToOpenBadge>;
      expect(typeof r.ok).toBe('boolean');
      expect(Array.isArray(r.issues)).toBe(true);
      if (!c.acceptable && !c.name.startsWith('symbol keys beside')) expect(errors(r.issues).length).toBeGreaterThan(0);
    });
  }, TIMEOUT);
  it.each(hostileCases(badge, 'credentialSubject').map((c) => [c.name, c] as const))('fromOpenBadge(), unwrapBadge(), unbakeBadge(): %s', async (_, c) => {
    await run(c, (input) => fromOpenBadge(input), (result) => {
      const r = result as ReturnType<typeof fromOpenBadge>;
      expect(typeof r.ok).toBe('boolean');
      expect(isRecord(r.value)).toBe(true);
      expect(Array.isArray(r.issues)).toBe(true);
      // JSON text is one of the forms a badge arrives in (docs/ob3.md): read as the badge it is.
      if (c.name === 'the document as a JSON string') expect(r.ok).toBe(true);
      else if (!elsewhere(c) && !/__proto__|dates/.test(c.name)) expect(r.ok).toBe(false);
    });
    await run(c, (input) => unwrapBadge(input), (result) => expect(Array.isArray((result as ReturnType<typeof unwrapBadge>).issues)).toBe(true));
    await run(c, (input) => unbakeBadge(input as Uint8Array), (result) => expect((result as ReturnType<typeof unbakeBadge>).ok).toBe(false));
  }, TIMEOUT);
  it.each(hostileCases(badge, 'credentialSubject').map((c) => [c.name, c] as const))('validateOpenBadge(): %s', async (_, c) => {
    await run(c, async (input) => await validateOpenBadge(input, { profile: 'micro-credential' }), (result) => {
      const r = result as Awaited<ReturnType<typeof validateOpenBadge>>;
      expect(typeof r.ok).toBe('boolean');
      expect(Array.isArray(r.issues)).toBe(true);
      if (c.name === 'the document as a JSON string') expect(r.ok).toBe(true);
      else if (!elsewhere(c) && !/__proto__|dates/.test(c.name)) expect(r.ok).toBe(false);
    });
  }, TIMEOUT);
});

describe('eu-micro-credentials/sd-jwt-vc', () => {
  const claims = JSON.parse(readFileSync(new URL('vectors/we-build-rulebook/example-claim-set.json', import.meta.url), 'utf8')) as Record<string, unknown>;
  it.each(hostileCases(model, 'learner').map((c) => [c.name, c] as const))('toSdJwtVcClaims(): %s', async (_, c) => {
    await run(c, (input) => toSdJwtVcClaims(input), (result) => {
      const r = result as ReturnType<typeof toSdJwtVcClaims>;
      expect(typeof r.ok).toBe('boolean');
      expect(Array.isArray(r.issues)).toBe(true);
      if (!c.acceptable && !c.name.startsWith('symbol keys beside')) expect(errors(r.issues).length).toBeGreaterThan(0);
    });
  }, TIMEOUT);
  it.each(hostileCases(claims, 'accreditation').map((c) => [c.name, c] as const))('fromSdJwtVcClaims(), checkMicroCredentialClaims(): %s', async (_, c) => {
    await run(c, (input) => fromSdJwtVcClaims(input, { now: new Date(now) }), (result) => {
      const r = result as ReturnType<typeof fromSdJwtVcClaims>;
      expect(typeof r.ok).toBe('boolean');
      expect(Array.isArray(r.issues)).toBe(true);
    });
    await run(c, (input) => checkMicroCredentialClaims(input, { now: new Date('2026-12-01T00:00:00Z') }), (result) => {
      expect(Array.isArray(result)).toBe(true);
      // An accreditation object that reads as plain data (a null prototype) or as `{}` (symbol keys only) is no error.
      if (!elsewhere(c) && !/__proto__|dates|JSON string|null prototype|symbol keys only/.test(c.name)) expect(errors(result).length).toBeGreaterThan(0);
    });
  }, TIMEOUT);
  it.each(hostileCases(claims, 'accreditation').map((c) => [c.name, c] as const))('verifySdJwtVc() given a hostile value as the presentation and as the options: %s', async (_, c) => {
    for (const call of [(input: unknown) => verifySdJwtVc(input, { issuerKeys: [] }), (input: unknown) => verifySdJwtVc('e30.e30.AA~', input as never)]) {
      await run(c, call, (result) => {
        const r = result as Awaited<ReturnType<typeof verifySdJwtVc>>;
        expect(r.verified).toBe(false);
        expect(errors(r.issues).length).toBeGreaterThan(0);
      });
    }
  }, TIMEOUT);
});

describe.each(['edc', 'ebsi'] as const)('eu-micro-credentials/validate-elm: validateElm(doc, { profile: %j })', (profile) => {
  it.each(hostileCases(elm, 'credentialSubject').map((c) => [c.name, c] as const))('%s', async (_, c) => {
    await run(c, (input) => validateElm(input, { profile }), (result) => {
      const r = result as Awaited<ReturnType<typeof validateElm>>;
      expect(typeof r.ok).toBe('boolean');
      expect(r.issues.length).toBeLessThanOrEqual(1001);
      // The EU sample itself does not meet the EDC shapes: every case is an error.
      expect(r.ok).toBe(false);
      expect(errors(r.issues).length).toBeGreaterThan(0);
    });
  }, TIMEOUT);
});

describe('eu-micro-credentials/validate-elm: hostile options are a TypeError or ignored, never another exception', () => {
  const options: [string, () => unknown][] = [
    ['a number', () => 5],
    ['null', () => null],
    ['an array', () => []],
    ['a revoked proxy', () => revoked()],
    ['a proxy whose every trap throws', () => allTrapsThrow()],
    ['a getter on profile that throws', () => throwingGetter({}, 'profile')],
    ['an unknown profile', () => ({ profile: 'edx' })],
  ];
  it.each(options)('%s', async (_, make) => {
    try {
      const result = await validateElm({}, make() as never);
      expect(typeof result.ok).toBe('boolean');
    } catch (e) {
      expect(e).toBeInstanceOf(TypeError);
    }
  });
});

describe('eu-micro-credentials/vc', () => {
  let credential: Record<string, unknown>;
  let presentation: Record<string, unknown>;
  let presentationResult: Record<string, unknown>;

  beforeAll(async () => {
    const seed = (n: number) => new Uint8Array(32).fill(n);
    const issuer = await generateIssuerKey({ seed: seed(7) });
    const holder = await generateIssuerKey({ seed: seed(11) });
    const mc = model as unknown as MicroCredential;
    const doc = toElm({ ...mc, learner: { ...mc.learner, id: holder.controller }, issuer: { ...mc.issuer, id: issuer.controller, identifiers: { eidas: 'IE-TEST-1' } } }, { id: 'urn:uuid:00000000-0000-4000-8000-000000000001' });
    credential = (await signCredential(doc, { key: issuer, created: '2025-06-30T12:00:00Z' })) as Record<string, unknown>;
    const vp = createPresentation({ credentials: [credential], holder: holder.controller, id: 'urn:uuid:11111111-1111-4111-8111-111111111111' });
    presentation = (await signPresentation(vp, { key: holder, challenge, domain, created: '2025-06-30T12:00:00Z' })) as Record<string, unknown>;
    presentationResult = structuredClone(await verifyPresentation(presentation, { challenge, domain, now })) as unknown as Record<string, unknown>;
  }, TIMEOUT);

  // The documents are made in beforeAll: the cases are listed by name and built when they run.
  const names = (field: string) => hostileCases({ [field]: {} }, field).map((c) => c.name);
  const find = (base: Record<string, unknown>, field: string, name: string) => hostileCases(base, field).find((c) => c.name === name)!;

  describe('verifyCredential()', () => {
    it.each(names('credentialSubject'))('%s', async (name) => {
      const c = find(credential, 'credentialSubject', name);
      await run(c, (input) => verifyCredential(input, { now }), (result) => {
        const r = result as Awaited<ReturnType<typeof verifyCredential>>;
        expect(typeof r.verified).toBe('boolean');
        expect(Array.isArray(r.checks)).toBe(true);
        if (!c.acceptable && !c.name.startsWith('symbol keys beside')) {
          expect(r.verified).toBe(false);
          expect(errors(r.issues).length).toBeGreaterThan(0);
        }
      });
    }, TIMEOUT);
  });

  describe('verifyPresentation() with a valid challenge and domain', () => {
    it.each(names('verifiableCredential'))('%s', async (name) => {
      const c = find(presentation, 'verifiableCredential', name);
      await run(c, (input) => verifyPresentation(input, { challenge, domain, now }), (result) => {
        const r = result as Awaited<ReturnType<typeof verifyPresentation>>;
        expect(typeof r.verified).toBe('boolean');
        expect(Array.isArray(r.credentials)).toBe(true);
        if (!c.acceptable && !c.name.startsWith('symbol keys beside')) {
          expect(r.verified).toBe(false);
          expect(errors(r.issues).length).toBeGreaterThan(0);
        }
      });
    }, TIMEOUT);
  });

  describe('summarizeStack() of a hostile verification result', () => {
    it.each(names('credentials'))('%s', async (name) => {
      const c = find(presentationResult, 'credentials', name);
      await run(c, async (input) => await summarizeStack(input as never), (result) => {
        const r = result as Awaited<ReturnType<typeof summarizeStack>>;
        expect(typeof r.ok).toBe('boolean');
        expect(Array.isArray(r.credentials)).toBe(true);
        expect(Array.isArray(r.issues)).toBe(true);
        if (!elsewhere(c) && !/__proto__|dates/.test(c.name)) expect(r.ok).toBe(false);
      });
    }, TIMEOUT);
  });

  describe('verifyEdcSeal() of a hostile envelope', () => {
    const envelope = { payload: 'eyJhIjoxfQ', signatures: [{ protected: 'eyJhbGciOiJFUzI1NiJ9', signature: 'AAAA' }] };
    it.each(hostileCases(envelope, 'signatures').map((c) => [c.name, c] as const))('%s', async (_, c) => {
      await run(c, (input) => verifyEdcSeal(input), (result) => {
        const r = result as Awaited<ReturnType<typeof verifyEdcSeal>>;
        expect(r.verified).toBe(false);
        expect(errors(r.issues).length).toBeGreaterThan(0);
      });
    }, TIMEOUT);
  });
});

describe('eu-micro-credentials/status', () => {
  const LIST = 'https://uni.example.eu/status/1';
  let credential: Record<string, unknown>;
  let listCredential: Record<string, unknown>;
  const list = StatusList.create({ id: LIST, format: 'bitstring' });
  const index = list.allocate();

  beforeAll(async () => {
    const issuer = await generateIssuerKey({ seed: new Uint8Array(32).fill(5) });
    const mc = model as unknown as MicroCredential;
    const doc = toElm({ ...mc, issuer: { ...mc.issuer, id: issuer.controller } }, { credentialStatus: list.entry(index) });
    credential = (await signCredential(doc, { key: issuer })) as Record<string, unknown>;
    listCredential = (await signCredential(createStatusListCredential(list, { issuer: issuer.controller, validFrom: '2025-01-01T00:00:00Z' }), { key: issuer })) as Record<string, unknown>;
    expect((await verifyCredential(credential, { statusLists: [listCredential] })).issues).toEqual([]);
  }, TIMEOUT);

  const names = (field: string) => hostileCases({ [field]: {} }, field).map((c) => c.name);
  const find = (base: Record<string, unknown>, field: string, name: string) => hostileCases(base, field).find((c) => c.name === name)!;

  it.each(names('credentialSubject'))('verifyCredential() given a hostile status list: %s', async (name) => {
    const c = find(listCredential, 'credentialSubject', name);
    await run(c, (input) => verifyCredential(credential, { statusLists: [input] }), (result) => {
      const r = result as Awaited<ReturnType<typeof verifyCredential>>;
      // The JSON text of the list is one of the forms a list is given in.
      if (c.name === 'the document as a JSON string' || elsewhere(c) || c.name.startsWith('symbol keys beside')) return;
      expect(r.verified).toBe(false);
      expect(r.issues.some((i) => i.code === 'STATUS_UNKNOWN' && i.severity === 'error')).toBe(true);
    });
  }, TIMEOUT);

  it.each(names('statusListCredential'))('readStatusEntries() given a hostile entry: %s', async (name) => {
    const c = find(list.entry(index) as unknown as Record<string, unknown>, 'statusListCredential', name);
    await run(c, (input) => readStatusEntries(input, '/credentialStatus'), (result) => {
      const r = result as ReturnType<typeof readStatusEntries>;
      expect(Array.isArray(r.entries)).toBe(true);
      // An array of the one entry is a credentialStatus; a class instance with the entry's members reads as it; the entry has no dates.
      if (!elsewhere(c) && !/symbol keys|null prototype|array holding the document|class instance|dates that do not exist/.test(c.name)) expect(r.issues.length).toBeGreaterThan(0);
    });
  }, TIMEOUT);

  it.each(names('lst'))('StatusList.fromJSON() and decodeTokenStatusList() throw a StatusListError or a TypeError, nothing else: %s', async (name) => {
    for (const [base, call] of [
      [list.toJSON() as unknown as Record<string, unknown>, (input: unknown) => StatusList.fromJSON(input)],
      [StatusList.create({ id: LIST, format: 'token' }).encoded() as unknown as Record<string, unknown>, (input: unknown) => decodeTokenStatusList(input)],
    ] as const) {
      const c = find(base, 'lst', name);
      await run(c, (input) => {
        try {
          call(input);
          return undefined;
        } catch (error) {
          return error;
        }
      }, (error) => {
        if (error !== undefined) expect(error instanceof StatusListError || error instanceof TypeError, String(error)).toBe(true);
      });
    }
  }, TIMEOUT);
});

describe('eu-micro-credentials/render', () => {
  // The pictures throw on what cannot be drawn: a TypeError saying what is wrong, nothing else;
  // what they accept they draw (SVG text, PNG and PDF bytes).
  const outcome = async (call: () => unknown): Promise<unknown> => {
    try {
      return await call();
    } catch (error) {
      return error;
    }
  };
  const cases = hostileCases(model, 'learner');
  it.each(cases.map((c) => [c.name, c] as const))('renderSvg(), renderPng() and renderPdf() given %s', async (_, c) => {
    for (const [call, check] of [
      [(input: unknown) => renderSvg(input as MicroCredential), (r: unknown) => expect(String(r)).toMatch(/^<svg /)],
      [(input: unknown) => renderPng(input as MicroCredential, { width: 200 }), (r: unknown) => expect((r as Uint8Array)[1]).toBe(0x50)],
      [(input: unknown) => renderPdf(input as MicroCredential, { creationDate: new Date(now) }), (r: unknown) => expect(new TextDecoder().decode((r as Uint8Array).subarray(0, 5))).toBe('%PDF-')],
    ] as const) {
      await run(c, (input) => outcome(() => call(input)), (result) => {
        if (result instanceof Error) expect(result, String(result)).toBeInstanceOf(TypeError);
        else check(result);
        if (!c.acceptable && !c.name.startsWith('symbol keys beside')) expect(result).toBeInstanceOf(TypeError);
      });
    }
  }, TIMEOUT);
});
