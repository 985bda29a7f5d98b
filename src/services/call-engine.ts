/**
 * The engine of a call: joining, media, presentation, chat and Host commands, and what the transport
 * reports. `CallService` (call-service.ts) loads it with `import()` when the person first joins, so a
 * page before joining downloads only the service's stores; the engine works on those same stores.
 * It knows no wire protocol: that is the transport's job (`infinity/adapter.ts` by default).
 */
import { msg } from '@lit/localize';
import type { CallStores, JoinOptions } from './call-service.js';
import { initialConference, initialPresentation } from './call-state.js';
import { PexChatSendEvent } from '../events/chat-events.js';
import { PexLeaveRequestEvent } from '../events/call-events.js';
import { PexDisconnectRequestEvent } from '../events/participant-events.js';
import { PexPresentRequestEvent } from '../events/presentation-events.js';
import { connectionBlock, onConnectionBlocked, watchCsp, type CspBlock } from './csp.js';
import type { DomainEvents } from './domain-events.js';
import { blockedByFrame, CallError } from './errors.js';
import { openMedia, stopStream } from './media/open-media.js';
import { ShareError } from './share-error.js';
import type { SlideDeck } from './slides/deck.js';
import type { DialRequest, JoinRequest, Transport, TransportFactory, TransportSink } from './transport.js';
import type {
  ChatMessage,
  ConferenceState,
  MediaMode,
  ParticipantsState,
  ParticipantView,
  PresentationMode,
  PresentationSource,
  Role,
  StreamStats,
} from './types.js';

const MAX_MESSAGES = 20_000;
/** Participants on these protocols (Pexip's own clients) receive chat messages. */
const CHAT_PROTOCOLS = new Set(['api', 'webrtc', '']);
/** How long after a network failure a refusal by the page's policy may still be reported. */
const CSP_LATE_MS = 10_000;

/** Screen capture constraints for a frame rate: lower is sharper, higher has more motion. */
function screenConstraints(frameRate: number): MediaTrackConstraints {
  return { frameRate: { ideal: frameRate, max: frameRate } };
}

/** Created by `CallService` on the first join; one per service. */
export class CallEngine {
  readonly conference: CallStores['conference'];
  readonly participants: CallStores['participants'];
  readonly chat: CallStores['chat'];
  readonly media: CallStores['media'];
  readonly presentation: CallStores['presentation'];

  #transport: Transport | undefined;
  #request: JoinRequest | undefined;
  #options: JoinOptions | undefined;
  #messageSeq = 0;
  readonly #factory: TransportFactory;
  readonly #events: DomainEvents;

  constructor(stores: CallStores, factory: TransportFactory, events: DomainEvents) {
    this.conference = stores.conference;
    this.participants = stores.participants;
    this.chat = stores.chat;
    this.media = stores.media;
    this.presentation = stores.presentation;
    this.#factory = factory;
    this.#events = events;
    // Before the first request to the node: a refusal by the page's security policy is reported as such.
    watchCsp();
  }

  get serverVersion(): string {
    return this.#transport?.serverVersion ?? '';
  }

  get isHost(): boolean {
    const c = this.conference.get();
    return c.role === 'host' && !c.forceGuest;
  }

  // ------------------------------------------------------------------------------------------
  // Joining and leaving

