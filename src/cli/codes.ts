/**
 * The codes the command line reports of its own (beside the library's, which it passes on): why a
 * file could not be checked. docs/codes.md lists them with every other family.
 */
export const EUMC_CODES = {
  EUMC_UNREADABLE: { severity: 'error', meaning: 'The file (or folder, or standard input) cannot be read: missing, no permission, larger than `--max-size`, a folder with no .json or .jsonld file.' },
  EUMC_NOT_JSON: { severity: 'error', meaning: 'The file is not JSON: empty, binary, or text that does not parse.' },
  EUMC_NOT_SIGNED: { severity: 'error', meaning: '`verify`: the document has no proof and no seal, so there is nothing to verify.' },
  EUMC_BAKED_BADGE: {
    severity: 'info',
    meaning: '`validate`, `verify`: the file is a PNG or SVG image with an Open Badges 3.0 credential baked in; eumc took it out (`unbakeBadge`) and checked it as that credential in a file would be. The note names the chunk or element; the other findings\' paths are places in the credential.',
  },
  EUMC_SD_JWT_NOT_VERIFIED: {
    severity: 'info',
    meaning: '`validate`: the file is an SD-JWT VC; its claims (every disclosure it carries in place) were checked against the micro-credential rulebook, not its signature. `eumc verify --issuer-keys` (or `--trust-anchors`) checks who issued it.',
  },
  EUMC_SD_JWT_SIGNER_NOT_CHECKED: {
    severity: 'warning',
    meaning: '`verify --integrity-only`: the SD-JWT VC\'s signature was checked with the certificate in its own `x5c` header, which nothing vouches for: it is unchanged since it was signed, but who signed it is not checked. `--issuer-keys` or `--trust-anchors` check the signer.',
  },
  EUMC_NOT_VERIFIED: { severity: 'error', meaning: 'A seal (or an SD-JWT VC) that reported no error is still not verified (its integrity or its trust does not hold).' },
  EUMC_INTERNAL_ERROR: { severity: 'error', meaning: 'A check, or the worker thread running it, failed unexpectedly: the file was not checked. Please report it; `--workers 0` checks it in the main thread.' },
} as const satisfies Record<string, { severity: 'error' | 'warning' | 'info'; meaning: string }>;

/** A code of {@link EUMC_CODES}. */
export type EumcCode = keyof typeof EUMC_CODES;
