/**
 * `describeWrapping()` for the checks that run in worker threads. It lives in the package's root
 * entry, with the model and zod, which a worker checking ELM or signed files has no other use for
 * (loading them would add about 0.2 s to each worker's start). A document with its own `@context`
 * is never a wrapper nor JSON without context (describeWrapping's first rule), so the root entry
 * is loaded only for the other documents, on first use.
 */
import type { Wrapping } from 'eu-micro-credentials';

const rootEntry = () => import('eu-micro-credentials');

const hasOwnContext = (json: unknown): boolean => json !== null && typeof json === 'object' && !Array.isArray(json) && Object.hasOwn(json, '@context');

/** What `describeWrapping(json)` says, loading it only when the answer is not plain. */
export async function wrappingOf(json: unknown): Promise<Wrapping | undefined> {
  if (hasOwnContext(json)) return undefined;
  return (await rootEntry()).describeWrapping(json);
}
