import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromElm } from '../src/elm/from-elm.js';
import { normalizeForElm } from '../src/elm/normalize.js';
import { toElm } from '../src/elm/to-elm.js';
import type { MicroCredential } from '../src/index.js';
import { validMicroCredential } from './helpers/arbitraries.js';
import { validFixtures } from './helpers/fixtures.js';

const withEidas = (mc: MicroCredential): MicroCredential => ({
  ...mc,
  id: mc.id ?? 'urn:uuid:00000000-0000-4000-8000-000000000000',
  issuer: { ...mc.issuer, identifiers: { ...mc.issuer.identifiers, eidas: mc.issuer.identifiers?.eidas ?? 'EIDAS-TEST-1' } },
});

describe('model → ELM → model', () => {
  it.each(validFixtures.map((f) => [f.name, f.doc as MicroCredential] as const))('%s comes back as it went, after normalisation', async (_, doc) => {
    const mc = withEidas(doc);
    const back = await fromElm(toElm(mc));
    expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
    expect(back.value).toEqual(normalizeForElm(mc));
  });

  it('holds for generated micro-credentials', async () => {
    await fc.assert(
      fc.asyncProperty(validMicroCredential, async (doc) => {
        const mc = withEidas(doc);
        const back = await fromElm(toElm(mc));
        expect(back.value).toEqual(normalizeForElm(mc));
        expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
      }),
      { numRuns: 300 },
    );
  });
});
