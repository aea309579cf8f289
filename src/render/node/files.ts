/**
 * The render room's Node loader: reads the embedded font and resvg's WebAssembly from files, in Node
 * only. Node's modules are loaded on first use by a dynamic `import()` of a constant name (as
 * `status/file-store/` does), so that the render entry point still loads in a browser or a bundle
 * for one, where `nodeFiles()` is undefined. Declared here rather than taken from @types/node: the
 * core compiles without Node's types. The `node:` names appear in this folder only
 * (test/architecture.test.ts).
 * @module
 */

/** The specifiers, kept in constants so that bundlers for browsers leave the imports alone. */
const FS_MODULE = 'node:fs/promises';
const MODULE_MODULE = 'node:module';

/** What is used of `node:fs/promises` and `node:module`, relative to the module that asks. */
export interface NodeFiles {
  /** A file's bytes (a path or a file: URL). */
  readFile(path: URL | string): Promise<Uint8Array>;
  /** `require.resolve` of a package's file, from the module that asks. */
  resolve(specifier: string): string;
}

/** The file URL of this module (of the bundle it was built into), or undefined where it was not loaded from a file. */
export function moduleUrl(): string | undefined {
  // In the CommonJS build, the build's shim derives import.meta.url from __filename.
  const here: unknown = import.meta.url;
  return typeof here === 'string' && here.startsWith('file:') ? here : undefined;
}

/**
 * Node's file reading and module resolution relative to this module, or undefined where this is not
 * Node (a browser, a Web Worker, a bundle without file URLs). Not even tried where this module was
 * not loaded from a file: in a page the import would show as a refused request.
 */
export async function nodeFiles(): Promise<NodeFiles | undefined> {
  const here = moduleUrl();
  const web = globalThis as { importScripts?: unknown };
  if (here === undefined || typeof web.importScripts === 'function') return undefined;
  try {
    const [fs, mod] = (await Promise.all([
      import(/* @vite-ignore */ /* webpackIgnore: true */ FS_MODULE),
      import(/* @vite-ignore */ /* webpackIgnore: true */ MODULE_MODULE),
    ])) as [{ readFile(path: URL | string): Promise<Uint8Array> }, { createRequire(from: string): { resolve(specifier: string): string } }];
    const require = mod.createRequire(here);
    return {
      readFile: async (path) => {
        const bytes = await fs.readFile(path);
        // A plain Uint8Array rather than Node's Buffer subclass.
        return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
      },
      resolve: (specifier) => require.resolve(specifier),
    };
  } catch {
    return undefined;
  }
}

/**
 * Reads a file of an installed package (`@resvg/resvg-wasm/index_bg.wasm`) in Node; undefined where
 * this is not Node. Throws when Node cannot find or read it.
 */
export async function readPackageFile(specifier: string): Promise<Uint8Array | undefined> {
  const node = await nodeFiles();
  return node === undefined ? undefined : node.readFile(node.resolve(specifier));
}
