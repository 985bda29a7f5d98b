// web-test-runner plugin + middleware: runs the local conferencing node in-process for the browser
// tests and proxies /api/client/v2/ to it, so pages talk to their own origin (as with `npm start`).
// Needs the wtr process to load TypeScript (it runs under `node --import tsx`).
import { request } from 'node:http';

export function localNode(options = {}) {
  let node;
  const plugin = {
    name: 'local-conferencing-node',
    async serverStart({ config: wtr }) {
      const { startNode } = await import('../conferencing-node/server.ts');
      const { loadConfig, parseConfig } = await import('../conferencing-node/config.ts');
      const base = loadConfig();
      const config = parseConfig({
        ...base,
        conferences: base.services,
        ...options.overrides,
      });
      // Pages reach the node through the proxy below, so their requests carry the test server's
      // origin, not the node's: allow exactly that origin (the node never trusts the Host header).
      const origins = new Set([wtr.hostname ?? 'localhost', 'localhost', '127.0.0.1']);
      node = await startNode({
        config,
        allowedOrigins: [...origins].map((h) => `http://${h}:${wtr.port}`),
      });
    },
    async serverStop() {
      await node?.close();
    },
  };
  const middleware = (ctx, next) => {
    if (ctx.path === '/__local-node__/dtmf') {
      // Test-only: what the node recorded of DTMF in one conference (`?conference=<alias>`).
      ctx.type = 'application/json';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = JSON.stringify(node.state.dtmfLog(ctx.query.conference ?? ''));
      return undefined;
    }
    if (ctx.path === '/__local-node__/departures') {
      // Test-only: who left one conference (`?conference=<alias>`) and why (`released`, an expiry…).
      ctx.type = 'application/json';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = JSON.stringify(node.state.departureLog(ctx.query.conference ?? ''));
      return undefined;
    }
    if (ctx.path === '/__local-node__/chat') {
      // Test-only: the chat messages the node accepted in one conference (`?conference=<alias>`).
      ctx.type = 'application/json';
      ctx.set('Cache-Control', 'no-store');
      ctx.body = JSON.stringify(node.state.chatLog(ctx.query.conference ?? ''));
      return undefined;
    }
    if (ctx.path === '/__local-node__/audio-loss') {
      // Test-only: drop every `every`-th audio packet the node sends to participant `name` of
      // `conference` (simulated network loss); answers whether that participant had an audio call.
      const conference = node.state.conferenceFor(ctx.query.conference ?? '');
      const who = [...(conference?.participants.values() ?? [])].find(
        (p) => p.displayName === ctx.query.name,
      );
      ctx.type = 'application/json';
      ctx.body = JSON.stringify(
        Boolean(who && node.state.media.simulateAudioLoss(who, Number(ctx.query.every ?? 0))),
      );
      return undefined;
    }
    if (!ctx.path.startsWith('/api/client/v2/')) return next();
    ctx.respond = false;
    return new Promise((resolve) => {
      const upstream = request(
        `${node.url}${ctx.url}`,
        { method: ctx.method, headers: ctx.req.headers },
        (res) => {
          ctx.res.writeHead(res.statusCode ?? 502, res.headers);
          res.pipe(ctx.res);
          res.on('end', resolve);
          res.on('error', resolve);
        },
      );
      upstream.on('error', () => {
        if (!ctx.res.headersSent) ctx.res.writeHead(502);
        ctx.res.end();
        resolve();
      });
      ctx.res.on('close', () => {
        upstream.destroy();
        resolve();
      });
      ctx.req.pipe(upstream);
    });
  };
  return { plugin, middleware };
}
