/**
 * The local conferencing node in a process of its own for the room-scale benchmark, so that its CPU
 * time (process.cpuUsage) is the node's alone. Config overrides come as JSON in `BENCH_OVERRIDES`;
 * over IPC it answers `'cpu'` with its CPU time in ms. Prints its URL as one JSON line.
 */
import { loadConfig, parseConfig } from '../../conferencing-node/config.js';
import { startNode } from '../../conferencing-node/server.js';

const overrides = JSON.parse(process.env['BENCH_OVERRIDES'] ?? '{}') as Record<string, unknown>;
const base = loadConfig();
const config = parseConfig({ ...base, conferences: base.services.map((s) => ({ ...s })), ...overrides });
const node = await startNode({ config });
process.on('message', (m) => {
  if (m !== 'cpu') return;
  const { user, system } = process.cpuUsage();
  process.send?.({ cpuMs: (user + system) / 1000 });
});
console.log(JSON.stringify({ url: node.url }));
const stop = (): void => {
  void node.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
process.once('disconnect', stop);
