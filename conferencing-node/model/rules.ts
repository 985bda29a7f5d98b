/**
 * The domain rules of the commands a participant sends: who may do what, and everything it implies
 * (unlocking admits the waiting room, muted Guests may not unmute themselves, muting all guests mutes
 * each of them and every Guest who arrives later…). The HTTP routes only parse input and call these.
 */
import { ApiError, Reasons } from '../errors.js';
import type { Conference } from './conference.js';
import { assertAdmitted, assertHost, type Participant, type Role } from './participant.js';

/** Permission to act on `target`: itself, or anyone for a Host. */
export function assertSelfOrHost(me: Participant, target: Participant): void {
  assertAdmitted(me);
  if (me !== target && !me.isHost) throw new ApiError(403, Reasons.hostOnly);
}

/** Permission for commands that only make sense for oneself (raise a hand, take the floor…). */
export function assertSelf(me: Participant, target: Participant): void {
  if (me !== target) throw new ApiError(403, 'Permission denied: only for yourself');
}

/** Applies a change to `target` and tells everyone who may see it. */
function change(target: Participant, apply: (p: Participant) => void): void {
  apply(target);
  target.conference.publish(target);
}

/** Lock or unlock (Host only). Unlocking admits everyone in the waiting room. */
export function setLocked(me: Participant, locked: boolean): void {
  assertHost(me);
  const conf = me.conference;
  conf.locked = locked;
  if (!locked) {
    for (const p of [...conf.participants.values()]) {
      if (p.serviceType === 'waiting_room') conf.admit(p);
    }
  }
  conf.statusChanged();
}

/**
 * Mute or unmute all Guests (Host only): each Guest's `is_muted` follows, and while it is on, every
 * Guest who arrives, is admitted or is made a Guest is muted too (see {@link guestMutedOnEntry}).
 */
export function setGuestsMuted(me: Participant, muted: boolean): void {
  assertHost(me);
  const conf = me.conference;
  conf.guestsMuted = muted;
  for (const p of conf.participants.values()) {
    if (!p.isHost && p.isMuted !== muted) change(p, (g) => (g.isMuted = muted));
  }
  conf.statusChanged();
}

/** Whether a participant entering `conf` in `role` starts muted (all guests muted). */
export function guestMutedOnEntry(conf: Conference, role: Role): boolean {
  return conf.guestsMuted && role === 'guest';
}

/**
 * Server-side audio mute of `target` by `me` (itself, or anyone for a Host). While the Host has muted
 * all guests, a Guest may not unmute (itself or anyone).
 */
export function setMuted(me: Participant, target: Participant, muted: boolean): void {
  assertSelfOrHost(me, target);
  if (!muted && !me.isHost && me.conference.guestsMuted) {
    throw new ApiError(403, 'Guests are muted by the Host');
  }
  change(target, (p) => (p.isMuted = muted));
}

/** A new role (Host only); a Host made Guest while all guests are muted is muted. */
export function setRole(me: Participant, target: Participant, role: Role): void {
  assertHost(me);
  if (target.role === role) return;
  change(target, (p) => {
    p.role = role;
    if (guestMutedOnEntry(p.conference, role)) p.isMuted = true;
  });
}

/** Admits one participant from the waiting room (Host only); false when it was not waiting. */
export function admit(me: Participant, target: Participant): boolean {
  assertHost(me);
  if (target.serviceType !== 'waiting_room') return false;
  me.conference.admit(target);
  return true;
}

/** Marks the conference started (Host only), for rooms that wait for a Host. */
export function startConference(me: Participant): void {
  assertHost(me);
  me.conference.explicitlyStarted = true;
  me.conference.statusChanged();
}

/** Ends the conference for everyone (Host only). */
export function disconnectAll(me: Participant): void {
  assertHost(me);
  me.conference.end(Reasons.terminated);
}

/** Leaves (oneself) or kicks (a Host, anyone): a kicked participant is told why. */
export function disconnect(me: Participant, target: Participant): void {
  assertSelfOrHost(me, target);
  me.conference.remove(target, me === target ? undefined : Reasons.kicked);
}

