#!/usr/bin/env node
'use strict';
// CommonJS (see package.json here), so that a lone `--version` is answered before Node starts
// its ES module loader, about 10 ms of a 100 ms start; everything else is the bundle in dist/.
const args = process.argv.slice(2);
if (args.length === 1 && (args[0] === '--version' || args[0] === '-V')) {
  process.stdout.write(`${require('../package.json').version}\n`);
} else {
  import('../dist/main.js').then(({ main }) => main(process.argv));
}
