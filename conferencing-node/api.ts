/**
 * The Pexip Infinity client REST API v2 (`/api/client/v2/conferences/<alias>/…`) over the conference
 * model. Every endpoint is declared once in {@link ROUTES} (method, path pattern, handler) and
 * dispatched from that table; `test/node/routes.test.ts` checks the table against the protocol
 * brief. Handlers (in `routes/`) parse and validate input and call the model; anything wrong gets a
 * 4xx with a Pexip-style body, never a 5xx or a hang.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError, Reasons } from './errors.js';
import { type Body, objectBody, readJson, sendJson } from './http-util.js';
import { CALL_COMMANDS, callCommand, serveStill, startCall } from './media/calls-api.js';
import type { NodeState, Participant } from './model.js';
import * as conference from './routes/conference.js';
import { assertPresent, type Authed, authenticate, type Ctx, type Result } from './routes/context.js';
import * as participant from './routes/participant.js';
import { noTheme, openEvents, refreshToken, releaseToken, requestToken } from './routes/tokens.js';

export const API_PREFIX = '/api/client/v2/';

export type Route = {
  method: 'GET' | 'POST';
  /** Below `conferences/<alias>/`; a `{name}` segment matches any one non-empty segment. */
  path: string;
  /** Set on routes the protocol brief does not name: why the node has them. */
  local?: string;
} & (
  | { auth: true; handler: (ctx: Authed) => Result | Promise<Result> }
  /** Only `request_token` needs no token. */
  | { auth: false; handler: (ctx: Ctx) => Result | Promise<Result> }
);

type ConferenceHandler = (ctx: Authed, body: Body) => Result | Promise<Result>;
type ParticipantHandler = (ctx: Authed, target: Participant, body: Body) => Result | Promise<Result>;

const get = (path: string, handler: (ctx: Authed) => Result | Promise<Result>, local?: string): Route => ({
  method: 'GET',
  path,
  auth: true,
  handler,
  ...(local ? { local } : {}),
});

/** A conference command: the body is read first, then the sender must still be there. */
const command = (path: string, handler: ConferenceHandler): Route => ({
  method: 'POST',
  path,
  auth: true,
  handler: async (ctx) => {
    const body = objectBody(await readJson(ctx.req));
    assertPresent(ctx.me);
    return handler(ctx, body);
  },
});

/** `participants/{uuid}/<path>`: the addressed participant exists, the body is read. */
const toParticipant = (path: string, handler: ParticipantHandler, present = true): Route => ({
  method: 'POST',
  path: `participants/{uuid}/${path}`,
  auth: true,
  handler: async (ctx) => {
    const target = ctx.me.conference.participants.get(ctx.params['uuid'] ?? '');
    if (!target) throw new ApiError(404, 'Participant not found');
    const body = objectBody(await readJson(ctx.req));
    if (present) assertPresent(ctx.me, target);
    return handler(ctx, target, body);
  },
});

/** Every endpoint of the node, once. */
export const ROUTES: readonly Route[] = [
  // Tokens and the event stream (brief §1, §2)
  { method: 'POST', path: 'request_token', auth: false, handler: requestToken },
  { method: 'POST', path: 'refresh_token', auth: true, handler: refreshToken },
  { method: 'POST', path: 'release_token', auth: true, handler: releaseToken },
  get('events', openEvents),
  // Conference reads (brief §4.1 GETs, §3.4 stills)
  get('theme/', noTheme),
  get('theme', noTheme, 'tolerance: `theme/` without its trailing slash'),
  get('conference_status', conference.conferenceStatus),
  get('participants', conference.participants),
  ...['presentation.jpeg', 'presentation_high.jpeg'].map((name) =>
    get(name, (ctx) => {
      serveStill(ctx.req, ctx.res, ctx.state, ctx.me, name, ctx.query);
      return 'streamed';
    }),
  ),
  // Conference commands (brief §4.1)
  command('lock', conference.lock(true)),
  command('unlock', conference.lock(false)),
  command('muteguests', conference.muteGuests(true)),
  command('unmuteguests', conference.muteGuests(false)),
  command('start_conference', conference.startConference),
  command('disconnect', conference.disconnectAll),
  command('message', (ctx, body) => conference.sendChat(ctx, body, undefined)),
  command('clearallbuzz', conference.clearAllBuzz),
  command('dial', conference.dial),
  // Participant commands (brief §4.2)
  toParticipant('mute', participant.mute(true)),
  toParticipant('unmute', participant.mute(false)),
  toParticipant('client_mute', participant.clientMute(true)),
  toParticipant('client_unmute', participant.clientMute(false)),
  toParticipant('video_muted', participant.videoMute(true)),
  toParticipant('video_unmuted', participant.videoMute(false)),
  toParticipant('buzz', participant.buzz),
  toParticipant('clearbuzz', participant.clearBuzz),
  toParticipant('spotlighton', participant.spotlight(true)),
  toParticipant('spotlightoff', participant.spotlight(false)),
  toParticipant('overlaytext', participant.overlayText),
  toParticipant('allowrxpresentation', participant.rxPresentation(true)),
  toParticipant('denyrxpresentation', participant.rxPresentation(false)),
  toParticipant('role', participant.role),
  toParticipant('unlock', participant.admit),
  toParticipant('disconnect', participant.disconnect),
  toParticipant('transfer', participant.transfer),
  toParticipant('message', participant.message),
  toParticipant('dtmf', participant.dtmf),
  toParticipant('take_floor', participant.takeFloor),
  toParticipant('release_floor', participant.releaseFloor),
  // Media calls (brief §3.1, §3.2): only for one's own calls, checked by the media layer.
  toParticipant('calls', (ctx, target, body) => startCall(ctx.state, ctx.me, target, body), false),
  ...CALL_COMMANDS.map((name) =>
    toParticipant(
      `calls/{call_uuid}/${name}`,
      (ctx, target, body) =>
        callCommand(ctx.state, ctx.me, target, ctx.params['call_uuid'] ?? '', name, body),
      false,
    ),
  ),
];

