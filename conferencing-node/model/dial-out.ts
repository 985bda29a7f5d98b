/**
 * Dial-out (`dial`, Host only): a simulated far end joins the roster as `connecting`, then answers
 * after `dialAnswerMs` — or, for destinations that look busy or unreachable, fails after twice that
 * and is shown failed for `dialFailureVisibleMs` before it goes.
 */
import { ApiError, Reasons } from '../errors.js';
import { assertHost, type DialProtocol, Participant, type Role } from './participant.js';
import { guestMutedOnEntry } from './rules.js';

export interface DialRequest {
  role: Role;
  destination: string;
  /** Display name in the roster. */
  name: string;
  protocol: DialProtocol;
  streaming: boolean;
  callType: 'video' | 'video-only' | 'audio';
}

const FAILING_USER = /^(busy|noanswer|no-answer|fail|unreachable)/;

/** Why a simulated far end cannot answer, or undefined when it answers. */
export function dialFailure(destination: string): string | undefined {
  const bare = destination.replace(/^(sips?|h323|rtmps?|mssip):(\/\/)?/i, '').toLowerCase();
  const [user = '', domain = ''] = bare.split('@');
  if (user.startsWith('busy')) return 'Busy';
  if (FAILING_USER.test(user)) return 'No answer';
  if (domain.endsWith('.invalid') || /\s/.test(bare)) return 'Unreachable';
  return undefined;
}

/** Dials out from `me`'s conference; returns the new participant (still `connecting`). */
export function dialOut(me: Participant, request: DialRequest): Participant {
  assertHost(me);
  const conf = me.conference;
  const node = conf.node;
  if (conf.count() >= node.maxParticipantsOf(conf)) throw new ApiError(403, Reasons.full);
  const p = new Participant(
    conf,
    request.name,
    request.role,
    'dialout',
    conf.alias,
    '',
    request.destination,
    'out',
  );
  p.serviceType = 'connecting';
  p.protocol = request.protocol;
  p.isStreaming = request.protocol === 'rtmp' || request.streaming;
  conf.add(p);
  const failure = dialFailure(request.destination);
  const { dialAnswerMs, dialFailureVisibleMs } = node.config;
  p.dialTimer = node.clock.setTimeout(
    () => {
      if (failure) {
        p.overlayText = `Call failed: ${failure}`;
        conf.publish(p);
        p.dialTimer = node.clock.setTimeout(() => conf.remove(p), dialFailureVisibleMs);
        return;
      }
      p.hasMedia = true;
      p.isAudioOnlyCall = request.callType === 'audio';
      p.isVideoCall = request.callType !== 'audio';
      if (guestMutedOnEntry(conf, p.role)) p.isMuted = true;
      // Manually invited participants are held at a locked conference like everyone else.
      p.serviceType = conf.locked && !(conf.hosted && p.isHost) ? 'waiting_room' : 'conference';
      conf.publish(p);
    },
    failure ? dialAnswerMs * 2 : dialAnswerMs,
  );
  return p;
}
