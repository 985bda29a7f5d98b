/**
 * The session: joining (PIN, Virtual Reception extension), the phase of the call, leaving, being
 * transferred, and what the node says about the conference. It owns the conference store (phase,
 * role, locks) and the transport; it starts and ends the other slices' part of a call.
 */
import { msg } from '@lit/localize';
import { PexLeaveRequestEvent } from '../events/call-events.js';
import type { CallContext } from './call-context.js';
import type { JoinOptions } from './call-service.js';
import type { ChatSlice } from './chat.js';
import { initialConference } from './call-state.js';
import { CallError } from './errors.js';
import type { LocalMedia } from './media/local-media.js';
import { stopStream } from './media/open-media.js';
import type { Roster } from './participants.js';
import { PagePolicyWatch } from './session-policy.js';
import type { PresentationSlice } from './presentation.js';
import type { Store } from './store.js';
import type { JoinedInfo, JoinRequest, Transport, TransportFactory, TransportSink } from './transport.js';
import type { ConferenceState, MediaMode, PinPrompt, Role } from './types.js';

/** The other slices a call starts and ends. */
export interface SessionParts {
  readonly media: LocalMedia;
  readonly presentation: PresentationSlice;
  readonly chat: ChatSlice;
  readonly roster: Roster;
}

/** What is asked of the node to join (the media are read when it is sent: they may have changed). */
type Ask = Omit<JoinRequest, 'stream' | 'mediaMode'>;

export class Session {
  readonly store: Store<ConferenceState>;
  readonly #ctx: CallContext;
  readonly #parts: SessionParts;
  readonly #factory: TransportFactory;
  readonly #policy: PagePolicyWatch;
  #ask: Ask | undefined;
  #options: JoinOptions | undefined;
  #waiting = false;

  constructor(ctx: CallContext, parts: SessionParts, factory: TransportFactory) {
    this.#ctx = ctx;
    this.store = ctx.stores.conference;
    this.#parts = parts;
    this.#factory = factory;
    this.#policy = new PagePolicyWatch(this.store, () => this.#ask?.node || location.origin);
  }

  get serverVersion(): string {
    return this.#ctx.transport?.serverVersion ?? '';
  }

  /** kbps asked for this call (0: the node's default). */
  get bandwidth(): number {
    return this.#ask?.bandwidth ?? 0;
  }

  /** Starts joining; resolves when the node answered (in the call, or a prompt/error phase). */
  async join(options: JoinOptions, sink: TransportSink): Promise<void> {
    const phase = this.store.get().phase;
    if (phase !== 'idle' && phase !== 'ended') {
      // Not joining: a stream opened for this join is not kept live.
      if (options.stream !== this.#parts.media.store.get().local) stopStream(options.stream);
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
      this.store.update((c) => ({ ...c, error }));
      throw error;
    }
    this.#options = { ...options, alias, displayName };
    delete this.#options.stream;
    this.store.set({
      ...initialConference,
      phase: 'connecting',
      alias,
      displayName,
      mediaMode: options.mediaMode,
      forceGuest: Boolean(options.forceGuest),
    });
    this.#parts.chat.clear();
    this.#parts.roster.clear();
    let stream: MediaStream | undefined;
    try {
      stream = await this.#parts.media.open(options.mediaMode, options, options.stream);
    } catch (e) {
      this.#fail(e as CallError);
      throw e;
    }
    if (this.store.get().phase !== 'connecting') {
      // Cancelled while the browser was opening the camera.
      stopStream(stream);
      return;
    }
    this.#parts.media.start(stream, Boolean(options.muted));
    this.#ask = {
      alias,
      displayName,
      bandwidth: options.bandwidth ?? 0,
      ...(options.pin ? { pin: options.pin } : {}),
      ...(options.extension ? { extension: options.extension } : {}),
      ...(options.node ? { node: options.node } : {}),
    };
    // The page's policy may refuse the node just after the request failed: say so then too.
    this.#policy.start();
    try {
      this.#ctx.transport ??= await this.#factory(sink);
      if (this.store.get().phase !== 'connecting') {
        this.#release(); // cancelled while Pexip's SDK was loading
        return;
      }
      await this.#send(this.#ctx.transport);
    } catch (e) {
      this.#fail(e instanceof CallError ? e : new CallError('network', String(e)));
      throw this.store.get().error;
    }
  }

