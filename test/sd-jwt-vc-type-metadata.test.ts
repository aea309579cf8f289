// SD-JWT VC type metadata of VerifiableMicroCredential: createTypeMetadata, validateTypeMetadata,
// checkClaimsAgainstTypeMetadata, renderSvgTemplate. Oracles: the rulebook table, SUNET's and
// dc4eu's published VCTMs (test/vectors/), @sd-jwt/sd-jwt-vc's zod schema, and the EU translation
// files themselves (scripts/data/sd-jwt-vc-labels/, read here independently of the generator).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { TypeMetadataFormatSchema } from '@sd-jwt/sd-jwt-vc';
// n3 ships no types: the one call used here, typed.
// @ts-expect-error n3 has no declaration file
import { Parser as N3Parser } from 'n3';

interface Quad { subject: { value: string }; predicate: { value: string }; object: { value: string; language: string } }
const Parser = N3Parser as new () => { parse(text: string): Quad[] };
import { describe, expect, it } from 'vitest';
import { SD_JWT_VC_LABELS } from '../src/generated/sd-jwt-vc-labels.js';
import { checkIntegrity } from '../src/sd-jwt-vc/integrity.js';
import { RULEBOOK_CLAIMS } from '../src/sd-jwt-vc/rulebook.js';
import { MICRO_CREDENTIAL_SVG_TEMPLATE, MICRO_CREDENTIAL_SVG_TEMPLATE_INTEGRITY, renderSvgTemplate } from '../src/sd-jwt-vc/svg-template.js';
import { createTypeMetadata, type TypeMetadata } from '../src/sd-jwt-vc/type-metadata.js';
import { checkClaimsAgainstTypeMetadata } from '../src/sd-jwt-vc/type-metadata/check.js';
import { validateTypeMetadata } from '../src/sd-jwt-vc/type-metadata/validate.js';

const root = join(import.meta.dirname, '..');
const readJson = (...p: string[]) => JSON.parse(readFileSync(join(root, ...p), 'utf8')) as Record<string, unknown>;
const sunet = readJson('test/vectors/sunet-vctm/vctm_microcredential.sunet.json');
const dc4eu = readJson('test/vectors/dc4eu-vctm/vctm_microcredential.dc4eu.json');
const labelData = join(root, 'scripts/data/sd-jwt-vc-labels');

describe('validateTypeMetadata on published documents', () => {
  it('SUNET\'s VerifiableMicroCredential VCTM passes with no issue', () => {
    expect(validateTypeMetadata(sunet)).toEqual({ ok: true, issues: [] });
  });

  it('dc4eu\'s VCTM fails with the defects it has', () => {
    const r = validateTypeMetadata(dc4eu);
    expect(r.ok).toBe(false);
    const errors = r.issues.filter((i) => i.severity === 'error');
    expect(errors.every((i) => i.code === 'SDJWT_TYPE_METADATA_MALFORMED' && i.in === 'metadata')).toBe(true);
    const at = (p: string) => errors.filter((i) => i.path === p);
    expect(at('/extends#integrity')).toHaveLength(1);
    expect(at('/display/0/lang')[0]?.message).toMatch(/`lang`.*`locale`/);
    // Every claim display uses `lang` as well.
    const claims = dc4eu.claims as { path: unknown[]; display?: unknown[] }[];
    const langPaths = claims.flatMap((c, i) => (c.display ?? []).map((_, j) => `/claims/${i}/display/${j}/lang`));
    expect(langPaths.length).toBeGreaterThan(10);
    for (const p of langPaths) expect(at(p), p).toHaveLength(1);
    // Path elements with an index in the name.
    const bracketed = claims.flatMap((c, i) => c.path.flatMap((e, j) => (typeof e === 'string' && /\[\d+\]$/.test(e) ? [`/claims/${i}/path/${j}`] : [])));
    expect(bracketed.length).toBeGreaterThan(0);
    expect(claims.some((c) => c.path.includes('resultDescription[0]'))).toBe(true);
    for (const p of bracketed) expect(at(p)[0]?.message, p).toMatch(/array index/);
    // Nothing else is reported as an error.
    expect(errors).toHaveLength(1 + 1 + langPaths.length + bracketed.length);
  });
});

