/** The messages between `eumc` and its worker threads (pool.ts, worker.ts). */
import type { FileResult } from './check.js';
import type { FileCheckOptions } from './check-file.js';

/** `workerData`: the options of the run, the same for every file. */
export interface WorkerInit {
  options: FileCheckOptions;
}

/** A file to check: its name (for the report) and its JSON text, already read and parsed once by the main thread. */
export interface FromPool {
  id: number;
  name: string;
  text: string;
}

/** A file's verdict. */
export interface ToPool {
  id: number;
  result: FileResult;
}
