/**
 * Local media: our camera and microphone (opened for the call, switched, muted) and the meeting's
 * media we receive. It owns the media store — the one place that says whether we are muted — and
 * the devices chosen for this call. A mute is shown at once and rolled back if the node refuses it.
 */
import type { CallContext } from '../call-context.js';
import { CallError } from '../errors.js';
import type { Store } from '../store.js';
import type { MediaMode, MediaState } from '../types.js';
import { openMedia, stopStream, type DeviceIds } from './open-media.js';

const idle: MediaState = { local: undefined, remote: undefined, micMuted: false, cameraMuted: false };

/** What adding media to a control-only call needs from the other slices. */
export interface EscalateHooks {
  /** kbps for the new media call (0: the node's default). */
  bandwidth(): number;
  /** Our presentation ends with the media call it was sent from. */
  stopPresenting(): Promise<void>;
  /** The call's media mode changed. */
  mediaModeChanged(mode: MediaMode): void;
}

export class LocalMedia {
  readonly store: Store<MediaState>;
  readonly #ctx: CallContext;
  /** Camera and microphone chosen for this call (switching changes them; a rejoin reuses them). */
  devices: DeviceIds = {};

  constructor(ctx: CallContext) {
    this.#ctx = ctx;
    this.store = ctx.stores.media;
  }

  /** Opens camera and microphone for joining with `mode` (unless `given` a stream). */
  async open(mode: MediaMode, devices: DeviceIds, given?: MediaStream): Promise<MediaStream | undefined> {
    this.devices = {
      ...(devices.cameraId ? { cameraId: devices.cameraId } : {}),
      ...(devices.microphoneId ? { microphoneId: devices.microphoneId } : {}),
    };
    return given ?? (await openMedia(mode, this.devices));
  }

  /** The call starts with `stream`, the microphone muted or not. */
  start(stream: MediaStream | undefined, micMuted: boolean): void {
    stream?.getAudioTracks().forEach((t) => (t.enabled = !micMuted));
    this.store.set({ local: stream, remote: undefined, micMuted, cameraMuted: false });
  }

  /** Stops our tracks (the camera light goes off) and forgets the call's media. */
  release(): void {
    stopStream(this.store.get().local);
    this.store.set(idle);
  }

  /**
   * Switches media during the call: control-only → video or audio ("join with video"), with `given`
   * when the person already chose devices (taken over), otherwise the call's devices.
   */
  async escalate(mode: MediaMode, given: MediaStream | undefined, hooks: EscalateHooks): Promise<void> {
    let t;
    try {
      t = this.#ctx.requireCall();
    } catch (e) {
      stopStream(given);
      throw e;
    }
    const stream = given ?? (await openMedia(mode, this.devices));
    // The media call is replaced: a presentation sent from it ends (by us, not taken over).
    if (this.#ctx.stores.presentation.get().sending) await hooks.stopPresenting().catch(() => undefined);
    const old = this.store.get().local;
    try {
      await t.restart(mode, stream, hooks.bandwidth());
    } catch (e) {
      stopStream(stream);
      throw e instanceof CallError ? e : new CallError('network', String(e));
    }
    stopStream(old);
    this.store.update((m) => ({ ...m, local: stream, micMuted: false, cameraMuted: false }));
    hooks.mediaModeChanged(mode);
  }

  /** Switches camera and/or microphone during the call (a device that has gone → the default). */
  async switchDevices(ids: DeviceIds): Promise<void> {
    const t = this.#ctx.requireCall();
    const mode = this.#ctx.stores.conference.get().mediaMode;
    if (mode === 'none') return;
    this.devices = { ...this.devices, ...ids };
    const stream = await openMedia(mode, this.devices);
    if (!stream) return;
    const { micMuted, cameraMuted, local } = this.store.get();
    stream.getAudioTracks().forEach((tr) => (tr.enabled = !micMuted));
    stream.getVideoTracks().forEach((tr) => (tr.enabled = !cameraMuted));
    try {
      await t.replaceStream(stream);
    } catch (e) {
      stopStream(stream);
      throw e instanceof CallError ? e : new CallError('unknown', String(e));
    }
    stopStream(local);
    this.store.update((m) => ({ ...m, local: stream }));
  }

  /** Mutes or unmutes the microphone: shown at once, rolled back if the node refuses it. */
  async setMicMuted(muted: boolean): Promise<void> {
    const t = this.#ctx.requireCall();
    const was = this.store.get().micMuted;
    this.#applyMic(muted);
    try {
      await t.muteSelf(muted);
    } catch (e) {
      // Unless the node has since said otherwise, what it refused is undone.
      if (this.store.get().micMuted === muted) this.#applyMic(was);
      throw e;
    }
  }

  /** Turns the camera off or on: shown at once, rolled back if the node refuses it. */
  async setCameraMuted(muted: boolean): Promise<void> {
    const t = this.#ctx.requireCall();
    const was = this.store.get().cameraMuted;
    this.#applyCamera(muted);
    try {
      await t.muteCameraSelf(muted);
    } catch (e) {
      if (this.store.get().cameraMuted === muted) this.#applyCamera(was);
      throw e;
    }
  }

  /** The node muted or unmuted us (a Host, or "mute all guests"). */
  mutedByNode(muted: boolean): void {
    this.#applyMic(muted);
  }

  /** The meeting's media (main video and audio) arrived or changed. */
  remoteStream(stream: MediaStream | undefined): void {
    this.store.update((m) => ({ ...m, remote: stream }));
  }

  #applyMic(muted: boolean): void {
    this.store
      .get()
      .local?.getAudioTracks()
      .forEach((tr) => (tr.enabled = !muted));
    this.store.update((m) => (m.micMuted === muted ? m : { ...m, micMuted: muted }));
  }

  #applyCamera(muted: boolean): void {
    this.store
      .get()
      .local?.getVideoTracks()
      .forEach((tr) => (tr.enabled = !muted));
    this.store.update((m) => (m.cameraMuted === muted ? m : { ...m, cameraMuted: muted }));
  }
}