describe('validateTypeMetadata rules, one by one', () => {
  const base = (): Record<string, unknown> => ({ vct: 'urn:x', display: [{ locale: 'en', name: 'X' }], claims: [{ path: ['a'] }] });
  const paths = (doc: unknown) => validateTypeMetadata(doc).issues.filter((i) => i.severity === 'error').map((i) => i.path);
  it('accepts the minimal valid document', () => expect(paths(base())).toEqual([]));
  it.each([
    ['no vct', (d: Record<string, unknown>) => delete d.vct, ['/vct']],
    ['display without locale', (d: Record<string, unknown>) => ((d.display as object[])[0] = { name: 'X' }), ['/display/0']],
    ['display without name', (d: Record<string, unknown>) => ((d.display as object[])[0] = { locale: 'en' }), ['/display/0']],
    ['bad locale', (d: Record<string, unknown>) => ((d.display as object[])[0] = { locale: 'english!', name: 'X' }), ['/display/0/locale']],
    ['empty path', (d: Record<string, unknown>) => (d.claims = [{ path: [] }]), ['/claims/0/path']],
    ['negative index', (d: Record<string, unknown>) => (d.claims = [{ path: ['a', -1] }]), ['/claims/0/path/1']],
    ['fractional index', (d: Record<string, unknown>) => (d.claims = [{ path: ['a', 1.5] }]), ['/claims/0/path/1']],
    ['object in path', (d: Record<string, unknown>) => (d.claims = [{ path: ['a', {}] }]), ['/claims/0/path/1']],
    ['path starting with null', (d: Record<string, unknown>) => (d.claims = [{ path: [null, 'a'] }]), ['/claims/0/path/0']],
    ['sd outside the enum', (d: Record<string, unknown>) => (d.claims = [{ path: ['a'], sd: 'sometimes' }]), ['/claims/0/sd']],
    ['mandatory not boolean', (d: Record<string, unknown>) => (d.claims = [{ path: ['a'], mandatory: 'yes' }]), ['/claims/0/mandatory']],
    ['svg_id starting with a digit', (d: Record<string, unknown>) => (d.claims = [{ path: ['a'], svg_id: '1a' }]), ['/claims/0/svg_id']],
    ['svg_id with a dash', (d: Record<string, unknown>) => (d.claims = [{ path: ['a'], svg_id: 'a-b' }]), ['/claims/0/svg_id']],
    ['svg_id twice', (d: Record<string, unknown>) => (d.claims = [{ path: ['a'], svg_id: 'x' }, { path: ['b'], svg_id: 'x' }]), ['/claims/1/svg_id']],
    ['claim display without label', (d: Record<string, unknown>) => (d.claims = [{ path: ['a'], display: [{ locale: 'de' }] }]), ['/claims/0/display/0']],
    ['http rendering uri', (d: Record<string, unknown>) => ((d.display as object[])[0] = { locale: 'en', name: 'X', rendering: { svg_templates: [{ uri: 'http://x.example/a.svg' }] } }), ['/display/0/rendering/svg_templates/0/uri']],
    ['logo without uri', (d: Record<string, unknown>) => ((d.display as object[])[0] = { locale: 'en', name: 'X', rendering: { simple: { logo: { alt_text: 'x' } } } }), ['/display/0/rendering/simple/logo']],
    ['two templates, one without properties', (d: Record<string, unknown>) => ((d.display as object[])[0] = { locale: 'en', name: 'X', rendering: { svg_templates: [{ uri: 'data:,a', properties: { orientation: 'portrait' } }, { uri: 'data:,b' }] } }), ['/display/0/rendering/svg_templates/1']],
    ['orientation outside the enum', (d: Record<string, unknown>) => ((d.display as object[])[0] = { locale: 'en', name: 'X', rendering: { svg_templates: [{ uri: 'data:,a', properties: { orientation: 'square' } }] } }), ['/display/0/rendering/svg_templates/0/properties/orientation']],
    ['malformed uri#integrity', (d: Record<string, unknown>) => ((d.display as object[])[0] = { locale: 'en', name: 'X', rendering: { svg_templates: [{ uri: 'data:,a', 'uri#integrity': 'md5-abc' }] } }), ['/display/0/rendering/svg_templates/0/uri#integrity']],
  ])('%s', (_name, change, expected) => {
    const doc = base();
    change(doc);
    expect(paths(doc)).toEqual(expected);
  });
  it('one template without properties is fine; not an object is one issue; a throwing getter is an issue', () => {
    const doc = base();
    (doc.display as object[])[0] = { locale: 'en', name: 'X', rendering: { svg_templates: [{ uri: 'https://x.example/a.svg' }] } };
    expect(paths(doc)).toEqual([]);
    for (const v of [null, [], 'x', 42]) expect(paths(v)).toEqual(['']);
    const hostile = { get vct(): string { throw new Error('boom'); } };
    expect(validateTypeMetadata(hostile).ok).toBe(false);
  });
});

