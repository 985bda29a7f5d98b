/**
 * Conference-level routes of the client REST API (`conferences/<alias>/<command>`, brief §4.1):
 * they parse and validate the body and call the model's rules (model/rules.ts, model/dial-out.ts).
 */
import { ApiError } from '../errors.js';
import { type Body, oneOf, optString, reqString } from '../http-util.js';
import { assertAdmitted, type DialProtocol, type Participant } from '../model.js';
import { dialOut } from '../model/dial-out.js';
import * as rules from '../model/rules.js';
import { type Authed, MAX_NAME, ok, type Result, takeRate } from './context.js';

/** Bytes of chat that cost one request of the sender's rate limit (a long message costs more). */
const CHAT_BYTES_PER_REQUEST = 4096;

export function conferenceStatus({ me }: Authed): Result {
  return ok(me.conference.statusJSON());
}

export function participants({ me }: Authed): Result {
  assertAdmitted(me);
  return ok([...me.conference.participants.values()].map((p) => p.toJSON()));
}

/** `lock` / `unlock`. */
export const lock =
  (locked: boolean) =>
  ({ me }: Authed): Result => {
    rules.setLocked(me, locked);
    return ok(true);
  };

/** `muteguests` / `unmuteguests`. */
export const muteGuests =
  (muted: boolean) =>
  ({ me }: Authed): Result => {
    rules.setGuestsMuted(me, muted);
    return ok(true);
  };

export function startConference({ me }: Authed): Result {
  rules.startConference(me);
  return ok(true);
}

export function disconnectAll({ me }: Authed): Result {
  rules.disconnectAll(me);
  return ok(true);
}

export function clearAllBuzz({ me }: Authed): Result {
  rules.lowerAllHands(me);
  return ok(true);
}

/** Chat to everyone (`to` undefined) or privately to one participant. */
export function sendChat(ctx: Authed, body: Body, to: Participant | undefined): Result {
  const { me } = ctx;
  rules.assertMayChat(me, undefined);
  const type = oneOf(body, 'type', ['text/plain', 'application/json'] as const, 'text/plain');
  const max = ctx.state.config.maxChatBytes;
  const payload = reqString(body, 'payload', max);
  const bytes = Buffer.byteLength(payload);
  if (bytes > max) throw new ApiError(400, `"payload" is longer than ${max} bytes`);
  // Every recipient gets a copy: a long message uses up more of the sender's rate.
  const extra = Math.floor(bytes / CHAT_BYTES_PER_REQUEST);
  if (extra > 0) takeRate(ctx, me, extra);
  rules.sendChat(me, to, type, payload);
  return ok(true);
}

export function dial({ me }: Authed, body: Body): Result {
  const role = oneOf(body, 'role', ['HOST', 'GUEST'] as const);
  const destination = reqString(body, 'destination', 256).trim();
  const requested = oneOf(body, 'protocol', ['sip', 'h323', 'rtmp', 'mssip', 'auto'] as const, 'auto');
  const streaming = oneOf(body, 'streaming', ['yes', 'no'] as const, 'no');
  const callType = oneOf(body, 'call_type', ['video', 'video-only', 'audio'] as const, 'video');
  const name = optString(body, 'remote_display_name', MAX_NAME)?.trim() || destination;
  const protocol: DialProtocol =
    requested !== 'auto' ? requested : /^rtmps?:/i.test(destination) ? 'rtmp' : 'sip';
  const p = dialOut(me, {
    role: role === 'HOST' ? 'chair' : 'guest',
    destination,
    name,
    protocol,
    streaming: streaming === 'yes',
    callType,
  });
  return ok([p.uuid]);
}
