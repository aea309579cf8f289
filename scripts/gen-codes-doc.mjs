// Writes docs/codes.md, the one table of every code the library and the command line report, from
// the code tables themselves (src/rules/codes.ts, src/elm/issues.ts, src/elm/validate/validation-codes.ts,
// src/ob3/codes.ts, src/sd-jwt-vc/codes.ts, src/status/codes.ts, src/vc/codes.ts, src/seal/codes.ts, src/cli/codes.ts). Run `node scripts/gen-codes-doc.mjs`;
// `--stdout` prints the document instead. test/codes.test.ts fails when the file drifts.
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The tables, read from the TypeScript sources (bundled in memory: they import nothing at run time that matters). */
export async function loadTables() {
  const entry = [
    "export { ISSUE_CODES } from './src/rules/codes.ts';",
    "export { ELM_ISSUE_CODES } from './src/elm/issues.ts';",
    "export { ELM_VALIDATION_CODES } from './src/elm/validate/validation-codes.ts';",
    "export { OB3_CODES } from './src/ob3/codes.ts';",
    "export { SDJWT_CODES } from './src/sd-jwt-vc/codes.ts';",
    "export { STATUS_CODES } from './src/status/codes.ts';",
    "export { VC_CODES } from './src/vc/codes.ts';",
    "export { EDC_SEAL_CODES } from './src/seal/codes.ts';",
    "export { EUMC_CODES } from './src/cli/codes.ts';",
  ].join('\n');
  const out = await build({ stdin: { contents: entry, resolveDir: root, loader: 'ts' }, bundle: true, write: false, format: 'esm', platform: 'neutral', logLevel: 'silent' });
  return import(`data:text/javascript;base64,${Buffer.from(out.outputFiles[0].text).toString('base64')}`);
}

/** A code table's entries as `{ code, severity, meaning }` (`severity` undefined where a table does not fix it). */
const entries = (table) =>
  Object.entries(table).map(([code, v]) => (typeof v === 'string' ? { code, severity: undefined, meaning: v } : { code, severity: v.severity, meaning: v.meaning }));

/**
 * The families, in the order data flows: each with its prefix, who reports it, and its codes. The
 * ELM family merges the export/import table and validateElm's; EBSI_ codes come from validateElm's.
 */
