// Builds the web app of `unspin serve`: web/ → dist/web (app.js, app.css, index.html, favicon.svg), minified, no source maps.
import { copyFile, mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}dist/web`;

await rm(out, { recursive: true, force: true });
await mkdir(out, { recursive: true });
await build({
  absWorkingDir: root,
  entryPoints: [
    { in: 'web/src/main.tsx', out: 'app' },
    { in: 'web/styles.css', out: 'app' },
  ],
  outdir: out,
  bundle: true,
  minify: true,
  format: 'esm',
  target: ['chrome109', 'firefox115', 'safari16'],
  jsx: 'automatic',
  jsxImportSource: 'preact',
  tsconfig: 'web/tsconfig.json',
  sourcemap: false,
  logLevel: 'warning',
});
for (const file of ['index.html', 'favicon.svg']) await copyFile(`${root}web/${file}`, `${out}/${file}`);
