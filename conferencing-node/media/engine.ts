/**
 * The node's media: one werift peer connection per participant call (ICE on loopback, DTLS-SRTP,
 * Opus and VP8), and per conference a selective forwarder that behaves like an MCU in
 * voice-switched mode:
 *
 * - Main video to each participant = the most recent active speaker other than themselves; with
 *   nobody else sending video, their own picture (self view). Which participant a receiver is shown
 *   is announced to that receiver alone with a `layout` event, `participants: [<uuid shown>]` — so a
 *   client can label the picture, and `participants[0] === me` means "this is your own picture".
 * - Audio to each participant = the current active speaker's audio (loudest-speaker forwarding), or
 *   when they are the speaker themselves, the previous speaker's. Why not a real mix: mixing means
 *   decoding and re-encoding Opus for every participant every 20 ms — a codec library, a jitter buffer
 *   and a mixing clock, and with a JS/wasm Opus most of a core for eight people on this 2-core
 *   machine, plus added latency. Forwarding keeps the browser's own packets (no added delay, FEC
 *   intact, O(1) per packet); its limit — one talker heard at a time — is the classic voice-switched
 *   trade-off, softened by switching audio on the first ~100 ms of speech.
 * - Speech is detected from the `ssrc-audio-level` header extension (speaker.ts); switches ask the
 *   new source for a keyframe (PLI) and cut over on it (rtp.ts), so a switch shows within a second.
 * - Presentation: the presenter's slides line is relayed in full motion to every receiver whose
 *   slides line is `recvonly` and whose `rx_presentation_policy` is ALLOW; stills.ts turns it into
 *   JPEG stills (`presentation_frame` + `presentation.jpeg` / `presentation_high.jpeg`).
 */
import type { Clock, TimerHandle } from '../clock.js';
import type { Conference, NodeState, Participant } from '../model.js';
import { MediaCall } from './call.js';
import { RoomMedia } from './room.js';
import { findFfmpeg, type StillFrame } from './stills.js';

export { MAX_BANDWIDTH_KBPS, MEDIA_ADDRESS, MediaCall } from './call.js';
export { RoomMedia } from './room.js';

/** After a call ends without the participant leaving, `has_media` goes false after this delay. */
const MEDIA_GONE_DELAY_MS = 1500;

export interface MediaOptions {
  log?: (message: string) => void;
  /** ffmpeg for presentation stills: a path, `null` to switch stills off, undefined to look it up. */
  ffmpegPath?: string | null;
}

/** All media of the node. `NodeState` calls into it through {@link MediaHooks}. */
export class MediaEngine {
  readonly rooms = new Map<Conference, RoomMedia>();
  readonly calls = new Map<string, MediaCall>();
  readonly #timers = new Set<TimerHandle>();
  readonly #closing = new Set<Promise<void>>();
  readonly ffmpeg: string | undefined;
  readonly log: (m: string) => void;
  /** The node's clock: the media tick and the media-gone delay run on it. */
  readonly clock: Clock;
  #closed = false;

  constructor(
    readonly state: NodeState,
    options: MediaOptions = {},
  ) {
    this.log = options.log ?? ((m) => console.error(m));
    this.clock = state.clock;
    this.ffmpeg = options.ffmpegPath === null ? undefined : (options.ffmpegPath ?? findFfmpeg());
    if (options.ffmpegPath !== null && !this.ffmpeg) {
      this.log(
        'media: no ffmpeg found (npm package @ffmpeg-installer/ffmpeg, PEX_FFMPEG or ffmpeg on PATH): ' +
          'presentation stills are off; full-motion presentation works.',
      );
    }
  }

  room(conf: Conference): RoomMedia {
    let r = this.rooms.get(conf);
    if (!r) {
      r = new RoomMedia(this, conf);
      this.rooms.set(conf, r);
    }
    return r;
  }

  callOf(p: Participant): MediaCall | undefined {
    return this.rooms.get(p.conference)?.calls.get(p);
  }

  /**
   * Test-only (browser tests, through the wtr plugin): drops every `every`-th audio packet sent to
   * `p` (simulated network loss; 0 stops it). False when `p` has no call carrying audio.
   */
  simulateAudioLoss(p: Participant, every: number): boolean {
    const audio = this.callOf(p)?.out.audio;
    if (!audio) return false;
    audio.dropEvery = Math.max(0, Math.floor(every));
    return true;
  }