/**
 * Endpoints the protocol brief names that the node does not serve (they answer 404), and why.
 * Keys are `METHOD path` in the brief's spelling (see `test/fixtures/client-api-endpoints.json`).
 */
export const NOT_IMPLEMENTED: Readonly<Record<string, string>> = {
  'POST set_guests_can_unmute': 'guests can never unmute themselves once muted by the Host here',
  'POST transform_layout': 'one fixed voice-switched layout; no layout engine',
  'POST silent_video_detection': 'no video analysis',
  'POST video_mixes/create': 'personal layouts (v39) are out of scope',
  'POST video_mixes/{mix}/configure': 'personal layouts (v39) are out of scope',
  'POST video_mixes/{mix}/delete': 'personal layouts (v39) are out of scope',
  'POST breakouts': 'breakout rooms are out of scope (brief: "out of scope for a first emulator")',
  'POST leavebreakout': 'breakout rooms are out of scope',
  'POST breakoutbuzz': 'breakout rooms are out of scope',
  'POST clearbreakoutbuzz': 'breakout rooms are out of scope',
  'POST participants/breakout': 'breakout rooms are out of scope',
  'GET available_layouts': 'one fixed layout; the SDK treats a failure as "no layouts"',
  'GET layout_svgs': 'one fixed layout',
  'POST participants/{uuid}/fecc': 'no far-end cameras to steer (the per-call `fecc` answers false)',
  'POST participants/{uuid}/show_live_captions': 'no live captions',
  'POST participants/{uuid}/hide_live_captions': 'no live captions',
  'POST participants/{uuid}/pres_in_mix': 'presentation is never mixed into main video',
  'POST participants/{uuid}/preferred_aspect_ratio': 'one output size',
  'POST participants/{uuid}/notify_not_afk': 'no away-from-keyboard detection',
  'GET participants/{uuid}/avatar.jpg': 'no avatars (clients draw initials)',
};

const patterns = ROUTES.map((r) => r.path.split('/'));

/** The routes whose pattern matches the path, with their `{name}` parameters. */
function matching(rest: string[]): { route: Route; params: Record<string, string> }[] {
  const out: { route: Route; params: Record<string, string> }[] = [];
  ROUTES.forEach((route, i) => {
    const pattern = patterns[i]!;
    if (pattern.length !== rest.length) return;
    const params: Record<string, string> = {};
    for (let k = 0; k < pattern.length; k++) {
      const want = pattern[k]!;
      const got = rest[k]!;
      if (want.startsWith('{') && want.endsWith('}')) {
        if (got === '') return;
        params[want.slice(1, -1)] = got;
      } else if (want !== got) {
        return;
      }
    }
    out.push({ route, params });
  });
  return out;
}

/** Handles one API request; the caller has already matched {@link API_PREFIX}. */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  state: NodeState,
  url: URL,
): Promise<void> {
  const segments = url.pathname.slice(API_PREFIX.length).split('/');
  if (segments[0] !== 'conferences' || !segments[1]) {
    throw new ApiError(404, '404 Not Found');
  }
  let alias: string;
  let rest: string[];
  try {
    alias = decodeURIComponent(segments[1]);
    rest = segments.slice(2).map((s) => decodeURIComponent(s));
  } catch {
    throw new ApiError(400, 'Malformed path');
  }
  if (alias.length > 256) throw new ApiError(404, Reasons.notFound);
  const method = req.method ?? 'GET';
  if (method !== 'GET' && method !== 'POST') throw new ApiError(405, 'Method not allowed');
  const ctx: Ctx = {
    req,
    res,
    state,
    method,
    alias,
    rest,
    params: {},
    query: url.searchParams,
    remoteAddress: req.socket.remoteAddress ?? '',
  };
  const candidates = matching(rest);
  // Unknown paths and wrong methods are answered after the token check, except on token-less routes.
  const open = candidates.length > 0 && candidates.every((c) => !c.route.auth);
  const me = open ? undefined : authenticate(ctx);
  const hit = candidates.find((c) => c.route.method === method);
  if (!hit && candidates.length > 0) throw new ApiError(405, 'Method not allowed');
  if (!hit) throw new ApiError(404, '404 Not Found');
  const routed: Ctx = { ...ctx, params: hit.params };
  const { route } = hit;
  const out = route.auth
    ? await route.handler({ ...routed, me: me ?? authenticate(routed) })
    : await route.handler(routed);
  if (out !== 'streamed') sendJson(res, out.status, out.result);
}
