import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fromElm } from '../src/elm/import/from-elm.js';
import { normalizeForElm } from '../src/elm/export/normalize.js';
import { toElm } from '../src/elm/export/to-elm.js';
import type { MicroCredential, Organisation, QualityAssurance } from '../src/index.js';
import { validMicroCredential } from './helpers/arbitraries.js';
import { everyFieldMicroCredential } from './helpers/every-field.js';
import { validFixtures } from './helpers/fixtures.js';

const withEidas = (mc: MicroCredential): MicroCredential => ({
  ...mc,
  id: mc.id ?? 'urn:uuid:00000000-0000-4000-8000-000000000000',
  issuer: { ...mc.issuer, identifiers: { ...mc.issuer.identifiers, eidas: mc.issuer.identifiers?.eidas ?? 'EIDAS-TEST-1' } },
});

async function roundTrip(mc: MicroCredential) {
  const back = await fromElm(toElm(mc));
  expect(back.issues.filter((i) => i.severity === 'error')).toEqual([]);
  return back.value as MicroCredential;
}

/** Every place in `b` whose value differs from `a`'s, as `path: a → b` (empty when they are equal). */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object' && Array.isArray(a) === Array.isArray(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return [`${path}: ${JSON.stringify(a)} → ${JSON.stringify(b)}`];
}

const rich = validFixtures.find((f) => f.name === 'every-optional-element')!.doc as MicroCredential;
const agency: Organisation = {
  id: 'https://cert.example.eu',
  legalName: { en: 'Example Certification', fr: 'Certification Exemple' },
  country: 'BE',
  region: 'BE100',
  address: '1 Rue de l’Exemple, 1000 Bruxelles',
  homepage: 'https://cert.example.eu',
  email: 'qa@cert.example.eu',
  identifiers: { eidas: 'NTRBE-0123456789', vat: 'BE0123456789', registration: 'KBO 0123.456.789', other: [{ scheme: 'ORCID', value: '0000-0002-1825-0097' }, { scheme: 'https://registry.example.eu/ids', value: 'A: 17' }] },
};
const internalInFull: QualityAssurance = {
  type: 'internal-quality-assurance',
  title: { en: 'Annual programme review', fr: 'Revue annuelle du programme' },
  framework: 'ISO-21001',
  agent: agency,
  url: 'https://www.example-ecole.fr/quality',
  issued: '2024-01-15T00:00:00+01:00',
  expires: '2029-01-14T23:59:59Z',
};

describe('model → ELM → model', () => {
  it.each(validFixtures.map((f) => [f.name, withEidas(f.doc as MicroCredential)] as const))('%s comes back as it went, after normalisation', async (_, mc) => {
    expect(differences(normalizeForElm(mc), await roundTrip(mc))).toEqual([]);
  });

  it('holds for generated micro-credentials', async () => {
    await fc.assert(
      fc.asyncProperty(validMicroCredential, async (doc) => {
        const mc = withEidas(doc);
        expect(differences(normalizeForElm(mc), await roundTrip(mc))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });

  it('holds for generated micro-credentials that use every field of the model', async () => {
    await fc.assert(
      fc.asyncProperty(everyFieldMicroCredential, async (doc) => {
        const mc = withEidas(doc);
        expect(differences(normalizeForElm(mc), await roundTrip(mc))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});

describe('internal quality assurance survives the round trip', () => {
  it('with every detail, the body in full, and in its place among the other entries', async () => {
    const mc = withEidas({ ...rich, qualityAssurance: [internalInFull, ...rich.qualityAssurance] });
    const back = await roundTrip(mc);
    // No normalisation at all for quality assurance: the entries come back as they are.
    expect(back.qualityAssurance).toEqual(mc.qualityAssurance);
    expect(back.qualityAssurance.map((q) => q.type)).toEqual(['internal-quality-assurance', 'programme-quality-assurance', 'internal-quality-assurance']);
  });

  it('keeps an internal body that is the issuer (the model spelling is kept, unlike for an accreditation)', async () => {
    const mc = withEidas({ ...rich, qualityAssurance: [{ type: 'internal-quality-assurance', title: 'Self-evaluation', agent: rich.issuer }] });
    expect((await roundTrip(mc)).qualityAssurance).toEqual(mc.qualityAssurance);
  });

  it('keeps several internal entries apart', async () => {
    const second = { type: 'internal-quality-assurance' as const, title: 'Student feedback', framework: 'EQAVET', url: 'https://www.example-ecole.fr/feedback' };
    const mc = withEidas({ ...rich, qualityAssurance: [rich.qualityAssurance[0]!, second, internalInFull] });
    expect((await roundTrip(mc)).qualityAssurance).toEqual(mc.qualityAssurance);
  });

  it('still reads a title-only note as version 0.1 wrote it', async () => {
    const mc = withEidas({ ...rich, qualityAssurance: [rich.qualityAssurance[0]!] });
    const doc = toElm(mc) as Record<string, any>;
    const q = doc.credentialSubject.hasClaim.specifiedBy;
    const legacy = {
      type: 'Note',
      noteLiteral: { en: 'Internal quality system' },
      subject: { id: 'urn:eu-micro-credentials:quality-assurance:internal-quality-assurance', type: 'Concept', prefLabel: { en: 'Internal quality assurance' } },
    };
    q.additionalNote = [...(Array.isArray(q.additionalNote) ? q.additionalNote : q.additionalNote ? [q.additionalNote] : []), legacy];
    const back = await fromElm(doc);
    expect(back.value.qualityAssurance).toEqual([mc.qualityAssurance[0], { type: 'internal-quality-assurance', title: 'Internal quality system' }]);
  });
});

describe('normalizeForElm', () => {
  it('changes spellings only: on a model written in its ELM form it is the identity', () => {
    fc.assert(
      fc.property(everyFieldMicroCredential, (mc) => {
        const once = normalizeForElm(mc);
        expect(normalizeForElm(once)).toEqual(once);
      }),
      { numRuns: 100 },
    );
  });

  it('leaves internal quality assurance and the order of entries alone', () => {
    const mc = { ...rich, qualityAssurance: [internalInFull, ...rich.qualityAssurance] };
    expect(normalizeForElm(mc).qualityAssurance).toEqual(JSON.parse(JSON.stringify(mc.qualityAssurance)));
  });
});
