/**
 * The Pexip Infinity client REST API v2 (`/api/client/v2/…`) over the conference model. Every input
 * is validated here; anything wrong gets a 4xx with a Pexip-style body, never a 5xx or a hang.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { RoomConfig } from './config.js';
import { ApiError, Reasons } from './errors.js';
import { EventStream } from './event-stream.js';
import { handleCalls, serveStill } from './media/calls-api.js';
import {
  type Body,
  header,
  objectBody,
  oneOf,
  optString,
  readJson,
  reqString,
  sendJson,
} from './http-util.js';
import {
  assertAdmitted,
  assertHost,
  type Conference,
  type DialProtocol,
  type NodeState,
  Participant,
  type Role,
} from './model.js';

export const API_PREFIX = '/api/client/v2/';
const MAX_NAME = 256;
/** Bytes of chat that cost one request of the sender's rate limit (a long message costs more). */
const CHAT_BYTES_PER_REQUEST = 4096;
const DTMF_RE = /^[0-9*#A-Da-d]{1,32}$/;
const VERSION = { version_id: '36', pseudo_version: '36.0.0-local' };

interface Ctx {
  req: IncomingMessage;
  res: ServerResponse;
  state: NodeState;
  method: string;
  /** Alias from the path, decoded. */
  alias: string;
  /** Path segments after the alias. */
  rest: string[];
  query: URLSearchParams;
  remoteAddress: string;
}

type Result = { status: number; result: unknown } | 'streamed';
const ok = (result: unknown): Result => ({ status: 200, result });

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
    query: url.searchParams,
    remoteAddress: req.socket.remoteAddress ?? '',
  };
  const out = await route(ctx);
  if (out !== 'streamed') sendJson(res, out.status, out.result);
}

function expect(ctx: Ctx, method: 'GET' | 'POST'): void {
  if (ctx.method !== method) throw new ApiError(405, 'Method not allowed');
}

async function route(ctx: Ctx): Promise<Result> {
  const [first, second, third] = ctx.rest;
  if (ctx.rest.length === 1 && first === 'request_token') {
    expect(ctx, 'POST');
    return requestToken(ctx);
  }
  const me = authenticate(ctx);
  // theme/ (trailing slash) and theme
  if (first === 'theme' && ctx.rest.length <= 2 && (second ?? '') === '') {
    expect(ctx, 'GET');
    ctx.res.writeHead(204).end();
    return 'streamed';
  }
  if (ctx.rest.length === 1) {
    switch (first) {
      case 'refresh_token':
        expect(ctx, 'POST');
        objectBody(await readJson(ctx.req));
        return refreshToken(ctx, me);
      case 'release_token':
        expect(ctx, 'POST');
        // The unload beacon's body is ignored, even when it is not JSON; an oversized one is not.
        await readJson(ctx.req).catch((e: unknown) => {
          if (e instanceof ApiError && e.status === 413) throw e;
        });
        me.conference.remove(me);
        return ok(true);
      case 'events':
        expect(ctx, 'GET');
        openEvents(ctx, me);
        return 'streamed';
      case 'presentation.jpeg':
      case 'presentation_high.jpeg':
        expect(ctx, 'GET');
        serveStill(ctx.req, ctx.res, ctx.state, me, first, ctx.query);
        return 'streamed';
      case 'conference_status':
        expect(ctx, 'GET');
        return ok(me.conference.statusJSON());
      case 'participants':
        expect(ctx, 'GET');
        assertAdmitted(me);
        return ok([...me.conference.participants.values()].map((p) => p.toJSON()));
      default:
        expect(ctx, 'POST');
        return conferenceCommand(ctx, me, first ?? '', objectBody(await readJson(ctx.req)));
    }
  }
  if (first === 'participants' && second && third) {
    expect(ctx, 'POST');
    const target = me.conference.participants.get(second);
    if (!target) throw new ApiError(404, 'Participant not found');
    const body = objectBody(await readJson(ctx.req));
    if (third === 'calls') return handleCalls(ctx.state, me, target, ctx.rest.slice(3), body);
    if (ctx.rest.length !== 3) throw new ApiError(404, '404 Not Found');
    return participantCommand(ctx, me, target, third, body);
  }
  throw new ApiError(404, '404 Not Found');
}

