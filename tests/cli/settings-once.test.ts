import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { runPrep } from '../helpers/io.js';
import { testdir } from '../helpers/testdir.js';

it('reads the settings once a command: a bad value is warned about once', async () => {
  const home = testdir();
  writeFileSync(path.join(home, 'settings.json'), JSON.stringify({ newPerDay: 'lots' }));
  const run = await runPrep(['due'], { PREP_HOME: home });
  expect(run.code).toBe(0);
  expect(run.stderr.match(/prep: warning: .*newPerDay/gu)).toHaveLength(1);
});
