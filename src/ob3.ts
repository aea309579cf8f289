/**
 * eu-micro-credentials/ob3: EU micro-credentials as Open Badges 3.0 (1EdTech) credentials. The
 * model to an `OpenBadgeCredential` and back, the validation of badges from any issuer (1EdTech's
 * JSON Schema, JSON-LD safe mode, the Annex I elements), and baked badge images (PNG, SVG). Signing
 * and verifying go through `eu-micro-credentials/vc`, whose offline loader carries the OB contexts
 * and this library's extension context.
 * @module eu-micro-credentials/ob3
 */
export { OB3_CODES } from './ob3/codes.js';
export type { Ob3Issue, Ob3IssueCode } from './ob3/codes.js';
export { OB3_EXTENSION_CONTEXT, OB3_EXTENSION_CONTEXT_URL } from './generated/ob3-extension-context.js';
export { toOpenBadge, exportToOpenBadge, OpenBadgeExportError } from './ob3/to-open-badge.js';
export type { OpenBadgeCredential, ToOpenBadgeOptions, OpenBadgeExportResult, CredentialStatusEntry } from './ob3/to-open-badge.js';
export { validateOpenBadge } from './ob3/validate.js';
export type { ValidateOpenBadgeOptions, Ob3ValidationResult } from './ob3/validate.js';
export { unwrapBadge } from './ob3/import/unwrap.js';
export type { UnwrappedBadge } from './ob3/import/unwrap.js';
export { fromOpenBadge } from './ob3/from-open-badge.js';
export type { FromOpenBadgeResult } from './ob3/from-open-badge.js';
export { bakeBadge, unbakeBadge, BAKED_IMAGE_MAX_SIZE } from './ob3/bake.js';
export type { UnbakeBadgeResult, UnbakedBadge, BakeableCredential } from './ob3/bake.js';