function tokenOf(ctx: Ctx): string | undefined {
  return header(ctx.req, 'token') ?? ctx.query.get('token') ?? undefined;
}

/** The token's participant; the path alias must belong to its conference (or be the one it joined by). */
function authenticate(ctx: Ctx): Participant {
  const me = ctx.state.participantFor(tokenOf(ctx));
  if (!me) throw new ApiError(403, Reasons.invalidToken);
  const alias = ctx.alias.toLowerCase();
  const sameConference = ctx.state.conferenceFor(alias) === me.conference;
  if (!sameConference && alias !== me.requestAlias) throw new ApiError(403, Reasons.invalidToken);
  takeRate(ctx, me);
  return me;
}

/** One participant's request rate (all its tokens share one bucket): 429 past it. */
function takeRate(ctx: Ctx, me: Participant, cost = 1): void {
  const rates = ctx.state.tokenRates;
  if (rates.take(me.uuid, cost)) return;
  ctx.res.setHeader('Retry-After', String(rates.retryAfter(me.uuid, cost)));
  throw new ApiError(429, Reasons.tooManyRequests);
}

// ---------------------------------------------------------------------------------------------
// Tokens

function pinChallenge(room: RoomConfig, viaReception: boolean): ApiError {
  const guestNeedsPin = room.guestPin !== undefined || !room.allowGuests;
  return new ApiError(403, 'PIN required', 'success', {
    pin: 'required',
    guest_pin: guestNeedsPin ? 'required' : 'none',
    version: VERSION,
    ...(viaReception ? { conference_extension: 'standard' } : {}),
  });
}