  /** The join request as it stands: what was asked, with the media the call has now. */
  #send(t: Transport): Promise<void> {
    const ask = this.#ask as Ask;
    return t.join({
      ...ask,
      mediaMode: this.store.get().mediaMode,
      stream: this.#parts.media.store.get().local,
    });
  }

  /** Answers the PIN prompt; an empty PIN joins as Guest where Guests need no PIN. */
  async submitPin(pin: string): Promise<void> {
    const c = this.store.get();
    const t = this.#ctx.transport;
    if (c.phase !== 'needs-pin' || !this.#ask || !t) throw new CallError('no-call');
    const trimmed = pin.trim();
    if (trimmed !== '' && !/^[0-9]{1,20}#?$/.test(trimmed)) throw new CallError('invalid-pin');
    if (trimmed === '' && c.pinPrompt?.guestPin) throw new CallError('invalid-pin');
    this.#ask = { ...this.#ask, pin: trimmed === '' ? 'none' : trimmed };
    this.store.update((s) => ({ ...s, phase: 'connecting', error: undefined }));
    await this.#send(t);
  }

  async submitExtension(extension: string): Promise<void> {
    const c = this.store.get();
    const t = this.#ctx.transport;
    if (c.phase !== 'needs-extension' || !this.#ask || !t) throw new CallError('no-call');
    const ext = extension.trim();
    if (!ext || ext.length > 100 || /\s/.test(ext)) throw new CallError('extension-not-found', ext);
    this.#ask = { ...this.#ask, extension: ext };
    this.store.update((s) => ({ ...s, phase: 'connecting', error: undefined }));
    await this.#send(t);
  }

  /**
   * Leaves the call (or abandons joining), after a cancelable `pex-leave-request` unless `force`d.
   * The state goes to `ended` with no error.
   */
  async leave(force = false): Promise<void> {
    const t = this.#ctx.transport;
    const phase = this.store.get().phase;
    if (phase === 'idle' || phase === 'ended') return;
    if (!force && !this.#ctx.events.raise(new PexLeaveRequestEvent())) return;
    try {
      await t?.leave();
    } finally {
      // Whatever the node answered, nothing of this call stays live here.
      this.end(undefined);
    }
  }

  /**
   * The page is going away (`pagehide`) or the element was removed for good: release the token with
   * a request that outlives the page and stop every track now, without waiting for the node.
   */
  abandon(): void {
    const phase = this.store.get().phase;
    if (phase === 'idle' || phase === 'ended') return;
    this.#ctx.transport?.releaseOnUnload?.();
    this.end(undefined);
  }

  /**
   * After the call ended on a lost connection ("Rejoin"): joins the same meeting again with the same
   * name, media and devices (and PIN), without the join form.
   */
  async rejoin(sink: TransportSink): Promise<void> {
    const o = this.#options;
    const c = this.store.get();
    if (!o || c.phase !== 'ended') throw new CallError('no-call');
    // The stream it joined with was stopped when the call ended: a new one is opened, on the
    // devices the call last used.
    const again: JoinOptions = { ...o, ...this.#parts.media.devices };
    const alias = c.alias || o.alias;
    // A Host may have moved us to another room: its PIN is not this one's.
    if (alias !== o.alias) delete again.pin;
    await this.join({ ...again, alias, mediaMode: c.mediaMode }, sink);
  }

  /** Back to the join form after the call ended or failed. */
  reset(): void {
    const phase = this.store.get().phase;
    if (phase !== 'ended' && phase !== 'needs-pin' && phase !== 'needs-extension') return;
    if (phase !== 'ended') void this.#ctx.transport?.leave();
    this.#release();
    this.store.set({ ...initialConference, alias: this.store.get().alias });
  }

  /** The call's media mode changed (media added to a control-only call). */
  mediaModeChanged(mode: MediaMode): void {
    this.store.update((c) => ({ ...c, mediaMode: mode }));
  }

  // ------------------------------------------------------------------------------------------
  // What the node says

  pinRequired(prompt: PinPrompt): void {
    this.store.update((c) => ({
      ...c,
      phase: 'needs-pin',
      pinPrompt: prompt,
      // A repeated challenge after a PIN was sent means the PIN was wrong.
      error: this.#ask?.pin ? new CallError('invalid-pin') : undefined,
    }));
  }

  extensionRequired(): void {
    this.store.update((c) => ({
      ...c,
      phase: 'needs-extension',
      error: this.#ask?.extension ? new CallError('extension-not-found') : undefined,
    }));
  }

  joinFailed(error: CallError): void {
    const c = this.store.get();
    if (error.code === 'invalid-pin' && c.pinPrompt) {
      this.store.set({ ...c, phase: 'needs-pin', error });
      return;
    }
    if (error.code === 'extension-not-found') {
      this.store.set({ ...c, phase: 'needs-extension', error });
      return;
    }
    if (c.phase === 'connecting' || c.phase === 'needs-pin' || c.phase === 'needs-extension') {
      this.#fail(error);
    }
  }

  joined(info: JoinedInfo): void {
    this.#waiting = info.waiting;
    this.store.update((c) => {
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
  }

  /** Held at a locked conference, or let in. */
  serviceType(waiting: boolean): void {
    this.#waiting = waiting;
    this.#rephase();
  }

  /** Our role as the roster says (a Host may have changed it). */
  roleChanged(role: Role): void {
    if (role === this.store.get().role) return;
    this.store.update((c) => ({ ...c, role }));
    this.#rephase();
  }

  conferenceStatus(status: Partial<ConferenceState>): void {
    this.store.update((c) => ({ ...c, ...status }));
    this.#rephase();
  }

  /** Signalling was lost or came back; `true` when the call is on (the caller may note a gap). */
  connection(reconnecting: boolean): boolean {
    const c = this.store.get();
    if (c.phase === 'idle' || c.phase === 'ended') return false;
    if (c.reconnecting !== reconnecting) this.store.update((x) => ({ ...x, reconnecting }));
    return true;
  }

  /** A Host moved us to another room: leave this one and join that one with the one-time token. */
  async transferred(alias: string, token: string): Promise<void> {
    const t = this.#ctx.transport;
    const ask = this.#ask;
    if (!t || !ask) return;
    await t.leave();
    this.#ask = { ...ask, alias, token };
    delete this.#ask.pin;
    delete this.#ask.extension;
    this.store.update((c) => ({ ...c, phase: 'connecting', alias }));
    this.#parts.roster.clear();
    try {
      await this.#send(t);
    } catch (e) {
      this.#fail(e instanceof CallError ? e : new CallError('network', String(e)));
    }
  }

  /** The call is over (`error`: why, when not by choice). */
  end(error: CallError | undefined): void {
    this.#release();
    this.#parts.roster.clear();
    this.store.update((c) => ({
      ...c,
      phase: 'ended',
      error: error && this.#policy.explain(error),
      pinPrompt: undefined,
      reconnecting: false,
    }));
    this.#policy.settle();
  }

  // ------------------------------------------------------------------------------------------

  #release(): void {
    this.#parts.media.release();
    this.#parts.presentation.release();
  }

  #fail(error: CallError): void {
    this.#release();
    this.store.update((c) => ({ ...c, phase: 'ended', error: this.#policy.explain(error) }));
    this.#policy.settle();
  }

  /** Phase while joined: held at a lock, waiting for a Host, or in the call. */
  #joinedPhase(c: ConferenceState, waiting: boolean): ConferenceState['phase'] {
    if (waiting) return 'waiting-room';
    if (c.role === 'guest' && !c.started) return 'waiting-for-host';
    return 'in-call';
  }

  #rephase(): void {
    this.store.update((c) => {
      if (c.phase !== 'in-call' && c.phase !== 'waiting-room' && c.phase !== 'waiting-for-host') return c;
      const phase = this.#joinedPhase(c, this.#waiting);
      return phase === c.phase ? c : { ...c, phase };
    });
  }
}
