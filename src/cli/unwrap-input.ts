/**
 * `convert` and `sign` read one document: a credential carried in a wrapper (EDC's upload format
 * `{"credential": …}`, DC4EU's `{"elm": …}`) is unwrapped with a warning, and JSON without
 * `@context` is refused with one message that names it (not a missing element per member).
 */
import { describeWrapping } from 'eu-micro-credentials';

/** The document to use, or the one problem that stops the command. */
export type Unwrapped = { ok: true; doc: unknown; warning?: string; pointer?: string } | { ok: false; problem: string };

/**
 * `expects`: `credential` for `convert --to model` and `sign` (a wrapper is unwrapped), `model` for
 * `convert --to elm` (any ELM credential, wrapped or not, is the wrong input).
 */
export function unwrapInput(doc: unknown, expects: 'credential' | 'model'): Unwrapped {
  const wrapping = describeWrapping(doc);
  if (wrapping === undefined) return { ok: true, doc };
  if (wrapping.kind === 'no-context') return { ok: false, problem: `error: ${wrapping.message} [ELM_NO_CONTEXT]` };
  if (expects === 'model') {
    return { ok: false, problem: `error: the input is ${wrapping.format}, an ELM credential in \`${wrapping.member}\`: \`convert --to elm\` converts a micro-credential; \`convert --to model\` reads this one [ELM_WRAPPED]` };
  }
  // `pointer`: where the credential is in the file, which the places of its issues start with.
  return { ok: true, doc: wrapping.inner, pointer: wrapping.pointer, warning: `warning ${wrapping.pointer}: ${wrapping.message} eumc unwrapped it. [ELM_WRAPPED]` };
}
