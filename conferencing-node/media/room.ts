/**
 * The media of one conference: its calls, speaker detection, who each receiver gets on each line
 * (the voice-switched forwarding engine.ts describes) and the presentation stills.
 */
import type { TimerHandle } from '../clock.js';
import type { Conference, Participant } from '../model.js';
import { type MediaCall, receives, sends } from './call.js';
import type { MediaEngine } from './engine.js';
import type { InboundStream } from './rtp.js';
import { SpeakerDetector } from './speaker.js';
import { StillEncoder, type StillFrame } from './stills.js';

const TICK_MS = 100;
const STILLS_KEPT = 8;

/** Media of one conference: its calls, speaker detection, forwarding choices and stills. */
export class RoomMedia {
  readonly calls = new Map<Participant, MediaCall>();
  readonly speakers = new SpeakerDetector();
  #tick: TimerHandle | undefined;
  #stills: StillEncoder | undefined;
  #stillsFrom: InboundStream | undefined;
  #stillsUnsub: (() => void) | undefined;
  readonly frames = new Map<number, StillFrame>();
  #frameSeq = 0;
  #lastStage = '';
  #presenter: string | undefined;
  #ticks = 0;

  constructor(
    readonly engine: MediaEngine,
    readonly conference: Conference,
  ) {}

