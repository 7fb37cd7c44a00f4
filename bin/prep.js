#!/usr/bin/env node
'use strict';
// CommonJS, as is the bundle in dist/ (see scripts/build.mjs); a lone `--version` is answered
// before the bundle is loaded.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  require('../dist/main.cjs').main(process.argv);
}
