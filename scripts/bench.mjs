// `npm run bench`: runs every bench/*.bench.{mjs,ts} (TypeScript through tsx) and prints one table
// (name | value | unit | target) of the `BENCH {json}` lines they write. Figures only: a benchmark
// that crashes is reported, but nothing here judges the numbers.
import { spawn } from 'node:child_process';
import { readdirSync } from 'node:fs';

const files = readdirSync('bench')
  .filter((f) => /\.bench\.(mjs|js|ts)$/.test(f))
  .sort();
const rows = [];
let failed = 0;
for (const file of files) {
  const args = file.endsWith('.ts') ? ['--import', 'tsx', `bench/${file}`] : [`bench/${file}`];
  console.error(`bench: ${file}…`);
  const code = await new Promise((resolve) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let buf = '';
    child.stdout.on('data', (d) => {
      buf += d.toString();
      let i;
      while ((i = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, i);
        buf = buf.slice(i + 1);
        if (line.startsWith('BENCH ')) rows.push({ file, ...JSON.parse(line.slice(6)) });
        else if (line.trim()) console.error(line);
      }
    });
    child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0)));
  });
  if (code !== 0) {
    failed++;
    rows.push({ file, name: `${file} did not finish (exit ${code})`, value: '-', unit: '', target: '' });
  }
}
const table = [
  ['name', 'value', 'unit', 'target'],
  ...rows.map((r) => [r.name, String(r.value), r.unit, r.target]),
];
const widths = table[0].map((_, i) => Math.max(...table.map((r) => r[i].length)));
const line = (r) => `| ${r.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(line(table[0]));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const r of table.slice(1)) console.log(line(r));
process.exit(failed ? 1 : 0);
