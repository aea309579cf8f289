/**
 * Worker threads for the costly checks (ELM shapes, signatures, seals): `--workers` threads (default:
 * the machine's available parallelism), started on the first file that needs one, each checking one
 * file at a time. A worker that fails (an uncaught error, out of memory, exited) costs the file it
 * held, which gets an `EUMC_INTERNAL_ERROR`, never the run: a new worker takes its place, and when
 * none can be started the remaining files are checked in the main thread. `close()` ends them all,
 * so the process exits when the run is done.
 *
 * Each worker holds at most two files: the one it checks and the next, so that it never waits for
 * the main thread (busy reading, parsing and reporting) between two files. A worker checks them in
 * the order sent, so when it fails, the first is the file it was checking; the second goes back to
 * the queue.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { FileResult, Kind } from './check.js';
import { finding } from './finding.js';
import type { FromPool, ToPool, WorkerInit } from './pool-protocol.js';

/** Checks a file in the main thread: what the pool falls back to. */
export type Fallback = (name: string, text: string) => Promise<FileResult>;

export interface Pool {
  /** Checks a file (its JSON text, already parsed once here) in a worker; never rejects. */
  check(name: string, text: string, kind: Kind): Promise<FileResult>;
  /** Terminates the workers. */
  close(): Promise<void>;
}

interface Task {
  id: number;
  name: string;
  text: string;
  kind: Kind;
  done(result: FileResult): void;
}

/** Files a worker holds at once. */
const IN_FLIGHT = 2;

interface Lane {
  worker: Worker;
  /** Sent and not answered, in the order sent. */
  tasks: Task[];
  dead: boolean;
}

/**
 * The worker script: `cli-worker.js` beside the running `cli.js`, or `EUMC_CLI_WORKER` (a path; for
 * tests). `undefined` when it is not there (the CLI run from its sources): files are then checked in
 * the main thread.
 */
export function workerScript(): URL | undefined {
  const override = process.env.EUMC_CLI_WORKER;
  const url = override ? pathToFileURL(resolve(override)) : new URL('./cli-worker.js', import.meta.url);
  return url.protocol === 'file:' && existsSync(fileURLToPath(url)) ? url : undefined;
}

const crashed = (task: Task, why: string): FileResult => ({
  file: task.name,
  kind: task.kind,
  status: 'failed',
  issues: [finding('EUMC_INTERNAL_ERROR', 'error', '', `The worker thread checking this file failed (${why}), so the file was not checked. Run again with --workers 0 to check it in the main thread.`)],
  durationMs: 0,
});

/** A pool of `size` workers running `script`, started on first use. */
export function createPool(size: number, script: URL, init: WorkerInit, fallback: Fallback): Pool {
  const lanes: Lane[] = [];
  const queue: Task[] = [];
  let nextId = 0;
  let restarts = 0;
  let closed = false;
  let started = false;

  function start(): void {
    let worker: Worker;
    try {
      worker = new Worker(script, { workerData: init });
    } catch {
      return; // counted as no lane: dispatch() falls back when none is alive
    }
    const lane: Lane = { worker, tasks: [], dead: false };
    lanes.push(lane);
    worker.on('message', (message: ToPool) => {
      const task = lane.tasks[0];
      if (task === undefined || message?.id !== task.id) return;
      lane.tasks.shift();
      task.done(message.result);
      dispatch();
    });
    worker.on('error', (error) => fail(lane, error instanceof Error ? error.message : String(error)));
    worker.on('messageerror', (error) => fail(lane, `a message could not be read: ${error.message}`));
    worker.on('exit', (code) => fail(lane, `it exited with code ${code}`));
  }

  function fail(lane: Lane, why: string): void {
    if (lane.dead) return;
    lane.dead = true;
    void lane.worker.terminate().catch(() => 0);
    const [task, ...waiting] = lane.tasks.splice(0);
    if (task) task.done(crashed(task, why));
    queue.unshift(...waiting);
    if (closed) return;
    if (restarts < 2 * size) {
      restarts++;
      start();
    }
    dispatch();
  }

  function dispatch(): void {
    // Round by round, one file per worker, so that the files spread over the workers.
    for (let round = 0; round < IN_FLIGHT; round++) {
      for (const lane of lanes) {
        if (lane.dead || lane.tasks.length > round) continue;
        const task = queue.shift();
        if (!task) return;
        lane.tasks.push(task);
        lane.worker.postMessage({ id: task.id, name: task.name, text: task.text } satisfies FromPool);
      }
    }
    // No worker left (each failed, more than twice the pool's size in all): this thread checks the rest.
    if (lanes.every((l) => l.dead)) for (const task of queue.splice(0)) void fallback(task.name, task.text).then(task.done);
  }

  return {
    check(name, text, kind) {
      if (!started) {
        started = true;
        for (let i = 0; i < size; i++) start();
      }
      return new Promise<FileResult>((done) => {
        queue.push({ id: nextId++, name, text, kind, done });
        dispatch();
      });
    },
    async close() {
      closed = true;
      await Promise.all(lanes.map((l) => l.worker.terminate().catch(() => 0)));
    },
  };
}