  /** A new call for `p` (replacing any previous one: the SDK restarts calls with the same token). */
  async startCall(p: Participant, offerSdp: string): Promise<{ call: MediaCall; answer: string }> {
    if (this.#closed) throw new Error('node shutting down');
    const previous = this.callOf(p);
    if (previous) await this.endCall(previous, false);
    const audioOnly = p.conference.config.callType === 'audio';
    const room = this.room(p.conference);
    const call = new MediaCall(p, room, audioOnly);
    this.calls.set(call.uuid, call);
    room.add(call);
    try {
      return { call, answer: await call.negotiate(offerSdp) };
    } catch (e) {
      await this.endCall(call, false);
      throw e;
    }
  }

  /** The client acknowledged the answer: it now has media (roster update, may start the conference). */
  acked(call: MediaCall): void {
    const p = call.participant;
    if (call.closed || p.conference.participants.get(p.uuid) !== p) return;
    const first = !call.acked;
    call.acked = true;
    if (first) this.#announcePresentation(p);
    const video = call.hasVideo;
    const changed = !p.hasMedia || p.protocol !== 'webrtc' || p.isVideoCall !== video;
    p.protocol = 'webrtc';
    p.hasMedia = true;
    p.isVideoCall = video;
    p.isAudioOnlyCall = !video;
    if (changed) p.conference.publish(p);
  }

  /**
   * A new call of `p` while someone else presents: tell `p` again. SDK 20 opens a restarted call
   * (escalation, or a control-only viewer's receive-only presentation call) with its slides line
   * inactive and only turns it to `recvonly` on a `presentation_start`, which `p` heard before the
   * call existed; without this the presentation would never reach that call.
   */
  #announcePresentation(p: Participant): void {
    const presenterUuid = p.conference.presenterUuid;
    const presenter = presenterUuid ? p.conference.participants.get(presenterUuid) : undefined;
    if (!presenter || presenter === p || !p.admitted) return;
    p.send('presentation_start', {
      presenter_name: presenter.displayName,
      presenter_uri: presenter.uri,
      presenter_uuid: presenter.uuid,
    });
  }

  /** Ends a call; with `roster`, the participant (if still there) shows no media shortly after. */
  endCall(call: MediaCall, roster: boolean): Promise<void> {
    this.calls.delete(call.uuid);
    const room = this.rooms.get(call.participant.conference);
    room?.remove(call);
    const done = call.close().finally(() => this.#closing.delete(done));
    this.#closing.add(done);
    if (roster) {
      const p = call.participant;
      const timer = this.clock.setTimeout(() => {
        this.#timers.delete(timer);
        if (p.conference.participants.get(p.uuid) !== p || this.callOf(p)) return;
        p.hasMedia = false;
        p.protocol = 'api';
        p.isVideoCall = false;
        p.isAudioOnlyCall = false;
        p.isSpeaking = false;
        p.conference.publish(p);
      }, MEDIA_GONE_DELAY_MS);
      this.#timers.add(timer);
    }
    return done;
  }

  // ---- hooks called by the model -------------------------------------------------------------

  participantLeft(p: Participant): void {
    const call = this.callOf(p);
    if (call) void this.endCall(call, false);
    const room = this.rooms.get(p.conference);
    if (room) room.presenterChanged();
  }

  participantChanged(p: Participant): void {
    const room = this.rooms.get(p.conference);
    if (room && room.calls.size > 0) room.reroute();
  }

  floorChanged(conf: Conference): void {
    this.rooms.get(conf)?.presenterChanged();
  }

  /** Latest (or the given) still of the conference's presentation. */
  still(conf: Conference, id: number | undefined): StillFrame | undefined {
    const room = this.rooms.get(conf);
    if (!room) return undefined;
    if (id !== undefined && room.frames.has(id)) return room.frames.get(id);
    if (id !== undefined && !Number.isFinite(id)) return undefined;
    return [...room.frames.values()].at(-1);
  }

  /** Closes every call, ffmpeg process and timer; resolves when all sockets are closed. */
  async close(): Promise<void> {
    this.#closed = true;
    for (const t of this.#timers) this.clock.clearTimer(t);
    this.#timers.clear();
    for (const call of [...this.calls.values()]) void this.endCall(call, false);
    await Promise.all([...this.rooms.values()].map((r) => r.close()));
    this.rooms.clear();
    await Promise.all([...this.#closing]);
  }
}
