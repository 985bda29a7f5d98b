/**
 * CallService: the state of one call and the commands on it. Created and provided by `<pex-call>`;
 * every other element reads its stores (immutable snapshots, one per slice) and calls its commands.
 * The work itself is done by the call's engine (`call-engine.ts`), loaded with `import()` when the
 * person first joins: a page before joining holds only these stores. It knows no wire protocol: that
 * is the transport's job (`infinity/adapter.ts` by default).
 *
 * Domain events (state changes, join, leave, errors, presenting, participants waiting) and the
 * cancelable requests its commands ask first (`pex-leave-request`, `pex-present-request`,
 * `pex-disconnect-request`, `pex-chat-send`) are raised once per call on its host element (see
 * `attachHost`), whichever elements are mounted and whichever button started the command.
 */
import { PexErrorEvent } from '../events/call-events.js';
import type { CallEngine } from './call-engine.js';
import { hasHostControls, initialConference, initialPresentation } from './call-state.js';
import type { DomainEvents } from './domain-events.js';
import { CallError } from './errors.js';
import type { SlideDeck } from './slides/deck.js';
import { Store } from './store.js';
import type { DialRequest, TransportFactory } from './transport.js';
import type {
  ChatState,
  ConferenceState,
  MediaMode,
  MediaState,
  ParticipantsState,
  ParticipantView,
  PresentationMode,
  PresentationSource,
  PresentationState,
  Role,
  StreamStats,
} from './types.js';

export interface JoinOptions {
  alias: string;
  displayName: string;
  mediaMode: MediaMode;
  /** kbps (256–1864); 0 or absent = the node's default. */
  bandwidth?: number;
  pin?: string;
  extension?: string;
  /** Node origin (`https://pexip.example.com`); default: the page's own origin. */
  node?: string;
  cameraId?: string;
  microphoneId?: string;
  /** Join with the microphone muted. */
  muted?: boolean;
  /** Withhold Host controls even when the PIN makes us Host. */
  forceGuest?: boolean;
  /**
   * A stream opened for this call (e.g. in the device check); otherwise one is opened. The service
   * takes it over: its tracks are stopped when the call ends, fails or switches devices.
   */
  stream?: MediaStream;
}

/** The stores of one call, one per slice (shared by the service and its engine). */
export interface CallStores {
  readonly conference: Store<ConferenceState>;
  readonly participants: Store<ParticipantsState>;
  readonly chat: Store<ChatState>;
  readonly media: Store<MediaState>;
  readonly presentation: Store<PresentationState>;
}

let defaultFactory: TransportFactory = async (sink) => {
  const { InfinityTransport } = await import('./infinity/adapter.js');
  return InfinityTransport.create(sink);
};

/** Replaces how transports are made (tests, or a custom protocol). Returns the previous factory. */
export function setTransportFactory(factory: TransportFactory): TransportFactory {
  const previous = defaultFactory;
  defaultFactory = factory;
  return previous;
}

/** Stops a stream the service was given but will not use (the camera light goes off). */
function release(stream: MediaStream | undefined): void {
  stream?.getTracks().forEach((t) => t.stop());
}

export class CallService implements CallStores {
  #host: EventTarget | undefined;
  /** Errors already raised: a failure reported by the service and by an element is told once. */
  readonly #reported = new WeakSet<CallError>();
  // The call's events are made from its stores (read when they change, not subscribed to), loaded
  // with the engine: before the first join nothing changes what they tell.
  #events: DomainEvents | undefined;
  readonly conference = new Store<ConferenceState>(initialConference, (c) =>
    this.#events?.conferenceChanged(c),
  );
  readonly participants = new Store<ParticipantsState>({ list: [], meUuid: undefined }, (p) =>
    this.#events?.participantsChanged(p),
  );
  readonly chat = new Store<ChatState>({ messages: [] });
  readonly media = new Store<MediaState>({
    local: undefined,
    remote: undefined,
    micMuted: false,
    cameraMuted: false,
  });
  readonly presentation = new Store<PresentationState>(initialPresentation, () =>
    this.#events?.presentationChanged(),
  );
  readonly #factory: TransportFactory;
  #engine: CallEngine | undefined;
  #engineLoading: Promise<CallEngine> | undefined;

  constructor(factory?: TransportFactory) {
    this.#factory = factory ?? ((sink) => defaultFactory(sink));
  }

  /** The engine, loaded (once) on the first join. */
  #load(): Promise<CallEngine> {
    this.#engineLoading ??= Promise.all([import('./call-engine.js'), import('./domain-events.js')]).then(
      ([{ createEngine }, { DomainEvents }]) => {
        const out = { raise: (event: Event) => this.#raise(event), report: (e: CallError) => this.report(e) };
        this.#events = new DomainEvents(this, out);
        return (this.#engine = createEngine(this, this.#factory, this.#events));
      },
      (e: unknown) => {
        this.#engineLoading = undefined; // offline: the next join tries again
        throw new CallError('network', String(e));
      },
    );
    return this.#engineLoading;
  }

