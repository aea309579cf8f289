/**
 * Every thread of `eumc` (the main thread and its workers) runs only this library's code, as the
 * signing workers of `signCredentials()` do, so jsonld.js may share its term definitions between
 * copies of a context instead of deep-cloning them (src/vc/worker-jsonld.ts says why that is safe,
 * for the one jsonld.js version it was checked against). It halves the cost of an ELM file
 * (`validateElm`: about 10 ms → 5 ms on the EU sample), in the main thread and in the workers alike.
 */
import { createRequire } from 'node:module';
// The one import from inside the library rather than its public entry points: this module patches
// the process's jsonld.js, the very module the library's build loads (jsonld is external in both
// builds), so the command line's copy of this code changes the library's too. It is not an API.
import { shareTermDefinitionsFor } from '../vc/worker-jsonld.js';

/** Turns the speed-up on when the installed jsonld.js is the reviewed version; whether it is on. */
export function shareJsonLdTermDefinitions(): boolean {
  try {
    return shareTermDefinitionsFor((createRequire(import.meta.url)('jsonld/package.json') as { version?: unknown }).version);
  } catch {
    return false;
  }
}
