/**
 * A writer process for test/status-store.test.ts: the test bundles this file with esbuild and runs
 * it with node, so that real processes write through FileStatusListStore (and can be killed).
 *
 * Arguments: <directory> <list id> <mode> <count> [file]. With `file`, <directory> is the path of
 * one list's file (`FileStatusListStore.forFile`). Mode `allocate`: allocates <count> indexes.
 * Mode `churn`: allocates an index and revokes it, <count> times. Each change is printed once it
 * is stored (the write returned): `A <revision> <index>` for an allocation, `R <revision> <index>`
 * for a revocation, so that every printed line is an acknowledged change.
 */
import { FileStatusListStore } from '../../src/status/file-store/file-store.js';
import { updateStatusList } from '../../src/status/store.js';

const [directory, id, mode, countText, single] = process.argv.slice(2);
if (!directory || !id || (mode !== 'allocate' && mode !== 'churn')) throw new Error('usage: <directory> <list id> allocate|churn <count> [file]');
const store = single === 'file' ? FileStatusListStore.forFile(directory) : new FileStatusListStore(directory);
const count = Number(countText);
for (let i = 0; i < count; i++) {
  const allocated = await updateStatusList(
    store,
    id,
    (list) => {
      const index = list.allocate();
      return { index, revision: list.revision };
    },
    { attempts: 1000 },
  );
  process.stdout.write(`A ${allocated.revision} ${allocated.index}\n`);
  if (mode === 'churn') {
    const revision = await updateStatusList(
      store,
      id,
      (list) => {
        list.revoke(allocated.index);
        return list.revision;
      },
      { attempts: 1000 },
    );
    process.stdout.write(`R ${revision} ${allocated.index}\n`);
  }
}