export function families(t) {
  const elmIo = entries(t.ELM_ISSUE_CODES).map((e) => ({ ...e, by: 'toElm, exportToElm, fromElm' }));
  const validation = entries(t.ELM_VALIDATION_CODES).map((e) => ({ ...e, by: 'validateElm' }));
  const elm = [...elmIo];
  for (const v of validation.filter((e) => e.code.startsWith('ELM_'))) {
    const same = elm.find((e) => e.code === v.code);
    if (same) Object.assign(same, { by: `${same.by}; validateElm`, meaning: `${same.meaning} validateElm: ${v.meaning}` });
    else elm.push(v);
  }
  return [
    { prefix: 'MC_', name: 'Model', by: '`validate()`, `parseMicroCredential()` (and the model checks of `exportToElm`, `fromElm`)', table: '`ISSUE_CODES` (src/rules/codes.ts)', doc: 'validation-rules.md', codes: entries(t.ISSUE_CODES), note: 'Severity: the default; `validate(input, { rules })` changes it for the rules across fields.' },
    { prefix: 'ELM_', name: 'ELM mapping and validation', by: '`toElm()`, `exportToElm()`, `fromElm()`, `validateElm()`', table: '`ELM_ISSUE_CODES` (src/elm/issues.ts), `ELM_VALIDATION_CODES` (src/elm/validate/validation-codes.ts)', doc: 'elm.md', codes: elm, note: 'Severity: set per issue (the message and docs/elm.md say when a code is an error or a warning); for SHACL results, the shape\'s `sh:resultSeverity`.' },
    { prefix: 'EBSI_', name: 'EBSI', by: '`validateElm(doc, { profile: \'ebsi\' })`', table: '`ELM_VALIDATION_CODES`', doc: 'elm.md', codes: validation.filter((e) => e.code.startsWith('EBSI_')).map((e) => ({ ...e, severity: 'error' })) },
    { prefix: 'OB3_', name: 'Open Badges 3.0', by: '`toOpenBadge()`, `fromOpenBadge()`, `validateOpenBadge()`, `bakeBadge()`, `unbakeBadge()`', table: '`OB3_CODES` (src/ob3/codes.ts)', doc: 'ob3.md', codes: entries(t.OB3_CODES), note: 'Severity: set per issue (the message and docs/ob3.md say when a code is an error or a warning).' },
    { prefix: 'SDJWT_', name: 'SD-JWT VC', by: '`toSdJwtVcClaims()`, `fromSdJwtVcClaims()`, `checkMicroCredentialClaims()`, `issueSdJwtVc()`, `presentSdJwtVc()`, `verifySdJwtVc()`, `decodeSdJwtVc()`, the type metadata functions', table: '`SDJWT_CODES` (src/sd-jwt-vc/codes.ts)', doc: 'sd-jwt-vc.md', codes: entries(t.SDJWT_CODES), note: 'Severity: set per issue (the message and docs/sd-jwt-vc.md say when a code is a warning).' },
    { prefix: 'STATUS_', name: 'Status lists', by: '`verifyCredential()`, `verifyPresentation()`, `verifySdJwtVc()` (with their status options), the status list functions of `/status`', table: '`STATUS_CODES` (src/status/codes.ts)', doc: 'status.md', codes: entries(t.STATUS_CODES), note: 'Severity: set per issue (`STATUS_MESSAGE` is information, `STATUS_NOT_CHECKED` a warning, the others errors).' },
    { prefix: 'VC_', name: 'Signatures and presentations', by: '`verifyCredential()`, `verifyPresentation()`, stacks, signing', table: '`VC_CODES` (src/vc/codes.ts)', doc: 'signing.md', codes: entries(t.VC_CODES) },
    { prefix: 'EDC_SEAL_', name: 'EDC seals', by: '`verifyEdcSeal()`', table: '`EDC_SEAL_CODES` (src/seal/codes.ts)', doc: 'edc-seal.md', codes: entries(t.EDC_SEAL_CODES), note: 'Severity: the default; see docs/edc-seal.md for the codes whose severity depends on the options.' },
    { prefix: 'EUMC_', name: 'Command line', by: '`eumc validate`, `eumc verify` (beside the library\'s codes, which it passes on)', table: '`EUMC_CODES` (src/cli/codes.ts)', doc: 'cli.md', codes: entries(t.EUMC_CODES) },
  ];
}

const cell = (text) => String(text).replaceAll('|', '\\|').replaceAll('\n', ' ');

/** docs/codes.md. */
export function render(t) {
  const all = families(t);
  const total = all.reduce((n, f) => n + f.codes.length, 0);
  const out = [
    '<!-- Generated by scripts/gen-codes-doc.mjs from the code tables: do not edit by hand (test/codes.test.ts checks it is current). -->',
    '',
    '# Codes',
    '',
    `Every code the library and \`eumc\` report: ${total} codes in ${all.length} families. Each finding has the same`,
    'base shape, `{ code, severity, path, message }`, with `path` a JSON Pointer (RFC 6901) into the document',
    'given (`""` is the document itself); each family adds fields of its own. Codes are stable and carry',
    'their family\'s prefix; switch on `code`, not on the message.',
    '',
    '| Family | Prefix | Codes | Reported by |',
    '|---|---|---|---|',
    ...all.map((f) => `| [${f.name}](#${anchor(f.name)}) | \`${f.prefix}\` | ${f.codes.length} | ${cell(f.by)} |`),
    '',
  ];
  for (const f of all) {
    out.push(`## ${f.name}`, '', `Prefix \`${f.prefix}\`; reported by ${f.by}. Table: ${f.table}; more in [${f.doc}](${f.doc}).${f.note ? ` ${f.note}` : ''}`, '');
    const elm = f.prefix === 'ELM_';
    out.push(elm ? '| Code | Reported by | Meaning |' : '| Code | Severity | Meaning |', '|---|---|---|');
    for (const c of f.codes) out.push(`| \`${c.code}\` | ${elm ? cell(c.by) : (c.severity ?? 'varies')} | ${cell(c.meaning)} |`);
    out.push('');
  }
  return out.join('\n');
}

const anchor = (title) => title.toLowerCase().replace(/[^a-z0-9 -]/g, '').replaceAll(' ', '-');

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const text = render(await loadTables());
  if (process.argv.includes('--stdout')) process.stdout.write(text);
  else {
    writeFileSync(new URL('../docs/codes.md', import.meta.url), text);
    console.log('docs/codes.md written');
  }
}
