/**
 * `eumc status`: an issuer's status lists on local files, and the check of a credential's status.
 * `create` writes a list's state (a JSON file: status-file.ts), `allocate` hands out indexes,
 * `revoke`, `suspend`, `reinstate` and `set` change them (status-change.ts), `publish` signs the
 * list for verifiers (status-publish.ts), `check` verifies a credential and reads its status in
 * the published lists given (status-check.ts). This file registers the commands and their help;
 * each command's code is loaded when it runs.
 */
import { type Command, Option } from 'commander';
import { exitCodesHelp, collect, positiveInt } from './usage.js';

/** Each subcommand's exit codes, in its `--help` and in docs/cli.md. */
const EXIT_CODES = {
  status: [
    'success (`check`: every status entry is valid)',
    'a change is refused (an index not allocated, a revoked one reinstated, a purpose the list does not have, a full list), or, for `check`, a credential revoked, suspended, of unknown status or not verified',
    'usage error, a list file that cannot be read or is not a list (its problems named), an output that exists (without --force), a key that cannot be used',
  ],
  create: ['the list is written', undefined, 'usage error: the file exists (without --force) or cannot be written, options the list cannot take'],
  allocate: ['the entries are printed and the list saved', 'the list is full', 'usage error, or the list file cannot be read, is not a list, or cannot be written'],
  change: [
    'every index is changed and the list saved',
    'a change is refused (an index not allocated, a revoked one reinstated, a purpose the list does not have, a value out of range); nothing is saved',
    'usage error, or the list file cannot be read, is not a list, or cannot be written',
  ],
  publish: ['the signed list is written', 'the list cannot be signed', 'usage error: the list file cannot be read or is not a list, no key or an unusable one, --out exists and is not a publication of this list (without --force), or cannot be written'],
  check: [
    'the credential is verified and every status entry is valid',
    'a status entry is revoked, suspended or unknown (its list not given, not verified, expired…), the credential has no status entry, or it is not verified',
    'usage error, or the credential or a list file cannot be read',
  ],
} as const satisfies Record<string, readonly [string, string | undefined, string]>;

const LIST_FILE = 'the list\'s state: a JSON file written by `eumc status create`';

/** Adds `eumc status` and its subcommands. */
export function addStatus(p: Command): void {
  const status = p
    .command('status')
    .description('Status lists (revocation, suspension) on local files: create a list, allocate indexes for credentials, revoke, suspend or reinstate them, publish the signed list; check a credential\'s status against published lists (W3C Bitstring Status List for signed credentials, IETF Token Status List for SD-JWT VCs).')
    .addHelpText('after', `${exitCodesHelp(EXIT_CODES.status)}\n\n\`eumc status <command> --help\` lists its options and exit codes.\n\nExample:\n  eumc status create revocation.json --id https://uni.example.eu/status/1\n  eumc status allocate revocation.json\n  eumc status revoke revocation.json 94567\n  eumc status publish revocation.json --key issuer-key.json --out status/1.json`);
  addCreate(status);
  addAllocate(status);
  for (const change of ['revoke', 'suspend', 'reinstate'] as const) addChange(status, change);
  addSet(status);
  addPublish(status);
  addCheck(status);
}

function addCreate(status: Command): void {
  status
    .command('create')
    .description('Create a status list and write its state to a new file. A bitstring list (W3C, for signed credentials) has at least 131 072 entries, each 1 bit (revocation or suspension) or 2, 4 or 8 bits with messages; a token list (IETF, for SD-JWT VCs) 1, 2, 4 or 8 bits (default 2: valid, revoked, suspended).')
    .argument('<list-file>', 'the file to write the list\'s state to (JSON; its folder must exist)')
    .requiredOption('--id <url>', 'the list\'s URL: where its publication will be served, and what credentials name')
    .addOption(new Option('--format <format>', 'bitstring (W3C credentials) or token (SD-JWT VC)').choices(['bitstring', 'token']).default('bitstring'))
    .addOption(new Option('--purpose <purpose>', 'bitstring: what the list says (default revocation)').choices(['revocation', 'suspension', 'message']))
    .addOption(new Option('--status-size <bits>', 'bits per entry (bitstring default 1; token default 2)').choices(['1', '2', '4', '8']))
    .option('--messages <file>', 'bitstring message lists: a JSON array of { "status": "0x…", "message": "…" }, one per value')
    .option('--length <n>', 'entries in the list (default 131072, the least a bitstring list may have)', positiveInt('--length'))
    .option('--force', 'replace an existing file: the list it held is lost, with every index handed out and every revocation', false)
    .addHelpText('after', exitCodesHelp(EXIT_CODES.create))
    .action(async (file: string, opts) => (await import('./status-change.js')).createCommand(file, opts));
}

function addAllocate(status: Command): void {
  status
    .command('allocate')
    .description('Allocate a new index (random, never reused) and print the credential\'s status entry as JSON: a BitstringStatusListEntry for `credentialStatus`, or the SD-JWT `status` claim. The list is saved before the entry is printed.')
    .argument('<list-file>', LIST_FILE)
    .option('--count <n>', 'allocate this many (a JSON array of entries is printed)', positiveInt('--count'))
    .addHelpText('after', exitCodesHelp(EXIT_CODES.allocate))
    .action(async (file: string, opts) => (await import('./status-change.js')).allocateCommand(file, opts));
}