describe('createTypeMetadata', () => {
  const tm = createTypeMetadata();
  const claimAt = (path: unknown[]) => tm.claims!.find((c) => JSON.stringify(c.path) === JSON.stringify(path));

  it('validates with our validator and with @sd-jwt/sd-jwt-vc\'s zod schema', () => {
    expect(validateTypeMetadata(tm)).toEqual({ ok: true, issues: [] });
    const parsed = TypeMetadataFormatSchema.safeParse(tm);
    expect(parsed.success, JSON.stringify(parsed.error?.issues?.slice(0, 3))).toBe(true);
  });

  it('has every rulebook claim with the rulebook\'s mandatory and sd, and the English label', () => {
    expect(tm.vct).toBe('VerifiableMicroCredential');
    expect(RULEBOOK_CLAIMS).toHaveLength(48);
    for (const rc of RULEBOOK_CLAIMS) {
      const c = claimAt([rc.name]);
      expect(c, rc.name).toBeDefined();
      expect(c!.mandatory, rc.name).toBe(rc.mandatory);
      expect(c!.sd, rc.name).toBe(rc.sd);
      expect(c!.display?.find((d) => d.locale === 'en')?.label, rc.name).toBe(rc.label);
    }
    const top = tm.claims!.filter((c) => c.path.length === 1);
    expect(top).toHaveLength(48);
  });

  it('agrees with SUNET\'s published metadata on every claim\'s mandatory and sd', () => {
    for (const s of sunet.claims as { path: string[]; mandatory?: boolean; sd?: string }[]) {
      const c = claimAt(s.path);
      expect(c, s.path.join('.')).toBeDefined();
      expect(c!.mandatory ?? false, s.path.join('.')).toBe(s.mandatory ?? false);
      expect(c!.sd ?? 'allowed', s.path.join('.')).toBe(s.sd ?? 'allowed');
    }
  });

  it('labels in de, fr, el and bg are the EU source strings, exactly', () => {
    const edc = (lang: string) => JSON.parse(readFileSync(join(labelData, 'edc-viewer-i18n', `${lang}.json`), 'utf8')) as Record<string, string>;
    const quads = new Parser().parse(readFileSync(join(labelData, 'ELM-3.2-ontology-multilingual.ttl'), 'utf8'));
    const elm = (term: string, lang: string) =>
      quads.find((q) => q.subject.value === `http://data.europa.eu/snb/model/elm/${term}` && q.predicate.value.endsWith('#label') && q.object.language === lang)?.object.value;
    let checked = 0;
    for (const lang of ['de', 'fr', 'el', 'bg']) {
      const strings = edc(lang);
      for (const [key, { source }] of Object.entries(SD_JWT_VC_LABELS)) {
        const c = claimAt(key.split('.'));
        const label = c?.display?.find((d) => d.locale === lang)?.label;
        const expected = source.startsWith('edc:') ? strings[source.slice(4)] : elm(source.slice(4), lang);
        expect(label, `${key} @${lang}`).toBe(expected?.trim());
        checked++;
      }
    }
    expect(checked).toBeGreaterThanOrEqual(4 * 25);
    expect(claimAt(['learningOutcomes'])!.display!.find((d) => d.locale === 'de')?.label).toBe('Lernergebnisse');
  });

  it('a claim with no EU label has English only; locales restrict the languages', () => {
    for (const name of ['title', 'givenName', 'familyName', 'qualityAssurance']) {
      expect(claimAt([name])!.display!.map((d) => d.locale), name).toEqual(['en']);
    }
    const small = createTypeMetadata({ locales: ['de'] });
    const locales = new Set(small.claims!.flatMap((c) => (c.display ?? []).map((d) => d.locale)));
    expect([...locales].sort()).toEqual(['de', 'en']);
  });

  it('the generated labels file is what the generator writes now', () => {
    const r = spawnSync(process.execPath, ['scripts/gen-sd-jwt-vc-labels.mjs', '--stdout'], { cwd: root, encoding: 'utf8' });
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(readFileSync(join(root, 'src/generated/sd-jwt-vc-labels.ts'), 'utf8'));
  });

  it('the SVG template is a data: URI of the template, with a matching uri#integrity and properties', async () => {
    const t = tm.display![0]!.rendering!.svg_templates![0]!;
    expect(t.properties).toEqual({ orientation: 'landscape', color_scheme: 'light', contrast: 'normal' });
    const bytes = Uint8Array.from(atob(t.uri.replace(/^data:image\/svg\+xml;base64,/, '')), (ch) => ch.charCodeAt(0));
    expect(new TextDecoder().decode(bytes)).toBe(MICRO_CREDENTIAL_SVG_TEMPLATE);
    expect(await checkIntegrity(bytes, t['uri#integrity']!)).toEqual({ ok: true, algorithm: 'sha256' });
    expect(await checkIntegrity(MICRO_CREDENTIAL_SVG_TEMPLATE, MICRO_CREDENTIAL_SVG_TEMPLATE_INTEGRITY)).toMatchObject({ ok: true });
    const hosted = createTypeMetadata({ svgTemplateUri: 'https://example.org/card.svg' });
    expect(hosted.display![0]!.rendering!.svg_templates![0]!.uri).toBe('https://example.org/card.svg');
    expect(createTypeMetadata({ includeSvgTemplate: false }).display![0]!.rendering!.svg_templates).toBeUndefined();
  });

  it('every placeholder of the template has its svg_id, and returns a fresh object each call', () => {
    const ids = new Set(tm.claims!.flatMap((c) => (c.svg_id ? [c.svg_id] : [])));
    const used = [...MICRO_CREDENTIAL_SVG_TEMPLATE.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]);
    expect(used.length).toBeGreaterThanOrEqual(8);
    for (const id of used) expect(ids.has(id!), id).toBe(true);
    const a = createTypeMetadata();
    a.claims![0]!.path[0] = 'changed';
    expect(createTypeMetadata().claims![0]!.path[0]).toBe('iss');
  });
});

