/**
 * `eumc convert --status-list <list-file>`: the status entry of a revocable credential, allocated
 * in a list file of `eumc status create` (status-file.ts: the library's `FileStatusListStore.forFile`)
 * through the library's `allocateStatus`, atomically, the list saved before the credential is
 * written. A bitstring list gives ELM and Open Badges 3.0 their `credentialStatus`, a token list
 * the SD-JWT VC's `status` claim. The converters (convert.ts, ob3-convert.ts, sd-jwt-vc-convert.ts)
 * run once with a preview entry, made on a copy of the list that is never saved, and allocate only
 * when that run succeeds: an input that cannot be converted allocates nothing.
 */
import { reportProblems, say } from './io.js';
import { safeName } from './text.js';
import { UsageError } from './usage.js';

/**
 * The status entry `--status-list` puts into the credential. The conversion first runs with
 * `preview`, an entry of the same list made on a copy that is never saved, so that an input that
 * cannot be converted allocates nothing; then `allocate` takes an index for good (the list file
 * saved, atomically) and gives its entry, or `undefined` when the list is full (reported, exit 1).
 * A conversion that fails after that calls `kept`: the index stays allocated, never handed out again.
 */
export interface ConvertStatus {
  readonly preview: unknown;
  allocate(): Promise<unknown>;
  kept(): void;
}

const statusEntry = () => import('eu-micro-credentials/status');

/** What each `--to` needs of a list: its format, and what the other one is for. */
const LIST_FORMAT = { elm: 'bitstring', ob3: 'bitstring', 'sd-jwt-vc': 'token' } as const;
const FORMAT_WORDS = {
  bitstring: 'a bitstring list (W3C Bitstring Status List, for ELM and Open Badges 3.0 credentials)',
  token: 'a token list (IETF Token Status List, for SD-JWT VCs)',
} as const;

/**
 * Opens the list file of `--status-list` (usage errors before any work: a file that is not a
 * list, a list of the other format), and makes the preview entry. `undefined` when the list is full.
 */
export async function openStatusList(shown: string, to: 'elm' | 'model' | 'ob3' | 'sd-jwt-vc'): Promise<ConvertStatus | undefined> {
  if (to === 'model') throw new UsageError('--status-list is for --to elm, ob3 or sd-jwt-vc: it puts a status entry into the credential made');
  const { ListFile } = await import('./status-file.js');
  const { StatusList, allocateStatus } = await statusEntry();
  const file = new ListFile(shown);
  const id = await file.id();
  const record = await file.get(id);
  if (record === undefined) throw new UsageError(`the list file ${safeName(shown)} changed while it was read: run the command again`);
  const list = StatusList.fromJSON(record.list);
  const needed = LIST_FORMAT[to];
  if (list.format !== needed) {
    throw new UsageError(`the list file ${safeName(shown)} holds ${FORMAT_WORDS[list.format]}: --to ${to} needs ${FORMAT_WORDS[needed]} (eumc status create <list-file> --format ${needed} --id <url>)`);
  }
  const full = (error: unknown) => {
    if (!(error instanceof RangeError)) throw error;
    reportProblems([`error: ${error.message.replace(/^StatusList\.allocate: /, '').replace(/create another list/, 'create another list (eumc status create)')}`]);
    return undefined;
  };
  let preview: unknown;
  try {
    preview = list.entry(list.allocate());
  } catch (error) {
    return full(error);
  }
  return {
    preview,
    async allocate() {
      try {
        const { index, entry } = await allocateStatus(file, id, { attempts: 100 });
        say(`note: allocated index ${index} in the status list ${id} (saved in ${safeName(shown)}); \`eumc status revoke ${safeName(shown)} ${index}\` revokes this credential`);
        return entry;
      } catch (error) {
        return full(error);
      }
    },
    kept() {
      say(`note: the index allocated for this credential stays allocated in ${safeName(shown)} (an index is never handed out again): it is simply never used`);
    },
  };
}