/** Raises one's own hand at `nowMs`. */
export function raiseHand(me: Participant, target: Participant, nowMs: number): void {
  assertSelf(me, target);
  assertAdmitted(me);
  change(target, (p) => (p.buzzTime = Math.floor(nowMs / 1000)));
}

/** Lowers a hand (one's own, or anyone's for a Host). */
export function lowerHand(me: Participant, target: Participant): void {
  assertSelfOrHost(me, target);
  change(target, (p) => (p.buzzTime = 0));
}

/** Lowers every raised hand (Host only). */
export function lowerAllHands(me: Participant): void {
  assertHost(me);
  for (const p of me.conference.participants.values()) {
    if (p.buzzTime !== 0) change(p, (q) => (q.buzzTime = 0));
  }
}

/** Spotlight on (since `nowMs`) or off (Host only). */
export function setSpotlight(me: Participant, target: Participant, on: boolean, nowMs: number): void {
  assertHost(me);
  change(target, (p) => (p.spotlight = on ? Math.floor(nowMs / 1000) : 0));
}

/** The overlay text under a participant (Host only); empty clears it. */
export function setOverlayText(me: Participant, target: Participant, text: string): void {
  assertHost(me);
  change(target, (p) => (p.overlayText = text));
}

/** Client-side mute flag (informational), only for oneself. */
export function setClientMuted(me: Participant, target: Participant, muted: boolean): void {
  assertSelf(me, target);
  assertAdmitted(me);
  change(target, (p) => (p.isClientMuted = muted));
}

/** Video mute of `target` (itself, or anyone for a Host). */
export function setVideoMuted(me: Participant, target: Participant, muted: boolean): void {
  assertSelfOrHost(me, target);
  change(target, (p) => (p.isVideoMuted = muted));
}

/** Whether `target` receives the presentation (itself, or anyone for a Host). */
export function setRxPresentation(me: Participant, target: Participant, allow: boolean): void {
  assertSelfOrHost(me, target);
  change(target, (p) => (p.rxPresentation = allow));
}

/** DTMF toward `target` (itself, or anyone for a Host): a simulated endpoint "hears" it. */
export function sendDtmf(me: Participant, target: Participant, digits: string): void {
  assertSelfOrHost(me, target);
  target.dtmfReceived = (target.dtmfReceived + digits).slice(-256);
  me.conference.recordDtmf(me, target, digits);
}

/** Takes the presentation floor (oneself; Guests only where the room lets them present). */
export function takeFloor(me: Participant, target: Participant): void {
  assertSelf(me, target);
  assertAdmitted(me);
  if (!me.isHost && !me.conference.config.guestsCanPresent) {
    throw new ApiError(403, 'Guests cannot present in this conference');
  }
  me.conference.takeFloor(me);
}

/** Releases the floor (oneself; a no-op when someone else holds it). */
export function releaseFloor(me: Participant, target: Participant): void {
  assertSelf(me, target);
  me.conference.releaseFloor(me);
}

/**
 * Checks that `me` may chat (admitted, chat enabled) to everyone or to `to`; call before charging
 * the sender's rate for a long message.
 */
export function assertMayChat(me: Participant, to: Participant | undefined): void {
  assertAdmitted(me);
  if (!me.conference.config.chat) throw new ApiError(403, Reasons.chatDisabled);
  if (to && !to.admitted) throw new ApiError(403, 'That participant cannot receive messages yet');
}

/** Chat to every other admitted participant, or privately to `to`; recorded for tests. */
export function sendChat(
  me: Participant,
  to: Participant | undefined,
  type: 'text/plain' | 'application/json',
  payload: string,
): void {
  assertMayChat(me, to);
  const message = { origin: me.displayName, uuid: me.uuid, type, payload, direct: to !== undefined };
  if (to) to.send('message_received', message);
  else me.conference.broadcast('message_received', message, me);
  me.conference.recordChat(me, payload, to);
}

/**
 * How a participant arriving by `request_token` enters: a locked conference holds everyone in the
 * waiting room except those who entered the Host PIN; all guests muted mutes an arriving Guest.
 */
export function enter(p: Participant, enteredHostPin: boolean): void {
  if (p.conference.locked && !enteredHostPin) p.serviceType = 'waiting_room';
  if (guestMutedOnEntry(p.conference, p.role)) p.isMuted = true;
}
