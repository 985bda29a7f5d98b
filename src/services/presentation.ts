/**
 * Presentation: what we present (a stream, the screen, a slide deck) and what we receive (the
 * presenter, full motion or still images). It owns the presentation store; who presents is read
 * from the roster (the participants store), the one place that says so.
 */
import { PexPresentRequestEvent } from '../events/presentation-events.js';
import type { CallContext } from './call-context.js';
import { initialPresentation } from './call-state.js';
import { CallError } from './errors.js';
import { blockedByFrame } from './media/media-errors.js';
import { stopStream } from './media/open-media.js';
import { ShareError } from './share-error.js';
import type { SlideDeck } from './slides/deck.js';
import type { Store } from './store.js';
import type { ParticipantView, PresentationMode, PresentationSource, PresentationState } from './types.js';

/** Screen capture constraints for a frame rate: lower is sharper, higher has more motion. */
function screenConstraints(frameRate: number): MediaTrackConstraints {
  return { frameRate: { ideal: frameRate, max: frameRate } };
}

export class PresentationSlice {
  readonly store: Store<PresentationState>;
  readonly #ctx: CallContext;
  #presented: MediaStream | undefined;
  #presentEnd: (() => void) | undefined;
  #presentPending = 0;
  #screenFrameRate = 0;
  #followingStills = false;
  /** A control-only participant's receive-only presentation call is wanted (see `sync`). */
  #receivingPresentation = false;
  #previousStill: string | undefined;

  constructor(ctx: CallContext) {
    this.#ctx = ctx;
    this.store = ctx.stores.presentation;
  }

