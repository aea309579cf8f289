/**
 * The library's messages speak to programmers: "pass `trustAnchors`", "check it with
 * `{ profile: 'ebsi' }`". On the command line the same advice names the flag (`--trust-anchors`,
 * `--profile ebsi`). Every message the CLI shows goes through {@link cliMessage}, the one place that
 * knows how API options are spelt on the command line.
 */

/** An API spelling and what the command line says instead; the first match of each is replaced everywhere. */
const REWRITES: readonly (readonly [RegExp, string])[] = [
  // validateElm
  [/\{\s*profile:\s*['"](edc|ebsi)['"]\s*\}/g, '`--profile $1`'],
  [/`?\bprofile:\s*['"](edc|ebsi)['"]`?/g, '`--profile $1`'],
  [/\bthe (edc|ebsi) profile option\b/gi, '`--profile $1`'],
  // verifyEdcSeal
  [/`integrityOnly:\s*true`/g, '`--integrity-only`'],
  [/\(`integrityOnly`\)/g, '(`--integrity-only`)'],
  [/`(?:options\.)?integrityOnly`/g, '`--integrity-only`'],
  [/[Pp]ass `(?:options\.)?trustAnchors`/g, 'Give `--trust-anchors <pem>`'],
  [/`(?:options\.)?trustAnchors`/g, '`--trust-anchors`'],
  [/[Pp]ass `(?:options\.)?now`/g, 'give `--now <date>`'],
  [/`options\.now`/g, '`--now`'],
  [/,? (?:and |or )?`options\.intermediates`/g, ''],
  // toElm's node conflicts: the status entry `convert --status-list` embeds
  [/options\.credentialStatus\.id/g, 'the status entry of --status-list'],
  // verifyCredential's messages
  [/pass it in `(?:options\.)?controllers`/g, 'give it with `--controllers <file>`'],
  [/`(?:options\.)?controllers`/g, '`--controllers`'],
  [/ \(or of contexts passed in `(?:options\.)?documents`\)/g, ''],
  [/ \(nor passed in `(?:options\.)?documents`\)/g, ''],
  [/`(?:options\.)?trustedIssuers`/g, '`--trusted-issuers`'],
  [/ is (after|before) `now`/g, ' is $1 the time of the check (`--now`, else the current time)'],
  // signCredential
  [/,? or pass `?setIssuer: true`?/g, ', or give --set-issuer'],
  // Function and constant names: the command line runs them for the user.
  [/\bis checked by verifyCredential(\(\))?, not here/g, 'is checked separately (the signature check)'],
  [/\bverifyCredential\b(\(\))?/g, 'the signature check'],
  [/\bverifyEdcSeal\b(\(\))?/g, 'the seal check'],
  [/\bvalidateElm\b(\(\))?/g, 'eumc'],
  [/ \(see BUNDLED_CONTEXT_URLS\)/g, ''],
  // The verifiers' status checks (`--status-list`): eumc gives the lists it is given and fetches none.
  [/,? and no `fetchStatusList`(?: was given)?/g, ''],
  [/: pass the list credential \(the library never fetches it\)/g, ': give the published list with `--status-list <file>` (eumc fetches none)'],
  [/\bstatusLists\[([^\]]*)\]/g, 'the status list file number $1 (from 0)'],
  [/`(?:options\.)?statusLists`/g, '`--status-list`'],
  [/[Pp]ass `(?:options\.)?trustedStatusIssuers`/g, 'give `--trusted-status-issuers <file>`'],
  [/`(?:options\.)?trustedStatusIssuers`/g, '`--trusted-status-issuers`'],
  [/\(acceptUncheckedStatus\)/g, '(`--accept-unchecked-status`)'],
  [/`(?:options\.)?acceptUncheckedStatus`/g, '`--accept-unchecked-status`'],
  // validate
  [/ \(see the `maxIssues` option\)/g, ''],
  [/`(?:options\.)?maxIssues`/g, 'the limit'],
];

/**
 * A library message as the command line shows it: API options replaced by the flags that set them.
 *
 * @example
 * cliMessage("this is EBSI's variant, check it with { profile: 'ebsi' }."); // "… check it with `--profile ebsi`."
 */
export function cliMessage(message: string): string {
  let out = message;
  for (const [pattern, replacement] of REWRITES) out = out.replace(pattern, replacement);
  return out;
}

/** Option syntax of the library API, which no message of the command line may show (tests use it). */
export const API_OPTION_SYNTAX = /statusLists|fetchStatusList|acceptUncheckedStatus|trustedStatusIssuers|\{\s*profile:|\bprofile: ['"]|integrityOnly|trustAnchors|trustedIssuers|options\.\w+|`controllers`|`documents`|`now`|maxIssues|verifyCredential|verifyEdcSeal|validateElm|BUNDLED_CONTEXT_URLS/;
