// `import.meta.url` for the CommonJS build (tsup.config.ts defines it as `importMetaUrl` and injects
// this file): the file URL of the bundle itself. pathToFileURL percent-encodes what a plain
// `file:${__filename}` leaves as it is, such as `#` and `%` in a folder name, which would make the
// URL's path end early and the worker script and bundled contexts be looked for in the wrong place.
import { pathToFileURL } from 'node:url';

export const importMetaUrl = pathToFileURL(__filename).href;
