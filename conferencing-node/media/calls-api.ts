/**
 * The media part of the client REST API v2: `participants/<uuid>/calls` and the per-call commands
 * (infinity-client-api.md §3.1–3.2), and the presentation stills `presentation.jpeg` /
 * `presentation_high.jpeg` (§3.4). Result types are exactly what the SDK's validators accept:
 * `ack` → boolean, `new_candidate` / `disconnect` / `statistics` → null, `update` → SDP string,
 * `dtmf` / `fecc` → boolean.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from '../errors.js';
import { type Body, header, optString, reqString, sendJson } from '../http-util.js';
import type { NodeState, Participant } from '../model.js';
import { MediaEngine } from './engine.js';

const MAX_SDP = 128 * 1024;
const DTMF_RE = /^[0-9*#A-Da-d]{1,32}$/;

type Reply = { status: number; result: unknown };
const ok = (result: unknown): Reply => ({ status: 200, result });

function engineOf(state: NodeState): MediaEngine {
  if (!(state.media instanceof MediaEngine)) {
    throw new ApiError(403, 'This conferencing node does not carry media');
  }
  return state.media;
}

/** The engine, and the one rule of every call route: only for your own calls. */
function ownEngine(state: NodeState, me: Participant, target: Participant): MediaEngine {
  const engine = engineOf(state);
  if (me !== target) throw new ApiError(403, 'Permission denied: only for yourself');
  return engine;
}

/** `POST …/participants/<uuid>/calls`: opens the participant's media call with an SDP offer. */
export async function startCall(
  state: NodeState,
  me: Participant,
  target: Participant,
  body: Body,
): Promise<Reply> {
  const engine = ownEngine(state, me, target);
  const callType = optString(body, 'call_type', 16) ?? 'WEBRTC';
  if (callType !== 'WEBRTC') throw new ApiError(403, `Call type ${callType} is not supported`);
  const sdp = reqString(body, 'sdp', MAX_SDP);
  try {
    const { call, answer } = await engine.startCall(me, sdp);
    return ok({ call_uuid: call.uuid, sdp: answer });
  } catch (e) {
    throw new ApiError(400, `Cannot use this offer: ${(e as Error).message}`);
  }
}

/** The per-call commands (brief §3.2), each a route `…/calls/{call_uuid}/<command>`. */
export const CALL_COMMANDS = [
  'ack',
  'new_candidate',
  'update',
  'disconnect',
  'statistics',
  'dtmf',
  'fecc',
] as const;
export type CallCommand = (typeof CALL_COMMANDS)[number];

/** `POST …/participants/<uuid>/calls/<call_uuid>/<command>`. */
export async function callCommand(
  state: NodeState,
  me: Participant,
  target: Participant,
  callUuid: string,
  command: CallCommand,
  body: Body,
): Promise<Reply> {
  const engine = ownEngine(state, me, target);
  const call = engine.calls.get(callUuid);
  if (!call || call.participant !== me) {
    // Ending a call twice, or one the node already ended, is not an error.
    if (command === 'disconnect') return ok(null);
    throw new ApiError(403, 'Call not found');
  }
  switch (command) {
    case 'ack':
      engine.acked(call);
      return ok(true);
    case 'new_candidate': {
      const candidate = optString(body, 'candidate', 1024) ?? '';
      const mid = optString(body, 'mid', 64);
      await call.addCandidate(candidate, mid);
      return ok(null);
    }
    case 'update': {
      const sdp = reqString(body, 'sdp', MAX_SDP);
      try {
        return ok(await call.negotiate(sdp));
      } catch (e) {
        throw new ApiError(400, `Cannot use this offer: ${(e as Error).message}`);
      }
    }
    case 'disconnect':
      void engine.endCall(call, true);
      return ok(null);
    case 'statistics':
      call.statistics = body;
      return ok(null);
    case 'dtmf': {
      const digits = reqString(body, 'digits', 32);
      if (!DTMF_RE.test(digits)) throw new ApiError(400, 'DTMF digits must be 0-9, *, # or A-D');
      call.dtmf = (call.dtmf + digits).slice(-256);
      me.conference.recordDtmf(me, me, digits, call.uuid);
      return ok(true);
    }
    case 'fecc':
      return ok(false); // no far-end camera to steer
  }
}

/** `GET …/presentation.jpeg` (≤ 640 px wide) and `…/presentation_high.jpeg` (full size). */
export function serveStill(
  req: IncomingMessage,
  res: ServerResponse,
  state: NodeState,
  me: Participant,
  which: string,
  query: URLSearchParams,
): void {
  const engine = state.media instanceof MediaEngine ? state.media : undefined;
  const raw = query.get('id') ?? header(req, 'id');
  const id = raw === undefined || raw === '' ? undefined : Number(raw);
  const frame = engine?.still(me.conference, id);
  if (!frame) {
    sendJson(res, 404, 'No presentation frame available');
    return;
  }
  const jpeg = which === 'presentation_high.jpeg' ? frame.high : frame.low;
  res.writeHead(200, {
    'Content-Type': 'image/jpeg',
    'Content-Length': jpeg.length,
    'Cache-Control': 'no-store',
  });
  res.end(jpeg);
}
