// After the build: copies the renderer's font into dist/fonts/, where src/render/fonts.ts reads it
// next to the built module (dist/render.js, dist/render.cjs and their chunks are all in dist/):
// Noto Sans Regular and Bold (the Noto project's Latin-Greek-Cyrillic family) from the
// @expo-google-fonts/noto-sans development dependency, and its licence, the SIL Open Font License
// 1.1 (the package's LICENSE_FONT), as OFL.txt beside them. A missing file fails the build.
import { copyFileSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const packageDir = dirname(require.resolve('@expo-google-fonts/noto-sans/package.json'));
const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const target = join(dist, 'fonts');

const files = [
  ['400Regular/NotoSans_400Regular.ttf', 'NotoSans_400Regular.ttf'],
  ['700Bold/NotoSans_700Bold.ttf', 'NotoSans_700Bold.ttf'],
  ['LICENSE_FONT', 'OFL.txt'],
];

mkdirSync(target, { recursive: true });
for (const [from, to] of files) {
  const source = join(packageDir, from);
  if (!statSync(source, { throwIfNoEntry: false })?.isFile()) throw new Error(`copy-render-fonts: ${source} is missing (is @expo-google-fonts/noto-sans installed? run npm ci)`);
  copyFileSync(source, join(target, to));
}
if (!/SIL Open Font License/.test(readFileSync(join(target, 'OFL.txt'), 'utf8'))) throw new Error('copy-render-fonts: the font package\'s LICENSE_FONT is no longer the SIL Open Font License; check the font\'s licence before shipping it');
