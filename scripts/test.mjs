// `npm test`: node tests (conferencing node) then browser tests (web-test-runner, Chromium), and one
// plain closing line `Tests: N passed, N failed` across both.
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const tmp = mkdtempSync(join(tmpdir(), 'pex-test-'));
const run = (cmd, args, env = {}) =>
  new Promise((resolve) => {
    const child = spawn(cmd, args, { stdio: 'inherit', env: { ...process.env, ...env } });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
  });

const totals = { passed: 0, failed: 0, skipped: 0 };
let broken = false;

// 1. Node tests. Spec output for people, TAP to a file for the totals.
const tap = join(tmp, 'node.tap');
const nodeCode = await run(process.execPath, [
  '--import',
  'tsx',
  '--test',
  '--test-concurrency=1',
  '--test-reporter=spec',
  '--test-reporter-destination=stdout',
  '--test-reporter=tap',
  `--test-reporter-destination=${tap}`,
  ...readdirSync('test/node')
    .filter((f) => f.endsWith('.test.ts'))
    .map((f) => `test/node/${f}`),
]);
try {
  const text = readFileSync(tap, 'utf8');
  const num = (k) => Number((text.match(new RegExp(`^# ${k} (\\d+)$`, 'm')) ?? [])[1] ?? 0);
  totals.passed += num('pass');
  totals.failed += num('fail') + num('cancelled');
  totals.skipped += num('skipped') + num('todo');
  if (nodeCode !== 0 && num('fail') + num('cancelled') === 0) broken = true;
} catch {
  broken = true;
}

// 2. Browser tests (Chromium installed or checked first).
const check = await run(process.execPath, ['scripts/check-chromium.mjs']);
if (check !== 0) {
  broken = true;
} else {
  const summary = join(tmp, 'wtr.json');
  const wtrCode = await run(
    process.execPath,
    ['--import', 'tsx', 'node_modules/@web/test-runner/dist/bin.js'],
    { WTR_SUMMARY_FILE: summary },
  );
  try {
    const s = JSON.parse(readFileSync(summary, 'utf8'));
    totals.passed += s.passed;
    totals.failed += s.failed;
    totals.skipped += s.skipped;
    if (wtrCode !== 0 && s.failed === 0) broken = true;
  } catch {
    broken = true;
  }
}
rmSync(tmp, { recursive: true, force: true });
if (broken && totals.failed === 0) totals.failed = 1; // a suite that crashed counts as a failure
console.log(
  `\nTests: ${totals.passed} passed, ${totals.failed} failed${totals.skipped ? `, ${totals.skipped} skipped` : ''}`,
);
process.exit(totals.failed > 0 ? 1 : 0);
