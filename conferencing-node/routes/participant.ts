/**
 * Participant-level routes of the client REST API (`conferences/<alias>/participants/<uuid>/<command>`,
 * brief §4.2). Each handler gets the sender (`ctx.me`), the addressed participant and the body, parses
 * the body and calls the model's rules (model/rules.ts).
 */
import { ApiError, Reasons } from '../errors.js';
import { type Body, oneOf, optString, reqString } from '../http-util.js';
import { assertHost, type Participant, type Role } from '../model.js';
import * as rules from '../model/rules.js';
import { type Authed, DTMF_RE, ok, type Result } from './context.js';
import { sendChat } from './conference.js';

export type ParticipantHandler = (ctx: Authed, target: Participant, body: Body) => Result;

/** `mute` / `unmute`. */
export const mute =
  (muted: boolean): ParticipantHandler =>
  ({ me }, target) => {
    rules.setMuted(me, target, muted);
    return ok(true);
  };

/** `client_mute` / `client_unmute`. */
export const clientMute =
  (muted: boolean): ParticipantHandler =>
  ({ me }, target) => {
    rules.setClientMuted(me, target, muted);
    return ok(true);
  };

/** `video_muted` / `video_unmuted`. */
export const videoMute =
  (muted: boolean): ParticipantHandler =>
  ({ me }, target) => {
    rules.setVideoMuted(me, target, muted);
    return ok(true);
  };

export const buzz: ParticipantHandler = ({ me, state }, target) => {
  rules.raiseHand(me, target, state.now());
  return ok(true);
};

export const clearBuzz: ParticipantHandler = ({ me }, target) => {
  rules.lowerHand(me, target);
  return ok(true);
};

/** `spotlighton` / `spotlightoff`. */
export const spotlight =
  (on: boolean): ParticipantHandler =>
  ({ me, state }, target) => {
    rules.setSpotlight(me, target, on, state.now());
    return ok(true);
  };

export const overlayText: ParticipantHandler = ({ me, state }, target, body) => {
  assertHost(me); // before the body: a Guest hears 403 whatever it sent
  // An empty text clears the overlay.
  const text = optString(body, 'text', state.config.maxOverlayTextLength);
  if (text === undefined) throw new ApiError(400, '"text" is required');
  rules.setOverlayText(me, target, text);
  return ok(true);
};

/** `allowrxpresentation` / `denyrxpresentation`. */
export const rxPresentation =
  (allow: boolean): ParticipantHandler =>
  ({ me }, target) => {
    rules.setRxPresentation(me, target, allow);
    return ok(true);
  };

export const role: ParticipantHandler = ({ me }, target, body) => {
  assertHost(me); // before the body: a Guest hears 403 whatever it sent
  rules.setRole(me, target, oneOf(body, 'role', ['chair', 'guest'] as const));
  return ok(true);
};

/** `unlock`: admits one participant from the waiting room. */
export const admit: ParticipantHandler = ({ me }, target) => ok(rules.admit(me, target));

export const disconnect: ParticipantHandler = ({ me }, target) => {
  rules.disconnect(me, target);
  return ok(true);
};

export const message: ParticipantHandler = (ctx, target, body) => sendChat(ctx, body, target);

export const dtmf: ParticipantHandler = ({ me }, target, body) => {
  rules.assertSelfOrHost(me, target);
  const digits = reqString(body, 'digits', 32);
  if (!DTMF_RE.test(digits)) throw new ApiError(400, 'DTMF digits must be 0-9, *, # or A-D');
  rules.sendDtmf(me, target, digits);
  return ok(true);
};

export const takeFloor: ParticipantHandler = ({ me }, target) => {
  rules.takeFloor(me, target);
  return ok(null);
};

export const releaseFloor: ParticipantHandler = ({ me }, target) => {
  rules.releaseFloor(me, target);
  return ok(null);
};

export const transfer: ParticipantHandler = (ctx, target, body) => {
  const { me, state, remoteAddress } = ctx;
  assertHost(me);
  if (target.kind !== 'client') throw new ApiError(403, 'This participant cannot be transferred');
  const alias = reqString(body, 'conference_alias', 256).trim();
  const wanted = oneOf(body, 'role', ['host', 'guest'] as const);
  const pin = optString(body, 'pin', 32)?.trim().replace(/#$/, '');
  const dest = state.conferenceFor(alias);
  if (!dest) throw new ApiError(403, Reasons.notFound);
  const room = dest.config;
  // The same wrong-PIN limit as joining that conference from this address.
  if (room.hostPin !== undefined && state.pinLockedOut(remoteAddress, room.alias, false)) {
    throw new ApiError(403, Reasons.pinRetries);
  }
  let granted: Role;
  if (room.hostPin === undefined) {
    granted = 'chair';
  } else if (pin === room.hostPin) {
    granted = wanted === 'host' ? 'chair' : 'guest';
  } else if (
    wanted === 'guest' &&
    ((room.guestPin !== undefined && pin === room.guestPin) || (room.allowGuests && !room.guestPin))
  ) {
    granted = 'guest';
  } else {
    const lockedOut = state.pinLockedOut(remoteAddress, room.alias, true);
    throw new ApiError(403, lockedOut ? Reasons.pinRetries : Reasons.invalidPin);
  }
  const token = state.issueOneTimeToken(dest, granted);
  target.send('refer', { alias, token });
  return ok(true);
};
