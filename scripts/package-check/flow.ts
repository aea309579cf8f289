// TypeScript consumer, compiled with moduleResolution node10 (module commonjs), node16 and bundler: the types must resolve
// and describe the API (a wrong type here fails the compile).
import { type MicroCredential, type ValidationResult, toElm, validate } from 'eu-micro-credentials';
import { type ElmValidationResult, validateElm } from 'eu-micro-credentials/validate-elm';
import { type VerificationResult, generateIssuerKey, signCredential, verifyCredential } from 'eu-micro-credentials/vc';
import { type EdcSealIssue, verifyEdcSeal } from 'eu-micro-credentials/edc-seal';
import { type CountryCode, EQF_LEVEL, keyOfConcept } from 'eu-micro-credentials/vocab';
import { type Ob3Issue, type OpenBadgeCredential, fromOpenBadge, toOpenBadge } from 'eu-micro-credentials/ob3';
import { type SdJwtVcVerification, type SdJwtVcIssue, toSdJwtVcClaims, verifySdJwtVc } from 'eu-micro-credentials/sd-jwt-vc';
import { type StatusCheck, type StatusIssue, StatusList } from 'eu-micro-credentials/status';
import { type Page, type PdfOptions, layoutCredential, renderPdf } from 'eu-micro-credentials/render';
import { readFileSync } from 'node:fs';

async function main(): Promise<void> {
  const mc: MicroCredential = JSON.parse(readFileSync('mc.json', 'utf8')) as MicroCredential;
  const result: ValidationResult = validate(mc);
  if (!result.ok) throw new Error('invalid');
  const ects: number | undefined = result.value.workload.ects;
  const key = await generateIssuerKey();
  const elm = toElm({ ...mc, issuer: { ...mc.issuer, id: key.controller } });
  const shapes: ElmValidationResult = await validateElm(elm);
  const signed = await signCredential(elm, { key });
  const verified: VerificationResult = await verifyCredential(signed);
  if (!shapes.ok || !verified.verified || ects !== 5) throw new Error('flow failed');
  // The seal and vocabulary entries resolve with their types too; every issue's path is a JSON Pointer.
  const sealed = await verifyEdcSeal({ payload: 'not a seal' });
  const first: EdcSealIssue | undefined = sealed.issues[0];
  const pointer: string = first?.path ?? 'none';
  const country: CountryCode = mc.issuer.country;
  if (sealed.verified || pointer === 'none' || keyOfConcept(EQF_LEVEL, EQF_LEVEL.concepts[6].uri) !== 6 || country.length !== 2) throw new Error('entries failed');
  const badge: OpenBadgeCredential = toOpenBadge(mc);
  const read = fromOpenBadge(badge);
  const firstBadgeIssue: Ob3Issue | undefined = read.issues[0];
  if (!read.ok || read.value.title !== mc.title || badge.credentialSubject.achievement.achievementType !== 'MicroCredential' || (firstBadgeIssue !== undefined && typeof firstBadgeIssue.path !== 'string')) throw new Error('ob3 failed');
  const claims = toSdJwtVcClaims(mc);
  const checked: SdJwtVcVerification = await verifySdJwtVc('not an SD-JWT', { issuerKeys: [] });
  const firstSdJwtIssue: SdJwtVcIssue | undefined = checked.issues[0];
  if (checked.verified || firstSdJwtIssue?.code !== 'SDJWT_INPUT_MALFORMED' || typeof claims.ok !== 'boolean') throw new Error('sd-jwt-vc failed');
  const list: StatusList<'bitstring'> = StatusList.create({ id: 'https://uni.example.eu/status/1', format: 'bitstring' });
  const statusIndex: number = list.allocate();
  const statusChecks: StatusCheck[] = (await verifyCredential(signed, { statusLists: [] })).status ?? [];
  const unknown: StatusIssue = { code: 'STATUS_UNKNOWN', severity: 'error', path: '/credentialStatus', message: 'no list', details: { reason: 'list-missing' } };
  if (statusIndex < 0 || statusChecks.length !== 0 || unknown.details?.reason !== 'list-missing' || list.entry(statusIndex).statusListIndex !== String(statusIndex)) throw new Error('status failed');
  const page: Page = layoutCredential(mc, { lang: 'de' });
  const pdfOptions: PdfOptions = { langs: ['de', 'en'], creationDate: new Date('2026-01-01T00:00:00Z') };
  const pdf: Uint8Array = await renderPdf(mc, pdfOptions);
  if (page.lang !== 'de' || pdf.length < 10_000) throw new Error('render failed');
  console.log('ts: ok');
}
void main();
