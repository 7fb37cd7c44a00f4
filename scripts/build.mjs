// Builds dist/ with esbuild: one bundle for the CLI, split at its dynamic imports so each
// command loads only what it uses, with marked-terminal's cli-highlight replaced by the
// lean highlighter in src/render/highlight.ts. Type-checking is `npm run typecheck`.
//
// esbuild splits only ES modules, and Node 20 loads CommonJS faster: its ES module loader takes
// about 10 ms to start and twice as long a module (prep show, due and stats load 20 to 30 of
// them). So the split bundle is built in memory and each file is written as CommonJS (.cjs),
// its dynamic imports made requires; measured against the ES modules (median of 15 interleaved
// runs each): show on S 194 -> 170 ms, due 354 -> 308 ms, stats 440 -> 404 ms.
import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { build, transform } from 'esbuild';

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

const { outputFiles } = await build({
  // The CLI's entry, and the modules scripts and tests import from dist/ directly.
  entryPoints: ['src/main.ts', 'src/store/log.ts', 'src/store/events.ts', 'src/notes/load.ts'],
  outbase: 'src',
  outdir: 'dist',
  write: false,
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
  plugins: [lazyChildProcessForCommander],
  chunkNames: 'chunks/[name]-[hash]',
  legalComments: 'none',
  logLevel: 'warning',
});

/** A relative require of a module of the split bundle, whose files are written as .cjs. */
const BUNDLE_REQUIRE = /require\("(\.{1,2}\/[^"]+)\.js"\)/gu;

for (const { path: file, text } of outputFiles) {
  const { code } = await transform(text, {
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    // import() of another part of the bundle becomes a require, as the promise of its exports.
    supported: { 'dynamic-import': false },
    // import.meta.url, for createRequire and for finding the package from dist/.
    define: { 'import.meta.url': '__importMetaUrl' },
    banner: text.includes('import.meta.url') ? "const __importMetaUrl = require('node:url').pathToFileURL(__filename).href;" : '',
    logLevel: 'warning',
  });
  const out = file.replace(/\.js$/u, '.cjs');
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, code.replace(BUNDLE_REQUIRE, 'require("$1.cjs")'));
}
