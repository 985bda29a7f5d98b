/**
 * Still-image presentation (the client API's legacy JPEG path, protocol brief §3.4), which the
 * official SDK receives but does not pass on: it listens to `presentation_frame` on its own event
 * stream and reads the frame id from the JSON payload, then drops it. So this follower opens its own
 * `EventSource` on `…/events?token=…` while stills are wanted, takes each frame's id (the SSE id, or
 * the payload's `lastEventId`), and fetches `presentation_high.jpeg?id=…&token=…` (or the ≤ 640 px
 * `presentation.jpeg` at low bandwidth) with the newest token. Only the newest frame is fetched: a
 * frame that arrives while one is loading replaces the waiting one.
 *
 * Whether a Pexip node accepts a second event stream on one token is not documented; the local node
 * does (streams may coexist, protocol brief §2.1), and a real one at worst refuses it, which only
 * switches stills off (full-motion presentation is unaffected).
 */

export interface StillsEndpoint {
  /** Node origin, e.g. `https://pexip.example.com` (no trailing slash). */
  host: string;
  /** Conference alias used for `request_token`. */
  alias: string;
  /** The newest token. */
  token: string;
}

export interface StillsOptions {
  /** Where to connect now (undefined while not authenticated). */
  endpoint: () => StillsEndpoint | undefined;
  /** A new still arrived. */
  onImage: (image: Blob) => void;
  /** Full-size stills (`presentation_high.jpeg`) rather than ≤ 640 px wide ones. */
  high: boolean;
}

const MAX_BACKOFF_MS = 10_000;

export class PresentationStills {
  #source: EventSource | undefined;
  #running = false;
  #loading = false;
  #waiting: string | undefined;
  #lastId: string | undefined;
  #retry: ReturnType<typeof setTimeout> | undefined;
  #backoff = 500;
  #abort: AbortController | undefined;

  constructor(private readonly options: StillsOptions) {}

  get running(): boolean {
    return this.#running;
  }

  start(): void {
    if (this.#running) return;
    this.#running = true;
    this.#backoff = 500;
    this.#open();
  }

  stop(): void {
    this.#running = false;
    clearTimeout(this.#retry);
    this.#retry = undefined;
    this.#source?.close();
    this.#source = undefined;
    this.#abort?.abort();
    this.#abort = undefined;
    this.#waiting = undefined;
    this.#lastId = undefined;
    this.#loading = false;
  }

  #url(e: StillsEndpoint, path: string): string {
    return `${e.host}/api/client/v2/conferences/${encodeURIComponent(e.alias)}/${path}`;
  }

  #open(): void {
    if (!this.#running) return;
    const e = this.options.endpoint();
    if (!e) {
      this.#reopenLater();
      return;
    }
    const source = new EventSource(this.#url(e, `events?token=${encodeURIComponent(e.token)}`));
    this.#source = source;
    source.addEventListener('open', () => (this.#backoff = 500));
    source.addEventListener('presentation_frame', (ev) => {
      const m = ev as MessageEvent<string>;
      let id = m.lastEventId;
      try {
        const data = JSON.parse(m.data) as { lastEventId?: unknown } | null;
        if (!id && data && typeof data.lastEventId === 'string') id = data.lastEventId;
      } catch {
        // The SSE id is enough.
      }
      if (id) this.#frame(id);
    });
    // The browser would reconnect with the same (by then expired) token: reopen with the newest.
    source.addEventListener('error', () => {
      if (this.#source !== source) return;
      source.close();
      this.#source = undefined;
      this.#reopenLater();
    });
  }

  #reopenLater(): void {
    if (!this.#running || this.#retry !== undefined) return;
    this.#retry = setTimeout(() => {
      this.#retry = undefined;
      this.#open();
    }, this.#backoff);
    this.#backoff = Math.min(MAX_BACKOFF_MS, this.#backoff * 2);
  }

  #frame(id: string): void {
    if (id === this.#lastId) return;
    if (this.#loading) {
      this.#waiting = id;
      return;
    }
    void this.#fetch(id);
  }

  async #fetch(id: string): Promise<void> {
    const e = this.options.endpoint();
    if (!e || !this.#running) return;
    this.#loading = true;
    this.#lastId = id;
    const abort = new AbortController();
    this.#abort = abort;
    const name = this.options.high ? 'presentation_high.jpeg' : 'presentation.jpeg';
    try {
      const res = await fetch(
        this.#url(e, `${name}?id=${encodeURIComponent(id)}&token=${encodeURIComponent(e.token)}`),
        { signal: abort.signal, cache: 'no-store' },
      );
      if (res.ok && this.#running) {
        const blob = await res.blob();
        if (this.#running && blob.size > 0) this.options.onImage(blob);
      }
    } catch {
      // A frame that fails is skipped; the next one comes within about a second.
    } finally {
      if (this.#abort === abort) this.#abort = undefined;
      this.#loading = false;
      const next = this.#waiting;
      this.#waiting = undefined;
      if (next !== undefined && this.#running) void this.#fetch(next);
    }
  }
}
