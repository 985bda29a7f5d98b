/**
 * CallService: the state of one call and the commands on it. Created and provided by `<pex-call>`;
 * every other element reads its stores (immutable snapshots, one per slice) and calls its commands.
 * The work itself is done by the call's engine (`call-engine.ts`), loaded with `import()` when the
 * person first joins: a page before joining holds only these stores. It knows no wire protocol: that
 * is the transport's job (`infinity/adapter.ts` by default).
 */
import type { CallEngine } from './call-engine.js';
import { initialConference, initialPresentation } from './call-state.js';
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
  readonly conference = new Store<ConferenceState>(initialConference);
  readonly participants = new Store<ParticipantsState>({ list: [], meUuid: undefined });
  readonly chat = new Store<ChatState>({ messages: [] });
  readonly media = new Store<MediaState>({
    local: undefined,
    remote: undefined,
    micMuted: false,
    cameraMuted: false,
  });
  readonly presentation = new Store<PresentationState>(initialPresentation);

  readonly #factory: TransportFactory;
  #engine: CallEngine | undefined;
  #engineLoading: Promise<CallEngine> | undefined;

  constructor(factory?: TransportFactory) {
    this.#factory = factory ?? ((sink) => defaultFactory(sink));
  }

  /** The engine, loaded (once) on the first join. */
  #load(): Promise<CallEngine> {
    this.#engineLoading ??= import('./call-engine.js').then(
      ({ createEngine }) => (this.#engine = createEngine(this, this.#factory)),
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

  get serverVersion(): string {
    return this.#engine?.serverVersion ?? '';
  }

  get isHost(): boolean {
    const c = this.conference.get();
    return c.role === 'host' && !c.forceGuest;
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
    return this.#e().submitPin(pin);
  }

  async submitExtension(extension: string): Promise<void> {
    return this.#e().submitExtension(extension);
  }

  /** Leaves the call (or abandons joining). The state goes to `ended` with no error. */
  async leave(): Promise<void> {
    return this.#engine?.leave();
  }

  /**
   * The page is going away (`pagehide`) or the element was removed for good: release the token with
   * a request that outlives the page and stop every track now, without waiting for the node.
   */
  abandon(): void {
    this.#engine?.abandon();
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
    this.#engine?.reset();
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
    return this.#e().switchDevices(ids);
  }

  async setMicMuted(muted: boolean): Promise<void> {
    return this.#e().setMicMuted(muted);
  }

  async setCameraMuted(muted: boolean): Promise<void> {
    return this.#e().setCameraMuted(muted);
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
  ): Promise<void> {
    return this.#e().present(stream, source, onEnd);
  }

  /**
   * Shares the screen (the browser asks which screen or window) at `frameRate` frames per second (the
   * "screensharing quality" setting). Resolves `false` when the person cancelled the browser's
   * picker, `true` once presenting.
   */
  async presentScreen(frameRate: number): Promise<boolean> {
    return this.#e().presentScreen(frameRate);
  }

  /** Changes the frame rate of the screen being shared (without asking again which screen). */
  async setScreenFrameRate(frameRate: number): Promise<void> {
    return this.#engine?.setScreenFrameRate(frameRate);
  }

  /** Presents a slide deck's current slide (and follows it as the person moves through the deck). */
  async presentSlides(deck: SlideDeck): Promise<void> {
    return this.#e().presentSlides(deck);
  }

  async stopPresenting(): Promise<void> {
    return this.#e().stopPresenting();
  }

  /**
   * How presentations from others are shown: `still` images (about one a second, the default) or
   * `full` motion video. Without a full-motion stream (joined for control only), stills are shown.
   */
  setPresentationMode(mode: PresentationMode): void {
    if (this.#engine) this.#engine.setPresentationMode(mode);
    else this.presentation.update((p) => (p.mode === mode ? p : { ...p, mode }));
  }

  // ------------------------------------------------------------------------------------------
  // Chat

  /** Sends a chat message; it shows at once, and is marked failed (kept) if the node refuses it. */
  async sendChat(text: string, toUuid?: string): Promise<void> {
    return this.#e().sendChat(text, toUuid);
  }

  /** Chooses who the chat box writes to: one participant (privately), or everyone (`undefined`). */
  setChatRecipient(uuid: string | undefined): void {
    if (uuid === undefined && !this.#engine) return;
    this.#e().setChatRecipient(uuid);
  }

  /** Whether `p` can be sent a private message (a Pexip client in the call, not yourself). */
  canMessagePrivately(p: ParticipantView): boolean {
    return this.#engine?.canMessagePrivately(p) ?? false;
  }

  /** Sends a message that failed again, in place (same id and position); marked failed again if refused. */
  async retryChat(id: string): Promise<void> {
    return this.#e().retryChat(id);
  }

  // ------------------------------------------------------------------------------------------
  // Host commands

  async lock(locked: boolean): Promise<void> {
    return this.#e().lock(locked);
  }
  async muteGuests(muted: boolean): Promise<void> {
    return this.#e().muteGuests(muted);
  }
  async startConference(): Promise<void> {
    return this.#e().startConference();
  }
  async disconnectAll(): Promise<void> {
    return this.#e().disconnectAll();
  }
  async dial(request: DialRequest): Promise<void> {
    return this.#e().dial(request);
  }
  async admit(uuid: string): Promise<void> {
    return this.#e().admit(uuid);
  }
  /** Turns away a participant waiting at a locked conference. */
  async reject(uuid: string): Promise<void> {
    return this.#e().reject(uuid);
  }
  async kick(uuid: string): Promise<void> {
    return this.#e().kick(uuid);
  }
  async muteParticipant(uuid: string, muted: boolean): Promise<void> {
    return this.#e().muteParticipant(uuid, muted);
  }
  async setRole(uuid: string, role: Role): Promise<void> {
    return this.#e().setRole(uuid, role);
  }
  async transfer(uuid: string, alias: string, role: Role, pin = ''): Promise<void> {
    return this.#e().transfer(uuid, alias, role, pin);
  }
  async setRxPresentation(uuid: string, allow: boolean): Promise<void> {
    return this.#e().setRxPresentation(uuid, allow);
  }

  /** DTMF into the call (own) or, for Hosts, toward a dialled participant. */
  async sendDtmf(digits: string, uuid?: string): Promise<void> {
    return this.#e().sendDtmf(digits, uuid);
  }

  stats(): Promise<StreamStats[]> {
    return this.#engine ? this.#engine.stats() : Promise.resolve([]);
  }
}
