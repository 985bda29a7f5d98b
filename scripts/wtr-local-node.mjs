// web-test-runner plugin + middleware: runs the local conferencing node in-process for the browser
// tests and proxies /api/client/v2/ to it, so pages talk to their own origin (as with `npm start`).
// Needs the wtr process to load TypeScript (it runs under `node --import tsx`).
import { request } from 'node:http';

/** Test-only: what a participant's requests are for, named from the URL (`refresh_token`, `events`…). */
function endpointOf(path) {
  const m = /^\/api\/client\/v2\/conferences\/[^/]+\/(.*)$/.exec(path);
  return m ? m[1].replace(/[0-9a-f]{8}-[0-9a-f-]{27}/gi, '<uuid>') : path;
}

export function localNode(options = {}) {
  let node;
  // Test-only fault injection and request counting (see `/__local-node__/fault` and `/requests`).
  /** Display name of the participant each token was given to (followed through refreshes). */
  const owners = new Map();
  /** Display name → 'all' (every signalling request and event stream fails) or 'events' (streams only). */
  const cuts = new Map();
  /** Open event streams through the proxy: { name, res }. */
  const streams = new Set();
  /** Requests that carried a token: { name, endpoint, at, status } (status 0: dropped by a cut). */
  const requests = [];
  const record = (entry) => {
    requests.push(entry);
    if (requests.length > 50_000) requests.splice(0, 10_000);
  };
  const tokenOf = (ctx) => {
    const header = ctx.req.headers.token;
    return (Array.isArray(header) ? header[0] : header) || ctx.query.token || '';
  };
  const json = (ctx, body) => {
    ctx.type = 'application/json';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = JSON.stringify(body);
  };
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
    // Test-only: what the node recorded in one conference (`?conference=<alias>`): DTMF, who left
    // and why (`released`, an expiry…), and the chat messages it accepted.
    const log = {
      '/__local-node__/dtmf': 'dtmfLog',
      '/__local-node__/departures': 'departureLog',
      '/__local-node__/chat': 'chatLog',
    }[ctx.path];
    if (log) {
      json(ctx, node.state[log](ctx.query.conference ?? ''));
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
    if (ctx.path === '/__local-node__/fault') {
      // Test-only fault injection for one participant (`name`, its display name) or one conference:
      // `cut` drops every signalling request it makes and closes its open event streams (the
      // browser sees a network failure), `cut-events` does so for event streams only, `restore`
      // lets them through again; `restart` makes `conference` forget its participants, their tokens
      // and streams without a word (a node crash and restart as its clients see it); `stop` ends it
      // as a node shutting down does ("Signaling node disconnected").
      const { mode, name = '', conference = '' } = ctx.query;
      if ((mode === 'cut' || mode === 'cut-events') && name) {
        cuts.set(name, mode === 'cut' ? 'all' : 'events');
        for (const s of [...streams]) if (s.name === name) s.res.destroy();
        return json(ctx, true);
      }
      if (mode === 'restore' && name) return json(ctx, cuts.delete(name));
      if (mode === 'restart' && conference) return json(ctx, node.state.crashConference(conference));
      if (mode === 'stop' && conference) {
        node.state.conferenceFor(conference)?.end('Signaling node disconnected');
        return json(ctx, true);
      }
      ctx.status = 400;
      return json(ctx, 'mode=cut|cut-events|restore&name=… or mode=restart|stop&conference=…');
    }
    if (ctx.path === '/__local-node__/roster') {
      // Test-only: the display names of the participants the node has in one conference.
      const c = node.state.conferenceFor(ctx.query.conference ?? '');
      return json(
        ctx,
        [...(c?.participants.values() ?? [])].map((p) => p.displayName),
      );
    }
    if (ctx.path === '/__local-node__/requests') {
      // Test-only: the signalling requests participant `name` made through this proxy since `since`
      // (ms since the epoch), oldest first, whatever token they carried.
      const since = Number(ctx.query.since ?? 0);
      return json(
        ctx,
        requests.filter((r) => r.name === ctx.query.name && r.at >= since),
      );
    }
    if (!ctx.path.startsWith('/api/client/v2/')) return next();
    ctx.respond = false;
    const endpoint = endpointOf(ctx.path);
    const token = tokenOf(ctx);
    const name = owners.get(token);
    const cut = name === undefined ? undefined : cuts.get(name);
    if (cut === 'all' || (cut === 'events' && endpoint === 'events')) {
      record({ name, endpoint, at: Date.now(), status: 0 });
      ctx.req.socket.destroy();
      return undefined;
    }
    // Whose tokens are whose: request_token names the participant, refresh_token hands on the name.
    const issuing = endpoint === 'request_token' || endpoint === 'refresh_token';
    const requestBody = [];
    if (endpoint === 'request_token') ctx.req.on('data', (c) => requestBody.push(c));
    return new Promise((resolve) => {
      const upstream = request(
        `${node.url}${ctx.url}`,
        { method: ctx.method, headers: ctx.req.headers },
        (res) => {
          if (name !== undefined) record({ name, endpoint, at: Date.now(), status: res.statusCode });
          if (endpoint === 'events' && name !== undefined) {
            const entry = { name, res: ctx.res };
            streams.add(entry);
            ctx.res.on('close', () => streams.delete(entry));
          }
          if (issuing && res.statusCode === 200) {
            const body = [];
            res.on('data', (c) => body.push(c));
            res.on('end', () => {
              try {
                const issued = JSON.parse(Buffer.concat(body).toString()).result?.token;
                const owner =
                  endpoint === 'refresh_token'
                    ? name
                    : JSON.parse(Buffer.concat(requestBody).toString()).display_name;
                if (typeof issued === 'string' && typeof owner === 'string') owners.set(issued, owner);
              } catch {
                // Not JSON: nothing to follow.
              }
            });
          }
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