const CHANGES = {
  revoke: 'Revoke credentials (final): set their entries in a revocation list, or INVALID in a token list.',
  suspend: 'Suspend credentials: set their entries in a suspension list, or SUSPENDED in a token list.',
  reinstate: 'Reinstate suspended credentials: clear their entries in a suspension list, or VALID again in a token list (a revoked one cannot be).',
} as const;

function addChange(status: Command, change: keyof typeof CHANGES): void {
  status
    .command(change)
    .description(`${CHANGES[change]} All or nothing: one refused index and none is changed. Publish the list again for verifiers to see it.`)
    .argument('<list-file>', LIST_FILE)
    .argument('<index...>', 'the entries\' indexes (statusListIndex, or the status claim\'s idx)')
    .addHelpText('after', exitCodesHelp(EXIT_CODES.change))
    .action(async (file: string, indexes: string[]) => (await import('./status-change.js')).changeCommand(file, change, indexes));
}

function addSet(status: Command): void {
  status
    .command('set')
    .description('Set entries to a value: a message list\'s status (0 to 2^size - 1), or a token list\'s. All or nothing. Publish the list again for verifiers to see it.')
    .argument('<list-file>', LIST_FILE)
    .argument('<value>', 'the value: a number, or hexadecimal as in statusMessage (0x2)')
    .argument('<index...>', 'the entries\' indexes')
    .addHelpText('after', exitCodesHelp(EXIT_CODES.change))
    .action(async (file: string, value: string, indexes: string[]) => (await import('./status-change.js')).setCommand(file, value, indexes));
}

function addPublish(status: Command): void {
  status
    .command('publish')
    .description('Sign the list for verifiers: a bitstring list as a BitstringStatusListCredential (JSON, signed as `eumc sign` signs, with its key), a token list as a Status List Token (statuslist+jwt, signed with a JWK as `eumc convert --to sd-jwt-vc`). Serve the file at the list\'s URL.')
    .argument('<list-file>', LIST_FILE)
    .option('--key <file>', 'bitstring: the key file of `eumc keygen` (or EUMC_ISSUER_KEY); token: the private JWK of `eumc keygen --format jwk`')
    .option('--issuer <id>', 'bitstring: the list credential\'s issuer (default: the key\'s controller); token: the `iss` claim. It must be the credentials\' issuer')
    .requiredOption('-o, --out <file>', 'the publication: replaced when it is an earlier publication of the same list; any other existing file only with --force')
    .option('--valid-until <date>', 'the publication\'s end of validity (validUntil, or the token\'s exp)')
    .option('--ttl <duration>', 'how long verifiers may cache it: a number and a unit, ms, s, m, h or d (300s, 1h)')
    .addOption(new Option('--suite <suite>', 'bitstring: proof suite (default: Ed25519Signature2020, as `eumc sign`)').choices(['Ed25519Signature2020', 'eddsa-rdfc-2022', 'eddsa-jcs-2022']))
    .addOption(new Option('--vc <version>', 'bitstring: the list credential\'s data model (default: 2.0; 1.1 for ELM issuers)').choices(['2.0', '1.1']))
    .option('--x5c <pem>', 'token: a PEM file of the issuer\'s certificate chain (leaf first) for the `x5c` header')
    .option('--force', 'replace an --out file that is not a publication of this list', false)
    .addHelpText('after', exitCodesHelp(EXIT_CODES.publish))
    .action(async (file: string, opts) => (await import('./status-publish.js')).publishCommand(file, opts));
}

function addCheck(status: Command): void {
  status
    .command('check')
    .description('Verify a credential (a signed W3C credential, or an SD-JWT VC) and check its status entries against the published lists given: prints each entry valid, revoked, suspended or unknown.')
    .argument('[credential]', 'a file, or - for standard input (the default)')
    .requiredOption('--list <file>', 'a published status list (a BitstringStatusListCredential, or a Status List Token); repeat for more', collect)
    .option('--now <date>', 'check at this time (the lists\' validity and ttl too)')
    .option('--json', 'print the result as JSON', false)
    .option('--trusted-issuers <file>', 'JSON array of trusted issuer ids')
    .option('--trusted-status-issuers <file>', 'JSON array of the ids of issuers trusted to publish lists for other issuers\' credentials')
    .option('--controllers <file>', 'a controller document of a did:web / https issuer (repeat for more)', collect)
    .option('--issuer-keys <file>', 'SD-JWT VC: the issuer\'s public keys, a JWK or a JWK Set file (repeat for more)', collect)
    .option('--trust-anchors <file>', 'SD-JWT VC: a PEM file of certificates trusted for x5c chains (repeat for more)', collect)
    .option('--audience <aud>', 'SD-JWT VC presentations: the audience the key-binding JWT must name')
    .option('--nonce <nonce>', 'SD-JWT VC presentations: the nonce the key-binding JWT must carry')
    .addHelpText('after', `${exitCodesHelp(EXIT_CODES.check)}\n\nExamples:\n  eumc status check signed.json --list status/1.json\n  eumc status check mc.sd-jwt --list status/2.jwt --issuer-keys issuer-jwk.json`)
    .action(async (input: string | undefined, opts) => (await import('./status-check.js')).checkCommand(input, opts));
}
