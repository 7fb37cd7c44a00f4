// Builds dist/ with esbuild: one bundle for the CLI, split at its dynamic imports so each
// command loads only what it uses, with marked-terminal's cli-highlight replaced by the
// lean highlighter in src/render/highlight.ts. Type-checking is `npm run typecheck`.
import { createHash } from 'node:crypto';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync(new URL('../dist', import.meta.url), { recursive: true, force: true });

/** A hash of some source folders and the dependencies' versions: a cache trusts only what its own code wrote. */
function versionOf(...folders) {
  const hash = createHash('sha256');
  for (const folder of folders) {
    const dir = new URL(`../src/${folder}/`, import.meta.url);
    for (const name of readdirSync(dir).sort()) hash.update(readFileSync(new URL(name, dir)));
  }
  hash.update(readFileSync(new URL('../package-lock.json', import.meta.url)));
  return hash.digest('hex').slice(0, 16);
}

/**
 * commander requires node:child_process when it loads, for git-style executable subcommands,
 * which prep has none of; loading that module costs 6-8 ms of every command's start here. In
 * commander's bundle it is replaced by a stand-in that loads the real module on first use.
 */
const lazyChildProcessForCommander = {
  name: 'lazy-child-process-for-commander',
  setup(build) {
    build.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.kind === 'require-call' && /[\\/]node_modules[\\/]commander[\\/]/u.test(args.importer) ? { path: 'child_process', namespace: 'lazy' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'lazy' }, () => ({
      contents: "module.exports = { spawn: (...args) => require('node:child_process').spawn(...args) };",
      loader: 'js',
    }));
  },
};

await build({
  // The CLI's entry, and the modules scripts and tests import from dist/ directly.
  entryPoints: ['src/main.ts', 'src/store/log.ts', 'src/store/events.ts', 'src/notes/load.ts'],
  outbase: 'src',
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  packages: 'bundle',
  // Loaded with require() when needed, from node_modules: highlight.js for coloured code,
  // gray-matter (with js-yaml) for notes that have front matter.
  external: ['highlight.js', 'gray-matter'],
  define: {
    // The parse cache holds card ids (folded by src/text) and the search text (src/search) too.
    PREP_LOADER_VERSION: JSON.stringify(versionOf('notes', 'search', 'text')),
    // Rendering depends on the renderer and on the nesting caps the loader shares with it.
    PREP_RENDER_VERSION: JSON.stringify(versionOf('render', 'notes')),
    // The log snapshot holds what the store's fold and the scheduler's states made of the log.
    PREP_STORE_VERSION: JSON.stringify(versionOf('store', 'schedule')),
  },
  alias: { 'cli-highlight': './src/render/highlight.ts', 'node-emoji': './src/render/no-emoji.ts' },
  // Bundled CommonJS packages (gray-matter, js-yaml) call require() for Node's own modules.
  banner: { js: "import { createRequire as __prepRequire } from 'node:module'; const require = __prepRequire(import.meta.url);" },
  plugins: [lazyChildProcessForCommander],
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});