describe('renderSvgTemplate', () => {
  const tm = createTypeMetadata();
  const claims = {
    title: 'Data ethics & <AI>',
    givenName: 'Zoë',
    familyName: "O'Brien",
    awardingBody: 'Linköping "University"',
    issuerCountry: 'SE',
    issuanceDate: '2026-06-15',
    notionalWorkload: { value: 3, unit: 'ECTS' },
  };

  it('substitutes every placeholder with the escaped value, and absent claims with nothing', () => {
    const r = renderSvgTemplate(MICRO_CREDENTIAL_SVG_TEMPLATE, tm, claims);
    expect(r.ok).toBe(true);
    const svg = r.ok ? r.svg : '';
    expect(svg).toContain('>Data ethics &amp; &lt;AI&gt;</text>');
    expect(svg).toContain('>Zoë O&apos;Brien</text>');
    expect(svg).toContain('>Linköping &quot;University&quot;</text>');
    expect(svg).toContain('>3 ECTS</text>');
    expect(svg).toContain('>2026-06-15</text>');
    expect(svg).not.toMatch(/\{\{/);
    expect(svg).toMatch(/LEVEL<\/text>\s*<text[^>]*><\/text>/); // level absent: empty
    expect(svg).toBe(MICRO_CREDENTIAL_SVG_TEMPLATE.replace(/\{\{(\w+)\}\}/g, (_, id: string) => ({
      title: 'Data ethics &amp; &lt;AI&gt;', givenName: 'Zoë', familyName: 'O&apos;Brien', awardingBody: 'Linköping &quot;University&quot;',
      issuerCountry: 'SE', issuanceDate: '2026-06-15', notionalWorkload_value: '3', notionalWorkload_unit: 'ECTS',
    } as Record<string, string>)[id] ?? ''));
  });

  it('refuses a placeholder with no svg_id, and placeholders outside text content', () => {
    const md: TypeMetadata = { vct: 'X', claims: [{ path: ['title'], svg_id: 'title' }] };
    const cases = [
      '<svg><text>{{nope}}</text></svg>',
      '<svg><text fill="{{title}}">x</text></svg>',
      '<svg><!-- {{title}} --><text>x</text></svg>',
      '<svg><text><![CDATA[{{title}}]]></text></svg>',
      '<svg><style>.a{content:"{{title}}"}</style></svg>',
      '<svg><script>var t="{{title}}"</script></svg>',
    ];
    for (const t of cases) {
      const r = renderSvgTemplate(t, md, { title: 'x' });
      expect(r.ok, t).toBe(false);
      expect(r.issues[0]?.code, t).toBe('SDJWT_SVG_TEMPLATE_REFUSED');
    }
    const ok = renderSvgTemplate('<svg><style>.a{}</style><text>{{title}}</text></svg>', md, { title: 'T' });
    expect(ok).toEqual({ ok: true, svg: '<svg><style>.a{}</style><text>T</text></svg>', issues: [] });
  });

  it('never throws on bad data', () => {
    for (const [t, m, c] of [[42, {}, {}], ['<svg>{{a}}</svg>', null, null], ['<svg><text>{{a}}</text>', { vct: 'X', claims: [{ path: ['a', 'b'], svg_id: 'a' }] }, { a: 'str' }]] as const) {
      expect(() => renderSvgTemplate(t as never, m as never, c as never)).not.toThrow();
    }
  });
});

describe('checkClaimsAgainstTypeMetadata', () => {
  const tm = createTypeMetadata();
  const full: Record<string, unknown> = {
    iss: 'https://issuer.example', iat: 1760000000, vct: 'VerifiableMicroCredential', attestation_legal_category: 'non-qualified-EAA',
    identifier: 'MC-1', title: 'T', givenName: 'G', familyName: 'F', issuerCountry: 'SE', awardingBody: 'A', issuanceDate: '2026-06-15',
    learningOutcomes: ['x'], notionalWorkload: { value: 3, unit: 'ECTS' }, typeOfAssessment: 'written-examination', formOfParticipation: 'online', qualityAssurance: 'institutional-accreditation',
  };
  const sdNames = Object.keys(full).filter((k) => RULEBOOK_CLAIMS.find((c) => c.name === k)?.sd !== 'never');

  it('a presentation that follows the metadata has no issue', () => {
    expect(checkClaimsAgainstTypeMetadata(tm, { claims: full, disclosedPaths: sdNames.map((n) => [n]), undisclosedDigests: 3 })).toEqual([]);
  });

  it('sd: always in the clear, and sd: never from a disclosure, are mismatches', () => {
    const issues = checkClaimsAgainstTypeMetadata(tm, {
      claims: full,
      disclosedPaths: [...sdNames.filter((n) => n !== 'title').map((n) => [n]), ['iss']],
      undisclosedDigests: 0,
    });
    expect(issues.map((i) => [i.code, i.path])).toEqual([
      ['SDJWT_TYPE_METADATA_MISMATCH', '/iss'],
      ['SDJWT_TYPE_METADATA_MISMATCH', '/title'],
    ]);
    expect(issues.every((i) => i.in === 'claims' && i.severity === 'error')).toBe(true);
  });

  it('an absent mandatory claim counts only when it cannot be hidden', () => {
    const { title: _t, iat: _i, ...rest } = full;
    const disclosedPaths = sdNames.filter((n) => n !== 'title').map((n) => [n]);
    // Undisclosed digests remain: title may be behind one; iat (sd: never) may not.
    expect(checkClaimsAgainstTypeMetadata(tm, { claims: rest, disclosedPaths, undisclosedDigests: 2 }).map((i) => i.path)).toEqual(['/iat']);
    // Nothing is hidden: title is missing from the credential.
    expect(checkClaimsAgainstTypeMetadata(tm, { claims: rest, disclosedPaths, undisclosedDigests: 0 }).map((i) => i.path)).toEqual(['/iat', '/title']);
  });

  it('another vct, a path that cannot be processed, and malformed metadata are reported', () => {
    const other = checkClaimsAgainstTypeMetadata(tm, { claims: { ...full, vct: 'Other' }, disclosedPaths: sdNames.map((n) => [n]), undisclosedDigests: 0 });
    expect(other.map((i) => i.path)).toEqual(['/vct']);
    const bad = checkClaimsAgainstTypeMetadata(tm, { claims: { ...full, notionalWorkload: [3] }, disclosedPaths: sdNames.map((n) => [n]), undisclosedDigests: 0 });
    expect(bad.map((i) => i.path)).toEqual(['/notionalWorkload', '/notionalWorkload']);
    const malformed = checkClaimsAgainstTypeMetadata(dc4eu, { claims: full, disclosedPaths: [], undisclosedDigests: 0 });
    expect(malformed.length).toBeGreaterThan(0);
    expect(malformed.every((i) => i.code === 'SDJWT_TYPE_METADATA_MALFORMED')).toBe(true);
  });
});

describe('hostile claims', () => {
  const thrower = new Proxy({}, { get: () => { throw new Error('boom'); }, has: () => { throw new Error('boom'); }, ownKeys: () => { throw new Error('boom'); } });
  const cyclic: Record<string, unknown> = { name: 'x' };
  cyclic.self = cyclic;

  it('checkClaimsAgainstTypeMetadata and renderSvgTemplate return issues or empty values, never throw', () => {
    const tm = createTypeMetadata();
    const r = checkClaimsAgainstTypeMetadata(tm, { claims: thrower as Record<string, unknown>, disclosedPaths: [], undisclosedDigests: 0 });
    expect(r[0]?.code).toBe('SDJWT_TYPE_METADATA_MISMATCH');
    const svg = renderSvgTemplate(MICRO_CREDENTIAL_SVG_TEMPLATE, tm, { title: cyclic, givenName: thrower });
    expect(svg.ok).toBe(true);
    expect(renderSvgTemplate('<svg><text>{{a}}</text></svg>', thrower as TypeMetadata, {}).ok).toBe(false);
  });
});