  /** Starts joining; resolves when the node answered (in the call, or a prompt/error phase). */
  async join(options: JoinOptions): Promise<void> {
    const phase = this.conference.get().phase;
    if (phase !== 'idle' && phase !== 'ended') {
      // Not joining: a stream opened for this join is not kept live.
      if (options.stream !== this.media.get().local) stopStream(options.stream);
      throw new CallError('busy');
    }
    const alias = options.alias.trim();
    const displayName = options.displayName.trim();
    if (!alias || !displayName) {
      stopStream(options.stream);
      const error = new CallError(
        'invalid-input',
        alias ? msg('your name is empty') : msg('the meeting address is empty'),
      );
      this.conference.update((c) => ({ ...c, error }));
      throw error;
    }
    this.#options = { ...options, alias, displayName };
    this.conference.set({
      ...initialConference,
      phase: 'connecting',
      alias,
      displayName,
      mediaMode: options.mediaMode,
      forceGuest: Boolean(options.forceGuest),
    });
    this.chat.set({ messages: [] });
    this.participants.set({ list: [], meUuid: undefined });
    let stream: MediaStream | undefined;
    try {
      stream = options.stream ?? (await openMedia(options.mediaMode, options));
    } catch (e) {
      this.#fail(e as CallError);
      throw e;
    }
    if (this.conference.get().phase !== 'connecting') {
      // Cancelled while the browser was opening the camera.
      stopStream(stream);
      return;
    }
    const muted = Boolean(options.muted);
    stream?.getAudioTracks().forEach((t) => (t.enabled = !muted));
    this.media.set({ local: stream, remote: undefined, micMuted: muted, cameraMuted: false });
    this.#request = {
      alias,
      displayName,
      mediaMode: options.mediaMode,
      stream,
      bandwidth: options.bandwidth ?? 0,
      ...(options.pin ? { pin: options.pin } : {}),
      ...(options.extension ? { extension: options.extension } : {}),
      ...(options.node ? { node: options.node } : {}),
    };
    // The page's policy may refuse the node just after the request failed: say so then too.
    this.#stopCspWatch?.();
    clearTimeout(this.#cspWatchTimer);
    this.#stopCspWatch = onConnectionBlocked((block) => this.#blockedByPage(block));
    try {
      this.#transport ??= await this.#factory(this.#sink);
      if (this.conference.get().phase !== 'connecting') {
        this.#releaseMedia(); // cancelled while Pexip's SDK was loading
        return;
      }
      await this.#transport.join(this.#request);
    } catch (e) {
      this.#fail(e instanceof CallError ? e : new CallError('network', String(e)));
      throw this.conference.get().error;
    }
  }

