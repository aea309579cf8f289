/**
 * The part of Node's file system, process and OS modules the file-backed status list store uses,
 * loaded on first use by a dynamic `import()` of a constant name (as `vc/batch/` does), so that the
 * `/status` entry point still loads in a browser or a bundle for one: only calling the store's
 * methods needs Node. Declared here rather than taken from @types/node: the core compiles without
 * Node's types. The `node:` names appear in this folder only (test/architecture.test.ts).
 * @module
 */

/** The specifiers, kept in constants so that bundlers for browsers leave the imports alone. */
const FS_MODULE = 'node:fs/promises';
const OS_MODULE = 'node:os';
const PROCESS_MODULE = 'node:process';

/** An open file of `node:fs/promises`. */
export interface FileHandle {
  writeFile(data: string, encoding: 'utf8'): Promise<void>;
  chmod(mode: number): Promise<void>;
  sync(): Promise<void>;
  close(): Promise<void>;
}

/** The functions of `node:fs/promises` used here. */
export interface FsPromises {
  open(path: string, flags: string, mode?: number): Promise<FileHandle>;
  readFile(path: string, encoding: 'utf8'): Promise<string>;
  rename(from: string, to: string): Promise<void>;
  link(existing: string, created: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readdir(path: string): Promise<string[]>;
  mkdir(path: string, options: { recursive: true }): Promise<unknown>;
  stat(path: string): Promise<{ mtimeMs: number; mode: number }>;
}

/** What the store needs of Node. */
export interface NodeApi {
  fs: FsPromises;
  /** This process's id. */
  pid: number;
  /** This machine's host name (a lock's pid means something on its own host only). */
  host: string;
  /** Whether process `pid` exists on this host (signal 0: nothing is sent). */
  alive(pid: number): boolean;
}

interface ProcessModule {
  pid: number;
  kill(pid: number, signal: number): boolean;
}

/** The error code of a Node system error (`ENOENT`, `EEXIST`…), or undefined. */
export const errorCode = (error: unknown): string | undefined => {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
};

let loaded: Promise<NodeApi> | undefined;

async function load(): Promise<NodeApi> {
  try {
    const [fs, os, proc] = (await Promise.all([
      import(/* @vite-ignore */ /* webpackIgnore: true */ FS_MODULE),
      import(/* @vite-ignore */ /* webpackIgnore: true */ OS_MODULE),
      import(/* @vite-ignore */ /* webpackIgnore: true */ PROCESS_MODULE),
    ])) as [FsPromises & { default?: FsPromises }, { hostname(): string }, { default: ProcessModule }];
    const process = proc.default;
    return {
      fs,
      pid: process.pid,
      host: os.hostname(),
      alive: (pid) => {
        try {
          process.kill(pid, 0);
          return true;
        } catch (error) {
          return errorCode(error) !== 'ESRCH'; // EPERM: it exists, owned by someone else
        }
      },
    };
  } catch (error) {
    loaded = undefined;
    throw new Error(`FileStatusListStore needs Node.js (node:fs/promises), which this runtime does not have: ${String((error as { message?: unknown } | null)?.message ?? error)}. Use MemoryStatusListStore or a store of your own here.`);
  }
}

/** Node's modules, loaded once. */
export function node(): Promise<NodeApi> {
  loaded ??= load();
  return loaded;
}
