/**
 * A speed-up of jsonld.js used only inside the signing workers of `signCredentials()`, which run
 * nothing but this library's own signing code.
 *
 * jsonld.js copies the active context whenever it enters a node with a type-scoped context (the
 * VC 1.1 context scopes `VerifiableCredential`), leaves one, or processes a context it has not
 * cached, and each copy deep-clones every term definition: about 270 of them under the VC + ELM
 * contexts, 29 copies per signed EU sample, a third of the signing time and most of the garbage.
 * Term definitions are never changed once jsonld.js has built one (context.js of 9.0.0 writes to a
 * definition only inside createTermDefinition, which always starts a new object and puts it into
 * the copy's own Map), so a copy may share them: a new Map over the same definitions means the same
 * as a deep copy.
 *
 * jsonld.js's term-definition Maps are the only Maps its `util.clone` is given (the documents it
 * copies are JSON), so the change is: clone a Map shallowly, anything else as before. A worker is
 * its own module instance, so the caller's jsonld.js in the main thread is never touched. Whether
 * workers sign byte for byte what the calling thread signs is tested (test/vc-batch.test.ts), and
 * so is expansion and canonicalization with and without the change (test/worker-jsonld.test.ts).
 * The argument above was checked against one jsonld.js version: under any other (a caller's
 * `overrides`, say) the workers run jsonld.js as it is.
 */
import jsonldUtil from 'jsonld/lib/util.js';

/** The shape of jsonld.js's util module this relies on. */
export interface JsonLdUtil {
  clone(value: unknown): unknown;
}

const SHARED = Symbol.for('eu-micro-credentials.sharedTermDefinitions');

/** The jsonld.js version whose code the argument above was checked against. */
export const JSONLD_VERSION_REVIEWED = '9.0.0';

/** Shares term definitions when `version` is the reviewed jsonld.js version; false otherwise. */
export function shareTermDefinitionsFor(version: unknown, util: JsonLdUtil = jsonldUtil): boolean {
  return version === JSONLD_VERSION_REVIEWED && shareTermDefinitions(util);
}

/**
 * Makes `util.clone` copy Maps (jsonld.js's term definitions) shallowly. Idempotent; returns false
 * when the module does not look like jsonld.js 9's util (it is then left as it is).
 */
export function shareTermDefinitions(util: JsonLdUtil = jsonldUtil): boolean {
  if (util === null || typeof util !== 'object' || typeof util.clone !== 'function') return false;
  const target = util as JsonLdUtil & { [SHARED]?: true };
  if (target[SHARED]) return true;
  const deep = util.clone;
  target.clone = function clone(value: unknown): unknown {
    return value instanceof Map ? new Map(value) : deep.call(this, value);
  };
  target[SHARED] = true;
  return true;
}