  /** Answers the PIN prompt; an empty PIN joins as Guest where Guests need no PIN. */
  async submitPin(pin: string): Promise<void> {
    const c = this.conference.get();
    if (c.phase !== 'needs-pin' || !this.#request || !this.#transport) throw new CallError('no-call');
    const trimmed = pin.trim();
    if (trimmed !== '' && !/^[0-9]{1,20}#?$/.test(trimmed)) throw new CallError('invalid-pin');
    if (trimmed === '' && c.pinPrompt?.guestPin) throw new CallError('invalid-pin');
    this.#request = { ...this.#request, pin: trimmed === '' ? 'none' : trimmed };
    this.conference.update((s) => ({ ...s, phase: 'connecting', error: undefined }));
    await this.#transport.join(this.#request);
  }

  async submitExtension(extension: string): Promise<void> {
    const c = this.conference.get();
    if (c.phase !== 'needs-extension' || !this.#request || !this.#transport) throw new CallError('no-call');
    const ext = extension.trim();
    if (!ext || ext.length > 100 || /\s/.test(ext)) throw new CallError('extension-not-found', ext);
    this.#request = { ...this.#request, extension: ext };
    this.conference.update((s) => ({ ...s, phase: 'connecting', error: undefined }));
    await this.#transport.join(this.#request);
  }

  /**
   * Leaves the call (or abandons joining), after a cancelable `pex-leave-request` unless `force`d.
   * The state goes to `ended` with no error.
   */
  async leave(force = false): Promise<void> {
    const t = this.#transport;
    const phase = this.conference.get().phase;
    if (phase === 'idle' || phase === 'ended') return;
    if (!force && !this.#events.raise(new PexLeaveRequestEvent())) return;
    try {
      await t?.leave();
    } finally {
      // Whatever the node answered, nothing of this call stays live here.
      this.#end(undefined);
    }
  }

  /**
   * The page is going away (`pagehide`) or the element was removed for good: release the token with
   * a request that outlives the page and stop every track now, without waiting for the node.
   */
  abandon(): void {
    const phase = this.conference.get().phase;
    if (phase === 'idle' || phase === 'ended') return;
    this.#transport?.releaseOnUnload?.();
    this.#end(undefined);
  }

  /**
   * After the call ended on a lost connection ("Rejoin"): joins the same meeting again with the same
   * name, media and devices (and PIN), without the join form.
   */
  async rejoin(): Promise<void> {
    const o = this.#options;
    const c = this.conference.get();
    if (!o || c.phase !== 'ended') throw new CallError('no-call');
    const again: JoinOptions = { ...o };
    // The stream it joined with was stopped when the call ended: a new one is opened.
    delete again.stream;
    const alias = c.alias || o.alias;
    // A Host may have moved us to another room: its PIN is not this one's.
    if (alias !== o.alias) delete again.pin;
    await this.join({ ...again, alias, mediaMode: c.mediaMode });
  }

  /** Back to the join form after the call ended or failed. */
  reset(): void {
    const phase = this.conference.get().phase;
    if (phase !== 'ended' && phase !== 'needs-pin' && phase !== 'needs-extension') return;
    if (phase !== 'ended') void this.#transport?.leave();
    this.#releaseMedia();
    this.conference.set({ ...initialConference, alias: this.conference.get().alias });
  }

  /**
   * Switches media during the call: control-only → video or audio ("join with video"), with `stream`
   * when the person already chose devices (the service takes it over), otherwise the saved ones.
   */
  async escalate(mode: MediaMode, given?: MediaStream): Promise<void> {
    let t: Transport;
    try {
      t = this.#requireCall();
    } catch (e) {
      stopStream(given);
      throw e;
    }
    const stream = given ?? (await openMedia(mode, this.#options ?? {}));
    // The media call is replaced: a presentation sent from it ends (by us, not taken over).
    if (this.presentation.get().sending) await this.stopPresenting().catch(() => undefined);
    const old = this.media.get().local;
    try {
      await t.restart(mode, stream, this.#request?.bandwidth ?? 0);
    } catch (e) {
      stopStream(stream);
      throw e instanceof CallError ? e : new CallError('network', String(e));
    }
    stopStream(old);
    if (this.#request) this.#request = { ...this.#request, mediaMode: mode, stream };
    this.media.update((m) => ({ ...m, local: stream, micMuted: false, cameraMuted: false }));
    this.conference.update((c) => ({ ...c, mediaMode: mode }));
  }

  // ------------------------------------------------------------------------------------------
  // Own media

  /** Switches camera and/or microphone during the call (a device that has gone → the default). */
  async switchDevices(ids: { cameraId?: string; microphoneId?: string }): Promise<void> {
    const t = this.#requireCall();
    const mode = this.conference.get().mediaMode;
    if (mode === 'none') return;
    this.#options = { ...(this.#options as JoinOptions), ...ids };
    const stream = await openMedia(mode, this.#options);
    if (!stream) return;
    const { micMuted, cameraMuted, local } = this.media.get();
    stream.getAudioTracks().forEach((tr) => (tr.enabled = !micMuted));
    stream.getVideoTracks().forEach((tr) => (tr.enabled = !cameraMuted));
    try {
      await t.replaceStream(stream);
    } catch (e) {
      stopStream(stream);
      throw e instanceof CallError ? e : new CallError('unknown', String(e));
    }
    stopStream(local);
    if (this.#request) this.#request = { ...this.#request, stream };
    this.media.update((m) => ({ ...m, local: stream }));
  }

  async setMicMuted(muted: boolean): Promise<void> {
    const t = this.#requireCall();
    this.media
      .get()
      .local?.getAudioTracks()
      .forEach((tr) => (tr.enabled = !muted));
    this.media.update((m) => ({ ...m, micMuted: muted }));
    await t.muteSelf(muted);
  }

  async setCameraMuted(muted: boolean): Promise<void> {
    const t = this.#requireCall();
    this.media
      .get()
      .local?.getVideoTracks()
      .forEach((tr) => (tr.enabled = !muted));
    this.media.update((m) => ({ ...m, cameraMuted: muted }));
    await t.muteCameraSelf(muted);
  }

  // ------------------------------------------------------------------------------------------
  // Presentation

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
    this.#requireCall();
    this.#checkMayPresent();
    if (!this.#events.raise(new PexPresentRequestEvent(source))) return false;
    await this.#present(stream, source, onEnd);
    return true;
  }

  async #present(stream: MediaStream, source: PresentationSource, onEnd?: () => void): Promise<void> {
    const t = this.#requireCall();
    this.#checkMayPresent();
    const track = stream.getVideoTracks()[0];
    if (!track) throw new CallError('invalid-input', 'no video in the stream');
    track.addEventListener('ended', () => {
      if (this.presentation.get().sending && this.#presented === stream) void this.stopPresenting();
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
        this.presentation.update((p) => ({ ...p, sending: false, source: undefined, local: undefined }));
      }
      onEnd?.();
      if (previousEnd && previousEnd !== onEnd) previousEnd();
      throw e instanceof CallError ? e : new CallError('unknown', String(e));
    } finally {
      this.#presentPending--;
    }
    if (previousEnd && previousEnd !== onEnd) previousEnd();
    if (this.#presented !== stream) return; // replaced or stopped while starting
    this.presentation.update((p) => ({ ...p, sending: true, source, local: stream, takenOver: false }));
  }

  /**
   * Shares the screen (the browser asks which screen or window) at `frameRate` frames per second (the
   * "screensharing quality" setting). Resolves `false` when the person cancelled the browser's
   * picker, `true` once presenting.
   */
  async presentScreen(frameRate: number): Promise<boolean> {
    this.#requireCall();
    this.#checkMayPresent();
    if (!this.#events.raise(new PexPresentRequestEvent('screen'))) return false;
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
    const p = this.presentation.get();
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
    this.#requireCall();
    this.#checkMayPresent();
    if (deck.slides.length === 0) throw new ShareError('no-slides');
    if (!this.#events.raise(new PexPresentRequestEvent('slides'))) return false;
    const stream = deck.captureStream();
    await this.#present(stream, 'slides', () => deck.stopStream());
    return true;
  }

  async stopPresenting(): Promise<void> {
    const t = this.#requireCall();
    this.#presented = undefined;
    this.#endOwnPresentation();
    this.presentation.update((p) => ({ ...p, sending: false, source: undefined, local: undefined }));
    await t.stopPresenting();
  }

  /**
   * How presentations from others are shown: `still` images (about one a second, the default) or
   * `full` motion video. Without a full-motion stream (joined for control only), stills are shown.
   */
  setPresentationMode(mode: PresentationMode): void {
    this.presentation.update((p) => (p.mode === mode ? p : { ...p, mode }));
    this.#syncStills();
  }

  #checkMayPresent(): void {
    const c = this.conference.get();
    if (c.role === 'guest' && !c.guestsCanPresent) throw new ShareError('guests-cannot-present');
  }

  /** Runs the end hook of our presentation (stops a captured screen, a deck's stream) once. */
  #endOwnPresentation(): void {
    const end = this.#presentEnd;
    this.#presentEnd = undefined;
    end?.();
  }

  /** Follows still images while someone else presents and stills are what we show. */
  #syncStills(): void {
    const p = this.presentation.get();
    const inCall = this.conference.get().phase === 'in-call';
    const want = inCall && p.presenterUuid !== undefined && (p.mode === 'still' || p.stream === undefined);
    if (want !== this.#followingStills) {
      this.#followingStills = want;
      this.#transport?.followStills?.(want);
    }
    // Joined control-only and watching in full motion: a receive-only presentation call carries it
    // (until stills are chosen again or the presentation ends).
    const receive =
      inCall &&
      this.conference.get().mediaMode === 'none' &&
      p.mode === 'full' &&
      p.presenterUuid !== undefined &&
      !p.sending;
    if (receive !== this.#receivingPresentation) {
      this.#receivingPresentation = receive;
      void this.#transport?.receivePresentation?.(receive).catch(() => undefined);
    }
    if (p.presenterUuid === undefined && p.still !== undefined) {
      this.#revokeStills();
      this.presentation.update((x) => ({ ...x, still: undefined }));
    }
  }

  #revokeStills(): void {
    const current = this.presentation.get().still;
    if (current) URL.revokeObjectURL(current);
    if (this.#previousStill) URL.revokeObjectURL(this.#previousStill);
    this.#previousStill = undefined;
  }

  // ------------------------------------------------------------------------------------------
  // Chat

  /**
   * Sends a chat message, to everyone or privately to `toUuid`; it shows at once, and is marked
   * failed (kept) if the node refuses it.
   */
  async sendChat(text: string, toUuid?: string): Promise<boolean> {
    const t = this.#requireCall();
    const body = text.trim();
    if (!body) return false;
    if (!this.conference.get().chatEnabled) throw new CallError('not-allowed', 'chat disabled');
    if (!this.#events.raise(new PexChatSendEvent(text))) return false;
    const me = this.participants.get();
    const toName =
      toUuid === undefined
        ? undefined
        : (me.list.find((p) => p.uuid === toUuid)?.displayName ?? this.chat.get().to?.name);
    const mine: ChatMessage = {
      id: `local-${++this.#messageSeq}`,
      at: Date.now(),
      senderUuid: me.meUuid ?? '',
      senderName: this.conference.get().displayName,
      text: body,
      isMine: true,
      direct: toUuid !== undefined,
      ...(toUuid !== undefined ? { toUuid } : {}),
      ...(toName !== undefined ? { toName } : {}),
    };
    this.#appendMessage(mine);
    // Sent to everyone: the note that a private recipient left has been read.
    if (toUuid === undefined && this.chat.get().recipientLeft !== undefined) {
      this.chat.update((c) => ({ ...c, recipientLeft: undefined }));
    }
    try {
      await t.sendMessage(body, toUuid);
    } catch (e) {
      this.chat.update((c) => ({
        ...c,
        messages: c.messages.map((m) => (m.id === mine.id ? { ...m, failed: true } : m)),
      }));
      throw e;
    }
    return true;
  }

  /**
   * Who the next chat message goes to: one participant, privately, or everyone (`undefined`). The
   * choice lives here so a roster can set it and a chat show it; when that participant leaves it
   * falls back to everyone and `chat.recipientLeft` names them.
   */
  setChatRecipient(uuid: string | undefined): void {
    if (uuid === undefined) {
      this.#unfollowRecipient?.();
      this.#unfollowRecipient = undefined;
      this.chat.update((c) =>
        c.to || c.recipientLeft !== undefined ? { ...c, to: undefined, recipientLeft: undefined } : c,
      );
      return;
    }
    const p = this.participants.get().list.find((x) => x.uuid === uuid);
    if (!p || !this.canMessagePrivately(p)) throw new CallError('invalid-input', 'chat recipient');
    this.chat.update((c) => ({ ...c, to: { uuid, name: p.displayName }, recipientLeft: undefined }));
    this.#unfollowRecipient ??= this.participants.subscribe((list) => this.#followChatRecipient(list));
  }

  /**
   * Whether `p` can get a private chat message: someone else in the call using a Pexip client (not
   * waiting, not a dial-out or gateway call such as SIP, H.323 or streaming), with chat on.
   */
  canMessagePrivately(p: ParticipantView): boolean {
    return (
      !p.isMe &&
      !p.isWaiting &&
      !p.isCalling &&
      !p.isStreaming &&
      CHAT_PROTOCOLS.has(p.protocol) &&
      this.conference.get().chatEnabled
    );
  }

  /** Unsubscribes from the roster; set while a private recipient is chosen. */
  #unfollowRecipient: (() => void) | undefined;

  /** Keeps the private recipient in step with the roster: renamed → new name, gone → everyone. */
  #followChatRecipient({ list, meUuid }: ParticipantsState): void {
    const to = this.chat.get().to;
    const p = to && list.find((x) => x.uuid === to.uuid);
    if (!to || !p) {
      this.#unfollowRecipient?.();
      this.#unfollowRecipient = undefined;
    }
    if (!to || p?.displayName === to.name) return;
    // No roster at all: the call is over (or moving on), not a departure worth a note.
    const left = p || meUuid === undefined ? undefined : to.name;
    this.chat.update((c) => ({
      ...c,
      to: p ? { uuid: to.uuid, name: p.displayName } : undefined,
      recipientLeft: left,
    }));
  }

  /** Sends a message that failed again, in place (same id and position); marked failed again if refused. */
  async retryChat(id: string): Promise<void> {
    const t = this.#requireCall();
    const m = this.chat.get().messages.find((x) => x.id === id);
    if (!m?.isMine || !m.failed) return;
    if (!this.conference.get().chatEnabled) throw new CallError('not-allowed', 'chat disabled');
    const mark = (failed: boolean): void =>
      this.chat.update((c) => ({
        ...c,
        messages: c.messages.map((x) => (x.id === id ? { ...x, failed } : x)),
      }));
    mark(false);
    try {
      await t.sendMessage(m.text, m.toUuid);
    } catch (e) {
      mark(true);
      throw e;
    }
  }

  // ------------------------------------------------------------------------------------------
  // Host commands

  async lock(locked: boolean): Promise<void> {
    return this.#host().lock(locked);
  }
  async muteGuests(muted: boolean): Promise<void> {
    return this.#host().muteGuests(muted);
  }
  async startConference(): Promise<void> {
    return this.#host().startConference();
  }
  async disconnectAll(): Promise<void> {
    return this.#host().disconnectAll();
  }
  async dial(request: DialRequest): Promise<void> {
    if (!request.destination.trim()) throw new CallError('invalid-input', 'address');
    return this.#host().dial({ ...request, destination: request.destination.trim() });
  }
  async admit(uuid: string): Promise<void> {
    return this.#host().admit(uuid);
  }
  /** Turns away a participant waiting at a locked conference. */
  async reject(uuid: string): Promise<void> {
    return this.#host().kick(uuid);
  }
  /** Disconnects a participant, after a cancelable `pex-disconnect-request`; `false` when vetoed. */
  async kick(uuid: string): Promise<boolean> {
    const t = this.#host();
    const p = this.participants.get().list.find((x) => x.uuid === uuid);
    if (p && !this.#events.raise(new PexDisconnectRequestEvent(p))) return false;
    await t.kick(uuid);
    return true;
  }
  async muteParticipant(uuid: string, muted: boolean): Promise<void> {
    return this.#host().muteParticipant(uuid, muted);
  }
  async setRole(uuid: string, role: Role): Promise<void> {
    if (uuid === this.participants.get().meUuid && role === 'guest') {
      throw new CallError('not-allowed', 'own role');
    }
    return this.#host().setRole(uuid, role);
  }
  async transfer(uuid: string, alias: string, role: Role, pin = ''): Promise<void> {
    return this.#host().transfer(uuid, alias.trim(), role, pin.trim());
  }
  async setRxPresentation(uuid: string, allow: boolean): Promise<void> {
    return this.#host().setRxPresentation(uuid, allow);
  }

  /** DTMF into the call (own) or, for Hosts, toward a dialled participant. */
  async sendDtmf(digits: string, uuid?: string): Promise<void> {
    if (!/^[0-9*#A-D]{1,32}$/.test(digits)) throw new CallError('invalid-input', digits);
    return (uuid ? this.#host() : this.#requireCall()).sendDtmf(digits, uuid);
  }

  stats(): Promise<StreamStats[]> {
    return this.#transport ? this.#transport.stats() : Promise.resolve([]);
  }

  // ------------------------------------------------------------------------------------------
  // Internals

  #requireCall(): Transport {
    const phase = this.conference.get().phase;
    const t = this.#transport;
    if (!t || phase === 'idle' || phase === 'ended' || phase === 'connecting') {
      throw new CallError('no-call');
    }
    return t;
  }

  #host(): Transport {
    const t = this.#requireCall();
    if (!this.isHost) throw new CallError('not-allowed');
    return t;
  }

  #appendMessage(m: ChatMessage): void {
    this.chat.update((c) => {
      const messages = c.messages.length >= MAX_MESSAGES ? c.messages.slice(1) : c.messages.slice();
      messages.push(m);
      return { ...c, messages };
    });
  }

  #releaseMedia(): void {
    const m = this.media.get();
    stopStream(m.local);
    this.media.set({ local: undefined, remote: undefined, micMuted: false, cameraMuted: false });
    this.#presented = undefined;
    this.#endOwnPresentation();
    if (this.#followingStills) {
      this.#followingStills = false;
      this.#transport?.followStills?.(false);
    }
    this.#receivingPresentation = false;
    this.#revokeStills();
    // The viewing choice lasts beyond one call; everything else starts afresh.
    this.presentation.set({ ...initialPresentation, mode: this.presentation.get().mode });
  }

  #fail(error: CallError): void {
    this.#releaseMedia();
    this.conference.update((c) => ({ ...c, phase: 'ended', error: this.#explain(error) }));
    this.#settleCspWatch();
  }

  #end(error: CallError | undefined): void {
    this.#releaseMedia();
    this.participants.set({ list: [], meUuid: undefined });
    this.conference.update((c) => ({
      ...c,
      phase: 'ended',
      error: error && this.#explain(error),
      pinPrompt: undefined,
      reconnecting: false,
    }));
    this.#settleCspWatch();
  }

  #stopCspWatch: (() => void) | undefined;
  #cspWatchTimer: ReturnType<typeof setTimeout> | undefined;

  /**
   * The call is over: the page-policy watch (a module-level listener, which would keep this service
   * and its call reachable after the element is gone) stops now, or after a short while when the
   * call failed on the network (the page's refusal may be reported just after that failure).
   */
  #settleCspWatch(): void {
    clearTimeout(this.#cspWatchTimer);
    this.#cspWatchTimer = undefined;
    const stop = (): void => {
      this.#stopCspWatch?.();
      this.#stopCspWatch = undefined;
    };
    if (this.conference.get().error?.code === 'network') this.#cspWatchTimer = setTimeout(stop, CSP_LATE_MS);
    else stop();
  }

  /** The node's origin (the page's own unless `node` names one). */
  #nodeUrl(): string {
    return this.#request?.node || location.origin;
  }

  /** A network failure the page's security policy caused is reported as that. */
  #explain(error: CallError): CallError {
    if (error.code !== 'network') return error;
    const block = connectionBlock(this.#nodeUrl());
    return block ? new CallError('csp-blocked', block.directive) : error;
  }

  /** A refusal reported just after the failure it caused: the shown error becomes the real one. */
  #blockedByPage(block: CspBlock): void {
    const c = this.conference.get();
    if (c.phase !== 'ended' || c.error?.code !== 'network') return;
    if (block.origin !== connectionBlock(this.#nodeUrl())?.origin) return;
    this.conference.update((s) => ({ ...s, error: new CallError('csp-blocked', block.directive) }));
  }

  /** Phase while joined: held at a lock, waiting for a Host, or in the call. */
  #joinedPhase(c: ConferenceState, waiting: boolean): ConferenceState['phase'] {
    if (waiting) return 'waiting-room';
    if (c.role === 'guest' && !c.started) return 'waiting-for-host';
    return 'in-call';
  }

  #waiting = false;
  readonly #views = new WeakMap<object, ParticipantView>();
  #presented: MediaStream | undefined;
  #presentEnd: (() => void) | undefined;
  #presentPending = 0;
  #screenFrameRate = 0;
  #followingStills = false;
  /** A control-only participant's receive-only presentation call is wanted (see #syncStills). */
  #receivingPresentation = false;
  #previousStill: string | undefined;

  readonly #sink: TransportSink = {
    pinRequired: (prompt) => {
      this.conference.update((c) => ({
        ...c,
        phase: 'needs-pin',
        pinPrompt: prompt,
        // A repeated challenge after a PIN was sent means the PIN was wrong.
        error: this.#request?.pin ? new CallError('invalid-pin') : undefined,
      }));
    },
    extensionRequired: () => {
      this.conference.update((c) => ({
        ...c,
        phase: 'needs-extension',
        error: this.#request?.extension ? new CallError('extension-not-found') : undefined,
      }));
    },
    joinFailed: (error) => {
      const c = this.conference.get();
      if (error.code === 'invalid-pin' && c.pinPrompt) {
        this.conference.set({ ...c, phase: 'needs-pin', error });
        return;
      }
      if (error.code === 'extension-not-found') {
        this.conference.set({ ...c, phase: 'needs-extension', error });
        return;
      }
      if (c.phase === 'connecting' || c.phase === 'needs-pin' || c.phase === 'needs-extension') {
        this.#fail(error);
      }
    },
    joined: (info) => {
      this.#waiting = info.waiting;
      this.conference.update((c) => {
        const next = {
          ...c,
          conferenceName: info.conferenceName,
          chatEnabled: info.chatEnabled,
          guestsCanPresent: info.guestsCanPresent,
          role: info.role,
          pinPrompt: undefined,
          error: undefined,
        };
        return { ...next, phase: this.#joinedPhase(next, info.waiting) };
      });
    },
    serviceType: (waiting) => {
      this.#waiting = waiting;
      this.#rephase();
    },
    participants: (list, meUuid) => {
      // Reuse the view of a participant whose row did not change, so keyed renders skip it.
      const views: ParticipantView[] = list.map((p) => {
        const isMe = p.uuid === meUuid;
        const cached = this.#views.get(p);
        if (cached && cached.isMe === isMe) return cached;
        const view: ParticipantView = Object.freeze({ ...p, isMe });
        this.#views.set(p, view);
        return view;
      });
      this.participants.set({ list: views, meUuid });
      const me = views.find((p) => p.isMe);
      if (me && me.role !== this.conference.get().role) {
        this.conference.update((c) => ({ ...c, role: me.role }));
        this.#rephase();
      }
      const presenter = views.find((p) => p.isPresenting && !p.isMe);
      const pres = this.presentation.get();
      if (presenter?.uuid !== pres.presenterUuid || presenter?.displayName !== pres.presenterName) {
        const changed = presenter?.uuid !== pres.presenterUuid;
        // A new presenter's first still replaces the previous presenter's.
        if (changed) this.#revokeStills();
        this.presentation.set({
          ...pres,
          presenterUuid: presenter?.uuid,
          presenterName: presenter?.displayName,
          ...(changed ? { still: undefined } : {}),
        });
      }
      this.#syncStills();
    },
    conferenceStatus: (status) => {
      this.conference.update((c) => ({ ...c, ...status }));
      this.#rephase();
    },
    message: (m) => {
      this.#appendMessage({ ...m, isMine: false });
    },
    myselfMuted: (muted) => {
      this.media
        .get()
        .local?.getAudioTracks()
        .forEach((t) => (t.enabled = !muted));
      this.media.update((m) => (m.micMuted === muted ? m : { ...m, micMuted: muted }));
    },
    remoteStream: (stream) => this.media.update((m) => ({ ...m, remote: stream })),
    presentationStream: (stream) => {
      this.presentation.update((p) => (p.stream === stream ? p : { ...p, stream }));
      this.#syncStills();
    },
    presenting: (sending) => {
      if (!sending && this.#presented && this.#presentPending === 0) {
        // Not stopped by us: someone else took the floor (or the node ended our presentation).
        this.#presented = undefined;
        this.#endOwnPresentation();
        this.presentation.update((p) => ({
          ...p,
          sending: false,
          source: undefined,
          local: undefined,
          takenOver: true,
        }));
        return;
      }
      if (!sending && this.#presentPending === 0) this.#presented = undefined;
      this.presentation.update((p) => (p.sending === sending ? p : { ...p, sending }));
    },
    presentationStill: (image) => {
      if (this.presentation.get().presenterUuid === undefined || !this.#followingStills) return;
      const url = URL.createObjectURL(image);
      // The previous still stays valid one frame longer (a pop-out window may still show it).
      if (this.#previousStill) URL.revokeObjectURL(this.#previousStill);
      this.#previousStill = this.presentation.get().still;
      this.presentation.update((p) => ({ ...p, still: url }));
    },
    transfer: ({ alias, token }) => {
      void this.#followTransfer(alias, token);
    },
    disconnected: (error) => this.#end(error),
    connection: ({ reconnecting, gap }) => {
      const c = this.conference.get();
      if (c.phase === 'idle' || c.phase === 'ended') return;
      if (c.reconnecting !== reconnecting) this.conference.update((x) => ({ ...x, reconnecting }));
      // Messages sent while signalling was down may never arrive: say so where they would be.
      if (gap && c.chatEnabled) {
        const at = Date.now();
        const id = `gap-${++this.#messageSeq}`;
        this.#appendMessage({
          id,
          at,
          senderUuid: '',
          senderName: '',
          text: '',
          isMine: false,
          direct: false,
          gap: true,
        });
      }
    },
  };

  #rephase(): void {
    this.conference.update((c) => {
      if (c.phase !== 'in-call' && c.phase !== 'waiting-room' && c.phase !== 'waiting-for-host') return c;
      const phase = this.#joinedPhase(c, this.#waiting);
      return phase === c.phase ? c : { ...c, phase };
    });
  }

  /** A Host moved us to another room: leave this one and join that one with the one-time token. */
  async #followTransfer(alias: string, token: string): Promise<void> {
    const t = this.#transport;
    const request = this.#request;
    if (!t || !request) return;
    await t.leave();
    this.#request = { ...request, alias, token };
    delete this.#request.pin;
    delete this.#request.extension;
    this.conference.update((c) => ({ ...c, phase: 'connecting', alias }));
    this.participants.set({ list: [], meUuid: undefined });
    try {
      await t.join(this.#request);
    } catch (e) {
      this.#fail(e instanceof CallError ? e : new CallError('network', String(e)));
    }
  }
}

/** What `CallService` loads: makes the engine for its stores. */
export function createEngine(
  stores: CallStores,
  factory: TransportFactory,
  events: DomainEvents,
): CallEngine {
  return new CallEngine(stores, factory, events);
}
