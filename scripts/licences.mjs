// The licences of the packages an esbuild bundle holds, read from its metafile's inputs (which
// packages' files went in): one Markdown section per package, with its licence file as it is.
// Used for the library's CommonJS build (scripts/third-party-licenses.mjs) and the verifier page
// (scripts/build-web.mjs).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The packages (name → directory) whose files are among `inputs` (a metafile's input paths). */
export function bundledPackages(inputs, packages = new Map()) {
  for (const input of inputs) {
    const m = /(?:^|\/)node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (m) packages.set(m[1], input.slice(0, m.index + m[0].length));
  }
  return packages;
}

/** A Markdown section per package, sorted by name: name, version, licence, the licence file. */
export function licenceSections(packages, root = '.') {
  return [...packages.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([name, relative]) => {
    const dir = join(root, relative);
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const licenceFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const text = licenceFile ? readFileSync(join(dir, licenceFile), 'utf8').trim() : `(no licence file in the package; package.json says: ${pkg.license ?? 'unknown'})`;
    return `## ${name} ${pkg.version}\n\nLicence: ${pkg.license ?? 'see below'}\n\n\`\`\`\n${text}\n\`\`\`\n`;
  });
}