  add(call: MediaCall): void {
    this.calls.set(call.participant, call);
    this.speakers.add(call.participant.uuid);
    if (!this.#tick) this.#tick = this.engine.clock.setInterval(() => this.#onTick(), TICK_MS);
  }

  remove(call: MediaCall): void {
    if (this.calls.get(call.participant) !== call) return;
    this.calls.delete(call.participant);
    this.speakers.remove(call.participant.uuid);
    if (this.calls.size === 0) {
      this.engine.clock.clearTimer(this.#tick);
      this.#tick = undefined;
    }
    this.reroute();
    this.#sendStage();
  }

  /** Who each receiver gets on each line; called after every change that could alter it. */
  reroute(): void {
    // Held participants (locked conference, or Guests before a Host starts it) get no media and
    // are nobody's source, as on a real node where they see a "waiting" screen.
    const started = this.conference.started;
    const member = (c: MediaCall): boolean =>
      !c.closed && c.participant.admitted && (started || c.participant.isHost);
    for (const c of this.calls.values()) {
      if (member(c)) continue;
      for (const f of Object.values(c.out)) f?.setSource(undefined);
    }
    const calls = [...this.calls.values()].filter(member);
    const order = this.#speakerOrder(calls);
    const presenter = this.conference.presenterUuid;
    const presenterCall = calls.find((c) => c.participant.uuid === presenter);
    const slides =
      presenterCall && receives(presenterCall.answered.slides) ? presenterCall.inbound.slides : undefined;
    for (const r of calls) {
      const me = r.participant.uuid;
      // Main video: most recent speaker other than me who sends video; alone: myself.
      if (r.out.video && sends(r.answered.video)) {
        const others = order.filter((c) => c !== r && sends(c.answered.video) && !c.participant.isVideoMuted);
        const pick = others[0] ?? (sends(r.answered.video) && receives(r.answered.video) ? r : undefined);
        r.out.video.setSource(pick?.inbound.video);
      } else {
        r.out.video?.setSource(undefined);
      }
      // Audio: the current (or, for the speaker, the previous) speaker; never my own.
      if (r.out.audio && sends(r.answered.audio)) {
        const pick = order.find((c) => c !== r && receives(c.answered.audio) && !c.participant.isMuted);
        r.out.audio.setSource(pick?.inbound.audio);
      }
      // Slides: the presenter's, to receivers that asked for them and are allowed them.
      const wantsSlides = sends(r.answered.slides) && r.participant.rxPresentation && me !== presenter;
      r.out.slides?.setSource(wantsSlides ? slides : undefined);
    }
    this.#updateStills(slides);
  }

  /** Floor moved (take/release/leave): forward the new presenter, or nothing. */
  presenterChanged(): void {
    const now = this.conference.presenterUuid;
    if (now === this.#presenter) return;
    this.#presenter = now;
    // Cut the old presenter off right away (the new one shows from its first keyframe).
    for (const c of this.calls.values()) c.out.slides?.setSource(undefined);
    this.#stopStills();
    this.frames.clear();
    this.reroute();
  }

  /** A receiver's main video now shows `owner`: tell that receiver (`layout`, see the header). */
  shownChanged(call: MediaCall, owner: string | undefined): void {
    if (call.shown === owner || owner === undefined) return;
    call.shown = owner;
    call.participant.send('layout', {
      view: '1:0',
      participants: [owner],
      requested_layout: { primary_screen: { chair_layout: '1:0', guest_layout: '1:0' } },
      overlay_text_enabled: false,
    });
  }

  async close(): Promise<void> {
    this.engine.clock.clearTimer(this.#tick);
    this.#tick = undefined;
    await this.#stopStills();
  }

  /** Calls ordered: active speaker, earlier speakers (most recent first), then by call start. */
  #speakerOrder(calls: MediaCall[]): MediaCall[] {
    const byUuid = new Map<string, MediaCall>(calls.map((c) => [c.participant.uuid, c]));
    const ordered: MediaCall[] = [];
    for (const id of this.speakers.history) {
      const c = byUuid.get(id);
      if (c) ordered.push(c);
    }
    const rest = calls.filter((c) => !ordered.includes(c)).sort((a, b) => a.startedAt - b.startedAt);
    return [...ordered, ...rest];
  }

  #onTick(): void {
    const now = performance.now();
    for (const c of this.calls.values()) {
      const a = c.inbound.audio;
      if (!a || c.participant.isMuted || now - a.lastPacketAt > 2 * TICK_MS) {
        this.speakers.silence(c.participant.uuid);
      }
    }
    const { changed, activeChanged } = this.speakers.evaluate(now);
    for (const id of changed) {
      const c = [...this.calls.values()].find((x) => x.participant.uuid === id);
      if (!c) continue;
      c.participant.isSpeaking = this.speakers.isSpeaking(id);
      this.conference.publish(c.participant);
    }
    // Re-check routes now and then too: admissions and a conference starting change who is a member.
    if (activeChanged || ++this.#ticks % 10 === 0) this.reroute();
    if (changed.length > 0 || activeChanged) this.#sendStage();
  }

  /** `stage`: everyone with media, in speaker order, `vad` 100 while speaking. */
  #sendStage(): void {
    const order = this.#speakerOrder([...this.calls.values()]);
    const stage = order.map((c, i) => ({
      participant_uuid: c.participant.uuid,
      stage_index: i,
      vad: this.speakers.isSpeaking(c.participant.uuid) ? 100 : 0,
    }));
    const text = JSON.stringify(stage);
    if (text === this.#lastStage) return;
    this.#lastStage = text;
    this.conference.broadcast('stage', stage);
  }

  #updateStills(slides: InboundStream | undefined): void {
    if (slides === this.#stillsFrom) return;
    void this.#stopStills();
    const ffmpeg = this.engine.ffmpeg;
    if (!slides || !ffmpeg) return;
    this.#stillsFrom = slides;
    const presenterUuid = slides.owner;
    const encoder = new StillEncoder(
      ffmpeg,
      (frame) => this.#onStill(frame, presenterUuid),
      () => slides.requestKeyframe(500),
      (m) => this.engine.log(m),
    );
    this.#stills = encoder;
    this.#stillsUnsub = slides.subscribe((rtp) => encoder.push(rtp));
    slides.requestKeyframe(0);
  }

  #onStill(frame: StillFrame, presenterUuid: string): void {
    if (this.conference.presenterUuid !== presenterUuid) return;
    const id = ++this.#frameSeq;
    this.frames.set(id, frame);
    for (const old of this.frames.keys()) {
      if (this.frames.size <= STILLS_KEPT) break;
      this.frames.delete(old);
    }
    // SSE `id:` is the frame id (for an app's own EventSource) and so is the payload's lastEventId
    // (which is where SDK 20 reads it from).
    const idText = String(id);
    for (const p of this.conference.participants.values()) {
      if (!p.admitted || p.uuid === presenterUuid || !p.rxPresentation) continue;
      for (const s of p.streams) s.send('presentation_frame', { lastEventId: idText }, idText);
    }
  }

  #stopStills(): Promise<void> {
    this.#stillsUnsub?.();
    this.#stillsUnsub = undefined;
    this.#stillsFrom = undefined;
    const s = this.#stills;
    this.#stills = undefined;
    return s ? s.close() : Promise.resolve();
  }
}