/** Decides the role from the `pin` header; throws the challenge, "Invalid PIN" or the retry limit. */
function roleFromPin(ctx: Ctx, room: RoomConfig, viaReception: boolean): { role: Role; hostPin: boolean } {
  if (room.hostPin === undefined) return { role: 'chair', hostPin: false };
  const raw = header(ctx.req, 'pin');
  const state = ctx.state;
  if (state.pinLockedOut(ctx.remoteAddress, room.alias, false)) {
    throw new ApiError(403, Reasons.pinRetries);
  }
  if (raw === undefined || raw.trim() === '') throw pinChallenge(room, viaReception);
  const pin = raw.trim().replace(/#$/, '');
  if (pin === room.hostPin) return { role: 'chair', hostPin: true };
  if (room.guestPin !== undefined && pin === room.guestPin) return { role: 'guest', hostPin: false };
  if (pin.toLowerCase() === 'none' && room.allowGuests && room.guestPin === undefined) {
    return { role: 'guest', hostPin: false };
  }
  const lockedOut = state.pinLockedOut(ctx.remoteAddress, room.alias, true);
  throw new ApiError(403, lockedOut ? Reasons.pinRetries : Reasons.invalidPin);
}

/** A Virtual Reception's extension: unknown ones count as wrong PINs against the reception. */
function receptionTarget(ctx: Ctx, reception: string, extensions: Record<string, string>, ext: string) {
  const state = ctx.state;
  if (state.pinLockedOut(ctx.remoteAddress, reception, false)) throw new ApiError(403, Reasons.pinRetries);
  // Own properties only: "__proto__" or "constructor" are not extensions.
  const target = Object.hasOwn(extensions, ext) ? extensions[ext] : undefined;
  const conference = target ? state.conferenceFor(target) : undefined;
  if (conference) return conference;
  const lockedOut = state.pinLockedOut(ctx.remoteAddress, reception, true);
  throw new ApiError(lockedOut ? 403 : 404, lockedOut ? Reasons.pinRetries : Reasons.extensionNotFound);
}

async function requestToken(ctx: Ctx): Promise<Result> {
  const { state } = ctx;
  const service = state.findService(ctx.alias);
  if (!service) throw new ApiError(404, Reasons.notFound);
  if (!state.clientsEnabled) throw new ApiError(403, Reasons.disabled);
  const body = objectBody(await readJson(ctx.req), false);
  const displayName = optString(body, 'display_name', 10_000)?.trim() ?? '';
  if (displayName === '') throw new ApiError(403, 'A display name is required');
  if (displayName.length > MAX_NAME) {
    throw new ApiError(403, `The display name is longer than ${MAX_NAME} characters`);
  }
  const callTag = optString(body, 'call_tag', 256) ?? '';
  const extension = optString(body, 'conference_extension', 256)?.trim();
  const oneTime = optString(body, 'token', 256);

  let conference: Conference | undefined;
  let role: Role;
  let enteredHostPin = false;
  if (oneTime) {
    // A one-time token is only good in the conference it was minted for.
    const grant = state.redeemOneTimeToken(oneTime, state.conferenceFor(ctx.alias));
    if (!grant) throw new ApiError(403, Reasons.invalidToken);
    conference = grant.conference;
    role = grant.role;
    enteredHostPin = role === 'chair' && conference.hosted;
  } else {
    let viaReception = false;
    if (service.type === 'reception') {
      if (!extension) {
        throw new ApiError(403, 'Conference extension required', 'success', {
          conference_extension: 'required',
          conference_extension_type: 'standard',
        });
      }
      conference = receptionTarget(ctx, service.alias, service.extensions, extension);
      viaReception = true;
    } else {
      conference = state.conferences.get(service.alias);
      if (!conference) throw new ApiError(404, Reasons.notFound);
    }
    const decided = roleFromPin(ctx, conference.config, viaReception);
    role = decided.role;
    enteredHostPin = decided.hostPin;
  }
  if (conference.count() >= state.maxParticipantsOf(conference)) throw new ApiError(403, Reasons.full);

  const p = new Participant(conference, displayName, role, 'client', ctx.alias.toLowerCase(), callTag);
  // A locked conference holds everyone arriving, except those who entered the Host PIN.
  if (conference.locked && !enteredHostPin) p.serviceType = 'waiting_room';
  if (conference.guestsMuted && role === 'guest') p.isMuted = true;
  const { token, expires } = state.issueToken(p);
  conference.add(p);
  const room = conference.config;
  return ok({
    token,
    expires,
    participant_uuid: p.uuid,
    display_name: displayName,
    role: role === 'chair' ? 'HOST' : 'GUEST',
    current_service_type: p.serviceType === 'waiting_room' ? 'waiting_room' : 'conference',
    service_type: 'conference',
    conference_name: room.name,
    service_name: room.alias,
    call_type: room.callType,
    call_tag: callTag,
    version: VERSION,
    chat_enabled: room.chat,
    guests_can_present: room.guestsCanPresent,
    analytics_enabled: false,
    fecc_enabled: false,
    trickle_ice_enabled: true,
    vp9_enabled: false,
    allow_1080p: false,
    direct_media: false,
    use_relay_candidates_only: false,
    turn: [],
    bandwidth_in: 1864,
    bandwidth_out: 1864,
  });
}

function refreshToken(ctx: Ctx, me: Participant): Result {
  // Gone while the request was read (kicked, released): no fresh token for a ghost.
  assertPresent(me);
  const { token, expires } = me.conference.node.issueToken(me);
  // The old token only lives on briefly, for requests already in flight.
  const old = tokenOf(ctx);
  if (old) ctx.state.retireToken(old);
  return ok({ token, expires, role: me.isHost ? 'HOST' : 'GUEST' });
}

function openEvents(ctx: Ctx, me: Participant): void {
  // A participant may briefly hold several streams (a reconnect before the old one noticed it was
  // dead); past the limit the oldest goes, so one client cannot pile up streams and file handles.
  const max = ctx.state.config.maxEventStreamsPerToken;
  for (const old of [...me.streams].slice(0, Math.max(0, me.streams.size - max + 1))) {
    me.streams.delete(old);
    old.close();
  }
  const stream = new EventStream(ctx.res, '127.0.0.1', () => me.streams.delete(stream));
  me.streams.add(stream);
  me.conference.sync(me, stream);
}

/**
 * The body of a command is read before it runs: by then the sender or the target may have left
 * (released, kicked, expired). A command must not act for, or resurrect, someone who is gone.
 */
function assertPresent(me: Participant, target?: Participant): void {
  const participants = me.conference.participants;
  if (participants.get(me.uuid) !== me) throw new ApiError(403, Reasons.invalidToken);
  if (target && participants.get(target.uuid) !== target) throw new ApiError(404, 'Participant not found');
}

// ---------------------------------------------------------------------------------------------
// Conference commands

function conferenceCommand(ctx: Ctx, me: Participant, command: string, body: Body): Result {
  const conf = me.conference;
  assertPresent(me);
  switch (command) {
    case 'lock':
    case 'unlock':
      assertHost(me);
      conf.locked = command === 'lock';
      if (!conf.locked) {
        for (const p of [...conf.participants.values()]) {
          if (p.serviceType === 'waiting_room') conf.admit(p);
        }
      }
      conf.statusChanged();
      return ok(true);
    case 'muteguests':
    case 'unmuteguests': {
      assertHost(me);
      conf.guestsMuted = command === 'muteguests';
      for (const p of conf.participants.values()) {
        if (!p.isHost && p.isMuted !== conf.guestsMuted) {
          p.isMuted = conf.guestsMuted;
          conf.publish(p);
        }
      }
      conf.statusChanged();
      return ok(true);
    }
    case 'start_conference':
      assertHost(me);
      conf.explicitlyStarted = true;
      conf.statusChanged();
      return ok(true);
    case 'disconnect':
      assertHost(me);
      conf.end(Reasons.terminated);
      return ok(true);
    case 'message':
      return sendChat(ctx, me, body, undefined);
    case 'clearallbuzz':
      assertHost(me);
      for (const p of conf.participants.values()) {
        if (p.buzzTime !== 0) {
          p.buzzTime = 0;
          conf.publish(p);
        }
      }
      return ok(true);
    case 'dial':
      return dial(ctx, me, body);
    default:
      throw new ApiError(404, '404 Not Found');
  }
}

function sendChat(ctx: Ctx, me: Participant, body: Body, to: Participant | undefined): Result {
  assertAdmitted(me);
  if (!me.conference.config.chat) throw new ApiError(403, Reasons.chatDisabled);
  const type = oneOf(body, 'type', ['text/plain', 'application/json'] as const, 'text/plain');
  const max = ctx.state.config.maxChatBytes;
  const payload = reqString(body, 'payload', max);
  const bytes = Buffer.byteLength(payload);
  if (bytes > max) throw new ApiError(400, `"payload" is longer than ${max} bytes`);
  // Every recipient gets a copy: a long message uses up more of the sender's rate.
  const extra = Math.floor(bytes / CHAT_BYTES_PER_REQUEST);
  if (extra > 0) takeRate(ctx, me, extra);
  const message = { origin: me.displayName, uuid: me.uuid, type, payload, direct: to !== undefined };
  if (to) {
    if (!to.admitted) throw new ApiError(403, 'That participant cannot receive messages yet');
    to.send('message_received', message);
  } else {
    me.conference.broadcast('message_received', message, me);
  }
  me.conference.recordChat(me, payload, to);
  return ok(true);
}

const FAILING_USER = /^(busy|noanswer|no-answer|fail|unreachable)/;

/** Why a simulated far end cannot answer, or undefined when it answers. */
function dialFailure(destination: string): string | undefined {
  const bare = destination.replace(/^(sips?|h323|rtmps?|mssip):(\/\/)?/i, '').toLowerCase();
  const [user = '', domain = ''] = bare.split('@');
  if (user.startsWith('busy')) return 'Busy';
  if (FAILING_USER.test(user)) return 'No answer';
  if (domain.endsWith('.invalid') || /\s/.test(bare)) return 'Unreachable';
  return undefined;
}

function dial(ctx: Ctx, me: Participant, body: Body): Result {
  assertHost(me);
  const conf = me.conference;
  const role = oneOf(body, 'role', ['HOST', 'GUEST'] as const);
  const destination = reqString(body, 'destination', 256).trim();
  const requested = oneOf(body, 'protocol', ['sip', 'h323', 'rtmp', 'mssip', 'auto'] as const, 'auto');
  const streaming = oneOf(body, 'streaming', ['yes', 'no'] as const, 'no');
  const callType = oneOf(body, 'call_type', ['video', 'video-only', 'audio'] as const, 'video');
  const name = optString(body, 'remote_display_name', MAX_NAME)?.trim() || destination;
  const protocol: DialProtocol =
    requested !== 'auto' ? requested : /^rtmps?:/i.test(destination) ? 'rtmp' : 'sip';
  if (conf.count() >= ctx.state.maxParticipantsOf(conf)) throw new ApiError(403, Reasons.full);

  const p = new Participant(
    conf,
    name,
    role === 'HOST' ? 'chair' : 'guest',
    'dialout',
    conf.alias,
    '',
    destination,
    'out',
  );
  p.serviceType = 'connecting';
  p.protocol = protocol;
  p.isStreaming = protocol === 'rtmp' || streaming === 'yes';
  conf.add(p);
  const failure = dialFailure(destination);
  const { dialAnswerMs, dialFailureVisibleMs } = ctx.state.config;
  p.dialTimer = setTimeout(
    () => {
      if (failure) {
        p.overlayText = `Call failed: ${failure}`;
        conf.publish(p);
        p.dialTimer = setTimeout(() => conf.remove(p), dialFailureVisibleMs);
        p.dialTimer.unref();
        return;
      }
      p.hasMedia = true;
      p.isAudioOnlyCall = callType === 'audio';
      p.isVideoCall = callType !== 'audio';
      if (conf.guestsMuted && !p.isHost) p.isMuted = true;
      // Manually invited participants are held at a locked conference like everyone else.
      p.serviceType = conf.locked && !(conf.hosted && p.isHost) ? 'waiting_room' : 'conference';
      conf.publish(p);
    },
    failure ? dialAnswerMs * 2 : dialAnswerMs,
  );
  p.dialTimer.unref();
  return ok([p.uuid]);
}

// ---------------------------------------------------------------------------------------------
// Participant commands

function selfOrHost(me: Participant, target: Participant): void {
  assertAdmitted(me);
  if (me !== target && !me.isHost) throw new ApiError(403, Reasons.hostOnly);
}

function selfOnly(me: Participant, target: Participant): void {
  if (me !== target) throw new ApiError(403, 'Permission denied: only for yourself');
}

function participantCommand(
  ctx: Ctx,
  me: Participant,
  target: Participant,
  command: string,
  body: Body,
): Result {
  const conf = me.conference;
  assertPresent(me, target);
  const update = (): Result => {
    conf.publish(target);
    return ok(true);
  };
  switch (command) {
    case 'mute':
      selfOrHost(me, target);
      target.isMuted = true;
      return update();
    case 'unmute':
      selfOrHost(me, target);
      if (!me.isHost && conf.guestsMuted) {
        throw new ApiError(403, 'Guests are muted by the Host');
      }
      target.isMuted = false;
      return update();
    case 'client_mute':
    case 'client_unmute':
      selfOnly(me, target);
      assertAdmitted(me);
      target.isClientMuted = command === 'client_mute';
      return update();
    case 'video_muted':
    case 'video_unmuted':
      selfOrHost(me, target);
      target.isVideoMuted = command === 'video_muted';
      return update();
    case 'buzz':
      selfOnly(me, target);
      assertAdmitted(me);
      target.buzzTime = Math.floor(Date.now() / 1000);
      return update();
    case 'clearbuzz':
      selfOrHost(me, target);
      target.buzzTime = 0;
      return update();
    case 'spotlighton':
    case 'spotlightoff':
      assertHost(me);
      target.spotlight = command === 'spotlighton' ? Math.floor(Date.now() / 1000) : 0;
      return update();
    case 'overlaytext': {
      assertHost(me);
      // An empty text clears the overlay.
      const text = optString(body, 'text', ctx.state.config.maxOverlayTextLength);
      if (text === undefined) throw new ApiError(400, '"text" is required');
      target.overlayText = text;
      return update();
    }
    case 'allowrxpresentation':
    case 'denyrxpresentation':
      selfOrHost(me, target);
      target.rxPresentation = command === 'allowrxpresentation';
      return update();
    case 'role': {
      assertHost(me);
      const role = oneOf(body, 'role', ['chair', 'guest'] as const);
      if (target.role !== role) {
        target.role = role;
        if (role === 'guest' && conf.guestsMuted) target.isMuted = true;
        conf.publish(target);
      }
      return ok(true);
    }
    case 'unlock':
      assertHost(me);
      if (target.serviceType !== 'waiting_room') return ok(false);
      conf.admit(target);
      return ok(true);
    case 'disconnect':
      selfOrHost(me, target);
      conf.remove(target, me === target ? undefined : Reasons.kicked);
      return ok(true);
    case 'transfer':
      return transfer(ctx, me, target, body);
    case 'message':
      return sendChat(ctx, me, body, target);
    case 'dtmf': {
      selfOrHost(me, target);
      const digits = reqString(body, 'digits', 32);
      if (!DTMF_RE.test(digits)) throw new ApiError(400, 'DTMF digits must be 0-9, *, # or A-D');
      target.dtmfReceived = (target.dtmfReceived + digits).slice(-256);
      conf.recordDtmf(me, target, digits);
      return ok(true);
    }
    case 'take_floor':
      selfOnly(me, target);
      assertAdmitted(me);
      if (!me.isHost && !conf.config.guestsCanPresent) {
        throw new ApiError(403, 'Guests cannot present in this conference');
      }
      conf.takeFloor(me);
      return ok(null);
    case 'release_floor':
      selfOnly(me, target);
      conf.releaseFloor(me);
      return ok(null);
    default:
      throw new ApiError(404, '404 Not Found');
  }
}

function transfer(ctx: Ctx, me: Participant, target: Participant, body: Body): Result {
  assertHost(me);
  if (target.kind !== 'client') throw new ApiError(403, 'This participant cannot be transferred');
  const alias = reqString(body, 'conference_alias', 256).trim();
  const role = oneOf(body, 'role', ['host', 'guest'] as const);
  const pin = optString(body, 'pin', 32)?.trim().replace(/#$/, '');
  const dest = ctx.state.conferenceFor(alias);
  if (!dest) throw new ApiError(403, Reasons.notFound);
  const room = dest.config;
  // The same wrong-PIN limit as joining that conference from this address.
  const { state, remoteAddress } = ctx;
  if (room.hostPin !== undefined && state.pinLockedOut(remoteAddress, room.alias, false)) {
    throw new ApiError(403, Reasons.pinRetries);
  }
  let granted: Role;
  if (room.hostPin === undefined) {
    granted = 'chair';
  } else if (pin === room.hostPin) {
    granted = role === 'host' ? 'chair' : 'guest';
  } else if (
    role === 'guest' &&
    ((room.guestPin !== undefined && pin === room.guestPin) || (room.allowGuests && !room.guestPin))
  ) {
    granted = 'guest';
  } else {
    const lockedOut = state.pinLockedOut(remoteAddress, room.alias, true);
    throw new ApiError(403, lockedOut ? Reasons.pinRetries : Reasons.invalidPin);
  }
  const token = ctx.state.issueOneTimeToken(dest, granted);
  target.send('refer', { alias, token });
  return ok(true);
}
