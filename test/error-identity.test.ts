// Errors are recognised across copies of the library: each entry point of the build carries its
// own copy of the error classes, and a process may load the ES module and the CommonJS build side
// by side. Checked on the built package (dist/, built by `pretest`).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import * as esmRoot from '../dist/index.js';
import * as esmVc from '../dist/vc.js';
import { validFixtures } from './helpers/fixtures.js';

const require = createRequire(import.meta.url);
const cjsRoot = require('../dist/index.cjs') as typeof esmRoot;
const cjsVc = require('../dist/vc.cjs') as typeof esmVc;
const mc = validFixtures.find((f) => f.name === 'higher-education')!.doc as esmRoot.MicroCredential;

async function signingError(vc: typeof esmVc): Promise<unknown> {
  const key = await vc.generateIssuerKey({ seed: new Uint8Array(32).fill(5) });
  return vc.signCredential(esmRoot.toElm(mc), { key }).then(
    () => undefined,
    (e: unknown) => e,
  ); // the issuer is not the key's controller
}

describe('error classes across entry points and builds', () => {
  it('a SigningError from /vc is a MicroCredentialError of the root, ESM or CommonJS', async () => {
    for (const vc of [esmVc, cjsVc]) {
      const e = await signingError(vc);
      expect(e).toBeInstanceOf(vc.SigningError);
      for (const root of [esmRoot, cjsRoot]) {
        expect(e instanceof root.MicroCredentialError).toBe(true);
        expect(e instanceof root.MicroCredentialValidationError).toBe(false);
        expect(e instanceof root.ElmExportError).toBe(false);
      }
      expect(e instanceof esmVc.SigningError && e instanceof cjsVc.SigningError).toBe(true);
      expect(e instanceof esmVc.BatchSigningError || e instanceof cjsVc.BatchSigningError).toBe(false);
      expect((e as esmVc.SigningError).reason).toBe('VC_ISSUER_KEY_MISMATCH');
    }
  });

  it('a validation error of one build is one of the other, and nothing else', () => {
    let thrown: unknown;
    try {
      cjsRoot.parseMicroCredential({});
    } catch (e) {
      thrown = e;
    }
    expect(thrown instanceof esmRoot.MicroCredentialValidationError).toBe(true);
    expect(thrown instanceof esmRoot.MicroCredentialError).toBe(true);
    expect(thrown instanceof esmVc.SigningError).toBe(false);
    expect(thrown instanceof esmRoot.ElmExportError).toBe(false);
  });

  it('a batch error is a SigningError and a MicroCredentialError everywhere', async () => {
    const key = await cjsVc.generateIssuerKey({ seed: new Uint8Array(32).fill(6) });
    const e = await cjsVc.signCredentials([esmRoot.toElm(mc)], { key, workers: 0 }).catch((error: unknown) => error);
    expect(e instanceof esmVc.BatchSigningError).toBe(true);
    expect(e instanceof esmVc.SigningError).toBe(true);
    expect(e instanceof esmRoot.MicroCredentialError).toBe(true);
    expect((e as esmVc.BatchSigningError).index).toBe(0);
  });

  it('leaves other values and callers\' own subclasses to the ordinary instanceof', () => {
    class Mine extends esmRoot.MicroCredentialError {}
    const mine = new Mine('ERR_SIGNING', 'mine');
    expect(mine instanceof esmRoot.MicroCredentialError).toBe(true);
    expect(mine instanceof cjsRoot.MicroCredentialError).toBe(true);
    expect(mine instanceof esmVc.SigningError).toBe(false);
    expect(new esmRoot.MicroCredentialError('ERR_SIGNING', 'base') instanceof Mine).toBe(false);
    for (const value of [new Error('x'), { code: 'ERR_SIGNING' }, null, undefined, 'MicroCredentialError', 42]) {
      expect(value instanceof esmRoot.MicroCredentialError).toBe(false);
    }
  });
});
