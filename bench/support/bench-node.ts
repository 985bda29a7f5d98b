/**
 * The local conferencing node as a separate process for the benchmark (so its CPU and memory can be
 * read from /proc), serving the benchmark pages under /bench/. Prints its URL as one JSON line.
 */
import { startNode } from '../../conferencing-node/server.js';

const dir = process.env['BENCH_STATIC'];
if (!dir) throw new Error('BENCH_STATIC is not set');
const node = await startNode({ staticRoutes: [{ prefix: '/bench/', dir }] });
console.log(JSON.stringify({ url: node.url }));
const stop = (): void => {
  void node.close().then(() => process.exit(0));
};
process.once('SIGTERM', stop);
process.once('SIGINT', stop);
