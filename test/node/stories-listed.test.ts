import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { it } from 'node:test';

it('every stories file is in the axe test of test/browser/stories.test.ts', () => {
  const listed = readFileSync('test/browser/stories.test.ts', 'utf8');
  for (const f of readdirSync('stories').filter((n) => n.endsWith('.stories.ts'))) {
    assert.ok(listed.includes(`'${f}'`), `${f} is not listed in test/browser/stories.test.ts`);
  }
});

it('the README element reference matches the components', async () => {
  const { execFileSync } = await import('node:child_process');
  execFileSync(process.execPath, ['scripts/docs.mjs', '--check'], { stdio: 'pipe' });
});