  /** The engine of a call that has begun; before any join there is no call to act on. */
  #e(): CallEngine {
    if (!this.#engine) throw new CallError('no-call');
    return this.#engine;
  }

  /**
   * The element this call's events are raised on: `<pex-call>` attaches itself; a page that makes
   * its own service names the element it listens on. Without one, no events are raised.
   */
  attachHost(host: EventTarget | undefined): void {
    this.#host = host;
  }

  /** The element the call's events are raised on (see `attachHost`). */
  get host(): EventTarget | undefined {
    return this.#host;
  }

  #raise(event: Event): boolean {
    return this.#host ? this.#host.dispatchEvent(event) : true;
  }

  /**
   * Tells the page about a failure an element caught (a `pex-error` on the host). The same error
   * is told once, however many elements (and the service itself) report it.
   */
  report(error: CallError): void {
    if (this.#reported.has(error)) return;
    this.#reported.add(error);
    this.#raise(new PexErrorEvent(error));
  }

  get serverVersion(): string {
    return this.#engine?.serverVersion ?? '';
  }

  get isHost(): boolean {
    return hasHostControls(this.conference.get());
  }

  // ------------------------------------------------------------------------------------------
  // Joining and leaving

  /** Starts joining; resolves when the node answered (in the call, or a prompt/error phase). */
  async join(options: JoinOptions): Promise<void> {
    let engine: CallEngine;
    try {
      engine = await this.#load();
    } catch (e) {
      release(options.stream);
      this.conference.update((c) => ({ ...c, error: e as CallError }));
      throw e;
    }
    return engine.join(options);
  }

  /** Answers the PIN prompt; an empty PIN joins as Guest where Guests need no PIN. */
  async submitPin(pin: string): Promise<void> {
    return this.#e().session.submitPin(pin);
  }

  async submitExtension(extension: string): Promise<void> {
    return this.#e().session.submitExtension(extension);
  }

  /**
   * Leaves the call (or abandons joining). The state goes to `ended` with no error. First raises
   * the cancelable `pex-leave-request` (a listener that cancels it keeps the call), unless `force`
   * (the element was removed for good: the call cannot stay).
   */
  async leave(options: { force?: boolean } = {}): Promise<void> {
    return this.#engine?.session.leave(Boolean(options.force));
  }

  /**
   * The page is going away (`pagehide`) or the element was removed for good: release the token with
   * a request that outlives the page and stop every track now, without waiting for the node.
   */
  abandon(): void {
    this.#engine?.session.abandon();
  }

  /**
   * After the call ended on a lost connection ("Rejoin"): joins the same meeting again with the same
   * name, media and devices (and PIN), without the join form.
   */
  async rejoin(): Promise<void> {
    return this.#e().rejoin();
  }

  /** Back to the join form after the call ended or failed. */
  reset(): void {
    this.#engine?.session.reset();
  }

  /**
   * Switches media during the call: control-only → video or audio ("join with video"), with `stream`
   * when the person already chose devices (the service takes it over), otherwise the saved ones.
   */
  async escalate(mode: MediaMode, given?: MediaStream): Promise<void> {
    if (!this.#engine) release(given);
    return this.#e().escalate(mode, given);
  }

  // ------------------------------------------------------------------------------------------
  // Own media

  /** Switches camera and/or microphone during the call (a device that has gone → the default). */
  async switchDevices(ids: { cameraId?: string; microphoneId?: string }): Promise<void> {
    return this.#e().media.switchDevices(ids);
  }

  async setMicMuted(muted: boolean): Promise<void> {
    return this.#e().media.setMicMuted(muted);
  }

  async setCameraMuted(muted: boolean): Promise<void> {
    return this.#e().media.setCameraMuted(muted);
  }

  // ------------------------------------------------------------------------------------------
  // Presentation

  /**
   * Presents `stream` (a screen, or slides rendered to a canvas). Ends by itself when the stream's
   * video track ends (e.g. the browser's own "Stop sharing"). `onEnd` runs once when this
   * presentation ends, however it ends (stopped, replaced, taken over, call over). First raises the
   * cancelable `pex-present-request`: resolves `false` when a listener cancelled it (nothing was
   * presented and `onEnd` does not run), `true` once presenting.
   */
  async present(
    stream: MediaStream,
    source: PresentationSource = 'stream',
    onEnd?: () => void,
  ): Promise<boolean> {
    return this.#e().presentation.present(stream, source, onEnd);
  }

  /**
   * Shares the screen (the browser asks which screen or window) at `frameRate` frames per second (the
   * "screensharing quality" setting). First raises the cancelable `pex-present-request` (source
   * `screen`). Resolves `false` when a listener cancelled it or the person cancelled the browser's
   * picker, `true` once presenting.
   */
  async presentScreen(frameRate: number): Promise<boolean> {
    return this.#e().presentation.presentScreen(frameRate);
  }

  /** Changes the frame rate of the screen being shared (without asking again which screen). */
  async setScreenFrameRate(frameRate: number): Promise<void> {
    return this.#engine?.presentation.setScreenFrameRate(frameRate);
  }

  /**
   * Presents a slide deck's current slide (and follows it as the person moves through the deck),
   * after the cancelable `pex-present-request` (source `slides`); `false` when it was cancelled.
   */
  async presentSlides(deck: SlideDeck): Promise<boolean> {
    return this.#e().presentation.presentSlides(deck);
  }

  async stopPresenting(): Promise<void> {
    return this.#e().presentation.stopPresenting();
  }

  /**
   * How presentations from others are shown: `still` images (about one a second, the default) or
   * `full` motion video. Without a full-motion stream (joined for control only), stills are shown.
   */
  setPresentationMode(mode: PresentationMode): void {
    if (this.#engine) this.#engine.presentation.setPresentationMode(mode);
    else this.presentation.update((p) => (p.mode === mode ? p : { ...p, mode }));
  }

  // ------------------------------------------------------------------------------------------
  // Chat

  /**
   * Sends a chat message; it shows at once, and is marked failed (kept) if the node refuses it.
   * First raises the cancelable `pex-chat-send` (synchronously, before this returns): resolves
   * `false` when a listener cancelled it (nothing is listed or sent) or the text is blank.
   */
  async sendChat(text: string, toUuid?: string): Promise<boolean> {
    return this.#e().chat.sendChat(text, toUuid);
  }

  /** Chooses who the chat box writes to: one participant (privately), or everyone (`undefined`). */
  setChatRecipient(uuid: string | undefined): void {
    if (uuid === undefined && !this.#engine) return;
    this.#e().chat.setChatRecipient(uuid);
  }

  /** Whether `p` can be sent a private message (a Pexip client in the call, not yourself). */
  canMessagePrivately(p: ParticipantView): boolean {
    return this.#engine?.chat.canMessagePrivately(p) ?? false;
  }

  /** Sends a message that failed again, in place (same id and position); marked failed again if refused. */
  async retryChat(id: string): Promise<void> {
    return this.#e().chat.retryChat(id);
  }

  // ------------------------------------------------------------------------------------------
  // Host commands

  async lock(locked: boolean): Promise<void> {
    return this.#e().moderation.lock(locked);
  }
  async muteGuests(muted: boolean): Promise<void> {
    return this.#e().moderation.muteGuests(muted);
  }
  async startConference(): Promise<void> {
    return this.#e().moderation.startConference();
  }
  async disconnectAll(): Promise<void> {
    return this.#e().moderation.disconnectAll();
  }
  async dial(request: DialRequest): Promise<void> {
    return this.#e().moderation.dial(request);
  }
  async admit(uuid: string): Promise<void> {
    return this.#e().moderation.admit(uuid);
  }
  /** Turns away a participant waiting at a locked conference. */
  async reject(uuid: string): Promise<void> {
    return this.#e().moderation.reject(uuid);
  }
  /** Disconnects a participant, after the cancelable `pex-disconnect-request`; `false` when cancelled. */
  async kick(uuid: string): Promise<boolean> {
    return this.#e().moderation.kick(uuid);
  }
  async muteParticipant(uuid: string, muted: boolean): Promise<void> {
    return this.#e().moderation.muteParticipant(uuid, muted);
  }
  async setRole(uuid: string, role: Role): Promise<void> {
    return this.#e().moderation.setRole(uuid, role);
  }
  async transfer(uuid: string, alias: string, role: Role, pin = ''): Promise<void> {
    return this.#e().moderation.transfer(uuid, alias, role, pin);
  }
  async setRxPresentation(uuid: string, allow: boolean): Promise<void> {
    return this.#e().moderation.setRxPresentation(uuid, allow);
  }

  /** DTMF into the call (own) or, for Hosts, toward a dialled participant. */
  async sendDtmf(digits: string, uuid?: string): Promise<void> {
    return this.#e().moderation.sendDtmf(digits, uuid);
  }

  stats(): Promise<StreamStats[]> {
    return this.#engine ? this.#engine.stats() : Promise.resolve([]);
  }
}
