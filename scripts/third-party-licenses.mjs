// After the build: the CommonJS build carries the ESM-only dependencies inside (tsup.config.ts,
// ESM_ONLY). Their licences must travel with them: this writes dist/THIRD-PARTY-LICENSES.md from
// esbuild's metafile (which packages' files went into the bundles) and removes the metafile.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bundledPackages, licenceSections } from './licences.mjs';

const dist = new URL('../dist/', import.meta.url).pathname;
const metafiles = readdirSync(dist).filter((f) => /^metafile-.*\.json$/.test(f));
if (metafiles.length === 0) throw new Error('no metafile in dist/: build with tsup first');

const packages = new Map(); // name → directory
for (const file of metafiles) {
  bundledPackages(Object.keys(JSON.parse(readFileSync(join(dist, file), 'utf8')).inputs), packages);
  rmSync(join(dist, file));
}
const sections = licenceSections(packages);

writeFileSync(
  join(dist, 'THIRD-PARTY-LICENSES.md'),
  `# Third-party code bundled in the CommonJS build\n\nThe \`.cjs\` files of this package include the following packages (ES modules only, so that\n\`require()\` works on every Node.js version). Their licences:\n\n${sections.join('\n')}`,
);
console.log(`dist/THIRD-PARTY-LICENSES.md: ${packages.size} packages`);
if (!existsSync(join(dist, 'THIRD-PARTY-LICENSES.md'))) process.exit(1);
