import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { onTestFinished } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Transpiles a source module and the relative imports it reaches into plain ESM under a temporary
 * folder inside the project (so that packages resolve from node_modules), and returns the path of
 * the entry's `.js`. Lets a child `node` process run the current source without a build.
 */
export function transpileForNode(entry: string): string {
  const out = mkdtempSync(join(root, 'node_modules', '.prep-test-'));
  onTestFinished(() => {
    rmSync(out, { recursive: true, force: true });
  });
  const pending = [resolve(root, entry)];
  const done = new Set<string>();
  for (let source = pending.pop(); source !== undefined; source = pending.pop()) {
    if (done.has(source)) {
      continue;
    }
    done.add(source);
    const text = readFileSync(source, 'utf8');
    const { outputText } = ts.transpileModule(text, {
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
      fileName: source,
    });
    const target = join(out, relative(root, source)).replace(/\.ts$/u, '.js');
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, outputText);
    for (const match of outputText.matchAll(/from\s+['"](\.{1,2}\/[^'"]+)\.js['"]/gu)) {
      pending.push(resolve(dirname(source), `${match[1] ?? ''}.ts`));
    }
  }
  return join(out, relative(root, resolve(root, entry))).replace(/\.ts$/u, '.js');
}
