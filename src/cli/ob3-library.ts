/**
 * The Open Badges 3.0 entry point (`eu-micro-credentials/ob3`) as the command line uses it, loaded
 * on first use: a run over model or ELM files never loads it.
 */
import type { FromOpenBadgeResult, UnbakeBadgeResult } from 'eu-micro-credentials/ob3';

/** The `/ob3` entry point. */
export const ob3Entry = () => import('eu-micro-credentials/ob3');

/** `fromOpenBadge(input)`: the badge (object, JSON text or VC-JWT) read into the model. */
export async function readBadge(input: unknown): Promise<FromOpenBadgeResult> {
  const { fromOpenBadge } = await ob3Entry();
  return fromOpenBadge(input);
}

/** `unbakeBadge(image)`: the credential baked into a PNG or SVG image. */
export async function unbake(image: Uint8Array): Promise<UnbakeBadgeResult> {
  const { unbakeBadge } = await ob3Entry();
  return unbakeBadge(image);
}
