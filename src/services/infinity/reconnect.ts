/**
 * Watches one call's signalling to Pexip's SDK: its event stream and its token refreshes.
 *
 * The SDK (`@pexip/infinity` 20) reconnects a lost event stream itself, but silently, and gives up
 * after 8 attempts (about 25 s, then nothing ever tells the call); a refused `refresh_token` (the
 * node restarted and forgot the token) makes it retry at once in a loop until the token's lifetime
 * has passed. This watch:
 * - reports that signalling is being re-established (`reconnecting(true)`) as soon as the SDK's event
 *   stream fails or a refresh fails, and `reconnecting(false, gap)` when both work again (`gap`: the
 *   stream was down, so events such as chat messages may have been missed);
 * - takes over once the SDK has given up: it opens event streams of its own (wired into the SDK's
 *   own event handlers, so the roster, chat and everything else keep flowing), with exponential
 *   backoff and jitter, for as long as the SDK keeps the token alive;
 * - reports a refused refresh (403/404) at once (`refused`), so the session can end.
 *
 * It learns what the SDK does from the SDK's logger (every request, response and event-stream error
 * passes through it: `tap`) and from the event-stream signals (`sdk.eventSignals`).
 */
import type { SdkModule } from './load.js';

export interface SignallingHooks {
  /** Signalling is being re-established (`true`), or works again (`false`; `gap`: events may be missing). */
  reconnecting(on: boolean, gap: boolean): void;
  /** The node refused to refresh the token (HTTP `status`): this session is gone. */
  refused(status: number): void;
  /** A refreshed token the SDK did not announce through its signals. */
  token(token: string): void;
}

export interface SignallingEndpoint {
  host: string;
  alias: string;
  token: string;
}

export interface BackoffOptions {
  min: number;
  max: number;
  factor: number;
  /** ± this fraction of each delay, at random (so many clients do not retry in step). */
  jitter: number;
}

/** Event streams of our own after the SDK gave up: 1 s, 2 s, 4 s … at most 15 s apart, ±20 %. */
export const STREAM_BACKOFF: BackoffOptions = { min: 1000, max: 15_000, factor: 2, jitter: 0.2 };

/** How long signalling must be down before "Reconnecting…" shows (a blip does not flash it). */
export const SHOW_AFTER_MS = 750;

/** The delay before retry number `attempt` (0-based). */
export function backoffDelay(attempt: number, o: BackoffOptions, random: () => number = Math.random): number {
  const base = Math.min(o.max, o.min * o.factor ** Math.min(attempt, 30));
  return Math.max(0, Math.round(base * (1 - o.jitter + 2 * o.jitter * random())));
}

/** The SDK's log messages this watch reads (`@pexip/infinity` 20: eventSource.js, requestClient.js). */
const STREAM_ERROR = 'EventSource error, Trying to reconnect';
const STREAM_OPENED = 'Event Source opened';
const REFRESH_FAILED = /^Failed to refresh token/;
const RESPONSE = /^Response \[.*\/refresh_token\]$/;

/** The SDK's own promise rejections that nobody can catch (its refresh timer ends in a throw). */
const SDK_REJECTIONS = new Set(['Unable to update access token']);

/**
 * While a call's SDK lives: its uncatchable rejections are not reported as the page's uncaught
 * errors — its refresh loop ending after the call ended, always, and a network failure (`TypeError:
 * Failed to fetch`) while `windingDown()` (the SDK is releasing, without a `catch`, the token of a
 * call that ended because the network was lost). Returns the function that stops this.
 */
export function quietSdkRejections(windingDown: () => boolean = () => false): () => void {
  const on = (e: PromiseRejectionEvent): void => {
    const r: unknown = e.reason;
    if (!(r instanceof Error)) return;
    if (
      SDK_REJECTIONS.has(r.message) ||
      (r instanceof TypeError && r.message === 'Failed to fetch' && windingDown())
    ) {
      e.preventDefault();
    }
  };
  window.addEventListener('unhandledrejection', on);
  return () => window.removeEventListener('unhandledrejection', on);
}

export class SignallingWatch {
  #streamDown = false;
  #refreshFailing = false;
  #gap = false;
  #shown = false;
  #showTimer: ReturnType<typeof setTimeout> | undefined;
  /** Our own event stream, after the SDK gave up. */
  #own: EventSource | undefined;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  #attempt = 0;
  #disposed = false;
  readonly #detach: (() => void)[] = [];

