/**
 * The types the checks share (check.ts and the checks it runs: content.ts, seal.ts, signature.ts),
 * in a file of their own so that no check imports check.ts back.
 */
import type { Finding } from './finding.js';

/** The verdict of one of the two checks of a signed or sealed document. */
export type PartStatus = 'passed' | 'failed' | 'not-checked';

/** The content check of a signed or sealed document: the credential judged as an unsigned one would be. */
export interface ContentPart {
  status: PartStatus;
  /**
   * What the content was checked as: `elm` (validateElm), `ob3` (an Open Badges 3.0 credential:
   * validateOpenBadge), or `null` when there was nothing to check (a broken seal).
   */
  kind: 'elm' | 'ob3' | null;
  /**
   * The profile used: for ELM `--profile`, or the one the credential's `@context` calls for; for
   * Open Badges 3.0 always `micro-credential` (validateOpenBadge's profile).
   */
  profile?: 'edc' | 'ebsi' | 'micro-credential';
  issues: Finding[];
}

/** Options that change verdicts. */
export interface CheckOptions {
  now?: Date;
  trustedIssuers?: readonly string[];
  controllers?: readonly object[];
  trustAnchors?: readonly string[];
  /** `--integrity-only`: a seal without trust anchors passes on integrity alone (never with `trustAnchors`). */
  integrityOnly?: boolean;
  /** `--profile`; without it, each ELM credential's `@context` decides (VC 2.0: `ebsi`, else `edc`). */
  profile?: 'edc' | 'ebsi';
  /** `--model`: ELM and OB 3.0 content is also read into the model (`fromElm`, `fromOpenBadge`) and held to the Annex I rules. */
  model?: boolean;
  /** `--strict`: warnings fail too (a part's status as well as the file's). */
  strict?: boolean;
  /** `eumc verify`: the signature or seal only, no content check. */
  signatureOnly?: boolean;
  /** SD-JWT VC, `verify --issuer-keys`: the issuer's public JWKs (sd-jwt-vc-check.ts). */
  issuerKeys?: readonly object[];
  /** SD-JWT VC, `verify --audience` and `--nonce`: what the key-binding JWT must carry. */
  audience?: string;
  nonce?: string;
  /**
   * Status (`--status-list`, `--trusted-status-issuers`, `--accept-unchecked-status`): the published
   * lists as text, given to the verifiers as `statusLists` (status-options.ts).
   */
  statusLists?: readonly string[];
  trustedStatusIssuers?: readonly string[];
  acceptUncheckedStatus?: boolean;
}
