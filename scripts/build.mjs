// Builds dist/ with esbuild: one bundle for the CLI, split at its dynamic imports so each
// command loads only what it uses, with marked-terminal's cli-highlight replaced by the
// lean highlighter in src/render/highlight.ts. Type-checking is `npm run typecheck`.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

await build({
  // The CLI, and the modules scripts and tests import from dist/ directly.
  entryPoints: ['src/cli.ts', 'src/store/log.ts', 'src/store/events.ts', 'src/notes/load.ts'],
  outbase: 'src',
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  external: ['highlight.js'],
  alias: { 'cli-highlight': './src/render/highlight.ts', 'node-emoji': './src/render/no-emoji.ts' },
  // Bundled CommonJS packages (gray-matter, js-yaml) call require() for Node's own modules.
  banner: { js: "import { createRequire as __prepRequire } from 'node:module'; const require = __prepRequire(import.meta.url);" },
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