  constructor(
    private readonly sdk: Pick<SdkModule, 'eventSignals' | 'createEventSource'>,
    private readonly endpoint: () => SignallingEndpoint | undefined,
    private readonly hooks: SignallingHooks,
    private readonly backoff: BackoffOptions = STREAM_BACKOFF,
  ) {
    this.#detach.push(
      sdk.eventSignals.onConnected.add(() => this.#streamUp()),
      sdk.eventSignals.onError.add(() => this.#sdkGaveUp()),
    );
  }

  /** Whether "Reconnecting…" is being reported. */
  get reconnecting(): boolean {
    return this.#shown;
  }

  /** Every call of the SDK's logger (`meta`, `message`), before it is filtered for the console. */
  tap(meta: unknown, message: unknown): void {
    if (this.#disposed || typeof message !== 'string') return;
    if (message === STREAM_ERROR) {
      this.#streamLost();
    } else if (message === STREAM_OPENED) {
      // The SDK's own stream is back (e.g. after a renegotiation): ours would duplicate every event.
      this.#closeOwn();
    } else if (REFRESH_FAILED.test(message)) {
      this.#refreshFailing = true;
      this.#update();
    } else if (RESPONSE.test(message)) {
      const m = meta as { status?: unknown; body?: { result?: { token?: unknown } } } | undefined;
      const status = typeof m?.status === 'number' ? m.status : 0;
      if (status === 200) {
        const token = m?.body?.result?.token;
        if (typeof token === 'string' && token) this.hooks.token(token);
        this.#refreshFailing = false;
        this.#update();
      } else if (status === 403 || status === 404) {
        this.hooks.refused(status);
      }
    }
  }

  dispose(): void {
    if (this.#disposed) return;
    this.#disposed = true;
    clearTimeout(this.#retryTimer);
    clearTimeout(this.#showTimer);
    this.#closeOwn();
    for (const d of this.#detach) d();
    this.#detach.length = 0;
  }

  #streamLost(): void {
    this.#streamDown = true;
    this.#gap = true;
    this.#update();
  }

  #streamUp(): void {
    if (this.#disposed) return;
    this.#streamDown = false;
    this.#attempt = 0;
    this.#update();
  }

  #update(): void {
    if (this.#disposed) return;
    const down = this.#streamDown || this.#refreshFailing;
    if (down) {
      if (!this.#shown && this.#showTimer === undefined) {
        this.#showTimer = setTimeout(() => {
          this.#showTimer = undefined;
          if (this.#disposed || !(this.#streamDown || this.#refreshFailing)) return;
          this.#shown = true;
          this.hooks.reconnecting(true, false);
        }, SHOW_AFTER_MS);
      }
      return;
    }
    clearTimeout(this.#showTimer);
    this.#showTimer = undefined;
    const gap = this.#gap;
    this.#gap = false;
    if (this.#shown || gap) {
      this.#shown = false;
      this.hooks.reconnecting(false, gap);
    }
  }

  /** The SDK stopped reconnecting its event stream: keep trying with streams of our own. */
  #sdkGaveUp(): void {
    if (this.#disposed) return;
    this.#streamLost();
    this.#schedule();
  }

  #schedule(): void {
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => this.#openOwn(), backoffDelay(this.#attempt++, this.backoff));
  }

  #openOwn(): void {
    if (this.#disposed) return;
    const ep = this.endpoint();
    if (!ep) {
      this.#schedule();
      return;
    }
    this.#closeOwn();
    const es = this.sdk.createEventSource({ host: ep.host, conferenceAlias: ep.alias, token: ep.token });
    this.#own = es;
    es.onopen = () => {
      if (this.#own === es) this.#streamUp();
    };
    es.onerror = () => {
      es.close();
      if (this.#own !== es || this.#disposed) return;
      this.#own = undefined;
      this.#streamLost();
      this.#schedule();
    };
  }

  #closeOwn(): void {
    const es = this.#own;
    this.#own = undefined;
    if (es) {
      es.onopen = null;
      es.onerror = null;
      es.close();
    }
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
  }
}
