import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The same substitutions as the build (scripts/build.mjs), so tests run the code users run.
const source = (file: string): string => fileURLToPath(new URL(file, import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      'cli-highlight': source('./src/render/highlight.ts'),
      'node-emoji': source('./src/render/no-emoji.ts'),
    },
  },
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 30_000,
    // marked-terminal imports cli-highlight and node-emoji: inline it so the aliases apply.
    server: { deps: { inline: ['marked-terminal'] } },
  },
});
