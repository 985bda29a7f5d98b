/**
 * Token routes of the client REST API: `request_token` (PINs, Virtual Reception extensions, one-time
 * tokens), `refresh_token`, `release_token`, and the event stream a token opens.
 */
import type { RoomConfig } from '../config.js';
import { ApiError, Reasons } from '../errors.js';
import { EventStream } from '../event-stream.js';
import { header, objectBody, optString, readJson } from '../http-util.js';
import { type Conference, Participant, type Role } from '../model.js';
import { enter } from '../model/rules.js';
import {
  assertPresent,
  type Authed,
  type Ctx,
  MAX_NAME,
  ok,
  type Result,
  tokenOf,
  VERSION,
} from './context.js';

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

export async function requestToken(ctx: Ctx): Promise<Result> {
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
  enter(p, enteredHostPin);
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

export async function refreshToken(ctx: Authed): Promise<Result> {
  const { me } = ctx;
  objectBody(await readJson(ctx.req));
  // Gone while the request was read (kicked, released): no fresh token for a ghost.
  assertPresent(me);
  const { token, expires } = me.conference.node.issueToken(me);
  // The old token only lives on briefly, for requests already in flight.
  const old = tokenOf(ctx);
  if (old) ctx.state.retireToken(old);
  return ok({ token, expires, role: me.isHost ? 'HOST' : 'GUEST' });
}

export function openEvents(ctx: Authed): Result {
  const { me } = ctx;
  // A participant may briefly hold several streams (a reconnect before the old one noticed it was
  // dead); past the limit the oldest goes, so one client cannot pile up streams and file handles.
  const max = ctx.state.config.maxEventStreamsPerToken;
  for (const old of [...me.streams].slice(0, Math.max(0, me.streams.size - max + 1))) {
    me.streams.delete(old);
    old.close();
  }
  const stream = new EventStream(ctx.res, '127.0.0.1', () => me.streams.delete(stream), ctx.state.clock);
  me.streams.add(stream);
  me.conference.sync(me, stream);
  return 'streamed';
}

export async function releaseToken(ctx: Authed): Promise<Result> {
  // The unload beacon's body is ignored, even when it is not JSON; an oversized one is not.
  await readJson(ctx.req).catch((e: unknown) => {
    if (e instanceof ApiError && e.status === 413) throw e;
  });
  ctx.me.conference.remove(ctx.me);
  return ok(true);
}

/** `theme/`: no theme (the SDK then uses its own). */
export function noTheme(ctx: Authed): Result {
  ctx.res.writeHead(204).end();
  return 'streamed';
}