  /**
   * Presents `stream` (a screen, or slides rendered to a canvas). Ends by itself when the stream's
   * video track ends (e.g. the browser's own "Stop sharing"). `onEnd` runs once when this
   * presentation ends, however it ends (stopped, replaced, taken over, call over).
   */
  async present(
    stream: MediaStream,
    source: PresentationSource = 'stream',
    onEnd?: () => void,
  ): Promise<boolean> {
    this.#ctx.requireCall();
    this.#checkMayPresent();
    if (!this.#ctx.events.raise(new PexPresentRequestEvent(source))) return false;
    await this.#present(stream, source, onEnd);
    return true;
  }

  async #present(stream: MediaStream, source: PresentationSource, onEnd?: () => void): Promise<void> {
    const t = this.#ctx.requireCall();
    this.#checkMayPresent();
    const track = stream.getVideoTracks()[0];
    if (!track) throw new CallError('invalid-input', 'no video in the stream');
    track.addEventListener('ended', () => {
      if (this.store.get().sending && this.#presented === stream) void this.stopPresenting();
    });
    // Replacing our own presentation: the previous one ends here, not as a takeover.
    const previousEnd = this.#presentEnd;
    this.#presented = stream;
    this.#presentEnd = onEnd;
    this.#presentPending++;
    try {
      await t.present(stream);
    } catch (e) {
      if (this.#presented === stream) {
        this.#presented = undefined;
        this.#presentEnd = undefined;
        this.store.update((p) => ({ ...p, sending: false, source: undefined, local: undefined }));
      }
      onEnd?.();
      if (previousEnd && previousEnd !== onEnd) previousEnd();
      throw e instanceof CallError ? e : new CallError('unknown', String(e));
    } finally {
      this.#presentPending--;
    }
    if (previousEnd && previousEnd !== onEnd) previousEnd();
    if (this.#presented !== stream) return; // replaced or stopped while starting
    this.store.update((p) => ({ ...p, sending: true, source, local: stream, takenOver: false }));
  }

  /**
   * Shares the screen (the browser asks which screen or window) at `frameRate` frames per second (the
   * "screensharing quality" setting). Resolves `false` when the person cancelled the browser's
   * picker, `true` once presenting.
   */
  async presentScreen(frameRate: number): Promise<boolean> {
    this.#ctx.requireCall();
    this.#checkMayPresent();
    if (!this.#ctx.events.raise(new PexPresentRequestEvent('screen'))) return false;
    return this.#presentScreen(frameRate);
  }

  async #presentScreen(frameRate: number): Promise<boolean> {
    const media = navigator.mediaDevices as MediaDevices | undefined;
    if (!media?.getDisplayMedia) throw new ShareError('screen-unsupported');
    let stream: MediaStream;
    try {
      stream = await media.getDisplayMedia({ video: screenConstraints(frameRate), audio: false });
    } catch (e) {
      const { name = '', message = '' } = e as { name?: string; message?: string };
      // In a frame whose embedding page did not allow display-capture: say what the page must add.
      if (name === 'NotAllowedError' && blockedByFrame(['display-capture'], e))
        throw new ShareError('screen-frame-blocked', message);
      // Chromium says "Permission denied by system" when the OS blocks capture; otherwise the
      // person closed the picker, which is not an error.
      if (name === 'NotAllowedError' && !/system/i.test(message)) return false;
      if (name === 'NotAllowedError' || name === 'SecurityError')
        throw new ShareError('screen-blocked', name);
      throw new ShareError('screen-unsupported', `${name} ${message}`.trim());
    }
    const track = stream.getVideoTracks()[0];
    if (track) track.contentHint = frameRate >= 15 ? 'motion' : 'detail';
    this.#screenFrameRate = frameRate;
    await this.#present(stream, 'screen', () => stopStream(stream));
    return true;
  }

  /**
   * Changes the frame rate of the screen being shared (the setting changed during a share). The
   * running capture is reconfigured; if the browser refuses, the capture is restarted at the new
   * rate (the browser asks again which screen).
   */
  async setScreenFrameRate(frameRate: number): Promise<void> {
    const p = this.store.get();
    if (!p.sending || p.source !== 'screen' || frameRate === this.#screenFrameRate) return;
    const track = p.local?.getVideoTracks()[0];
    this.#screenFrameRate = frameRate;
    try {
      if (!track) throw new Error('no track');
      await track.applyConstraints(screenConstraints(frameRate));
      track.contentHint = frameRate >= 15 ? 'motion' : 'detail';
    } catch {
      await this.#presentScreen(frameRate);
    }
  }

  /** Presents a slide deck's current slide (and follows it as the person moves through the deck). */
  async presentSlides(deck: SlideDeck): Promise<boolean> {
    this.#ctx.requireCall();
    this.#checkMayPresent();
    if (deck.slides.length === 0) throw new ShareError('no-slides');
    if (!this.#ctx.events.raise(new PexPresentRequestEvent('slides'))) return false;
    const stream = deck.captureStream();
    await this.#present(stream, 'slides', () => deck.stopStream());
    return true;
  }

  async stopPresenting(): Promise<void> {
    const t = this.#ctx.requireCall();
    this.#presented = undefined;
    this.#endOwnPresentation();
    this.store.update((p) => ({ ...p, sending: false, source: undefined, local: undefined }));
    await t.stopPresenting();
  }

  /**
   * How presentations from others are shown: `still` images (about one a second, the default) or
   * `full` motion video. Without a full-motion stream (joined for control only), stills are shown.
   */
  setPresentationMode(mode: PresentationMode): void {
    this.store.update((p) => (p.mode === mode ? p : { ...p, mode }));
    this.sync();
  }

  #checkMayPresent(): void {
    const c = this.#ctx.stores.conference.get();
    if (c.role === 'guest' && !c.guestsCanPresent) throw new ShareError('guests-cannot-present');
  }

  /** Runs the end hook of our presentation (stops a captured screen, a deck's stream) once. */
  #endOwnPresentation(): void {
    const end = this.#presentEnd;
    this.#presentEnd = undefined;
    end?.();
  }

  /** Follows still images while someone else presents and stills are what we show. */
  sync(): void {
    const p = this.store.get();
    const inCall = this.#ctx.stores.conference.get().phase === 'in-call';
    const want = inCall && p.presenterUuid !== undefined && (p.mode === 'still' || p.stream === undefined);
    if (want !== this.#followingStills) {
      this.#followingStills = want;
      this.#ctx.transport?.followStills?.(want);
    }
    // Joined control-only and watching in full motion: a receive-only presentation call carries it
    // (until stills are chosen again or the presentation ends).
    const receive =
      inCall &&
      this.#ctx.stores.conference.get().mediaMode === 'none' &&
      p.mode === 'full' &&
      p.presenterUuid !== undefined &&
      !p.sending;
    if (receive !== this.#receivingPresentation) {
      this.#receivingPresentation = receive;
      void this.#ctx.transport?.receivePresentation?.(receive).catch(() => undefined);
    }
    if (p.presenterUuid === undefined && p.still !== undefined) {
      this.#revokeStills();
      this.store.update((x) => ({ ...x, still: undefined }));
    }
  }

  #revokeStills(): void {
    const current = this.store.get().still;
    if (current) URL.revokeObjectURL(current);
    if (this.#previousStill) URL.revokeObjectURL(this.#previousStill);
    this.#previousStill = undefined;
  }

  // ------------------------------------------------------------------------------------------
  // What the node reports

  /** The roster changed: someone else presenting is who we receive from. */
  rosterChanged(list: readonly ParticipantView[]): void {
    const presenter = list.find((p) => p.isPresenting && !p.isMe);
    const pres = this.store.get();
    if (presenter?.uuid !== pres.presenterUuid || presenter?.displayName !== pres.presenterName) {
      const changed = presenter?.uuid !== pres.presenterUuid;
      // A new presenter's first still replaces the previous presenter's.
      if (changed) this.#revokeStills();
      this.store.set({
        ...pres,
        presenterUuid: presenter?.uuid,
        presenterName: presenter?.displayName,
        ...(changed ? { still: undefined } : {}),
      });
    }
    this.sync();
  }

  /** The full-motion presentation stream from the node (or none). */
  streamReceived(stream: MediaStream | undefined): void {
    this.store.update((p) => (p.stream === stream ? p : { ...p, stream }));
    this.sync();
  }

  /** Whether the node has our presentation. */
  sendingChanged(sending: boolean): void {
    if (!sending && this.#presented && this.#presentPending === 0) {
      // Not stopped by us: someone else took the floor (or the node ended our presentation).
      this.#presented = undefined;
      this.#endOwnPresentation();
      this.store.update((p) => ({
        ...p,
        sending: false,
        source: undefined,
        local: undefined,
        takenOver: true,
      }));
      return;
    }
    if (!sending && this.#presentPending === 0) this.#presented = undefined;
    this.store.update((p) => (p.sending === sending ? p : { ...p, sending }));
  }

  /** A still image of the presentation we receive. */
  stillReceived(image: Blob): void {
    if (this.store.get().presenterUuid === undefined || !this.#followingStills) return;
    const url = URL.createObjectURL(image);
    // The previous still stays valid one frame longer (a pop-out window may still show it).
    if (this.#previousStill) URL.revokeObjectURL(this.#previousStill);
    this.#previousStill = this.store.get().still;
    this.store.update((p) => ({ ...p, still: url }));
  }

  /** The call is over or its media are replaced: ours ends, what we received goes. */
  release(): void {
    this.#presented = undefined;
    this.#endOwnPresentation();
    if (this.#followingStills) {
      this.#followingStills = false;
      this.#ctx.transport?.followStills?.(false);
    }
    this.#receivingPresentation = false;
    this.#revokeStills();
    // The viewing choice lasts beyond one call; everything else starts afresh.
    this.store.set({ ...initialPresentation, mode: this.store.get().mode });
  }
}
