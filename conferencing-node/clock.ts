/**
 * The node's time: `now()` and one-shot timers (token expiry, refresh grace, rate and PIN limits,
 * host-wait, dial-out answers, media-gone delays, the media tick and the stills cadence). The node
 * uses {@link systemClock} unless a test injects a {@link ManualClock} and moves time forward with
 * `advance()` instead of sleeping.
 */

/** An opaque timer handle of a {@link Clock}. */
export type TimerHandle = { readonly __timer: unique symbol } | NodeJS.Timeout;

export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Calls `fn` once after `ms`; never keeps the process alive on its own. */
  setTimeout(fn: () => void, ms: number): TimerHandle;
  /** Calls `fn` every `ms`; never keeps the process alive on its own. */
  setInterval(fn: () => void, ms: number): TimerHandle;
  /** Cancels a timeout or interval (undefined is ignored). */
  clearTimer(handle: TimerHandle | undefined): void;
}

/** Real time: `Date.now` and unref'd Node timers. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout(fn, ms) {
    const t = setTimeout(fn, ms);
    t.unref();
    return t;
  },
  setInterval(fn, ms) {
    const t = setInterval(fn, ms);
    t.unref();
    return t;
  },
  clearTimer(handle) {
    if (handle !== undefined) clearTimeout(handle as NodeJS.Timeout);
  },
};

interface ManualTimer {
  due: number;
  fn: () => void;
  /** Period of an interval; undefined for a timeout. */
  every: number | undefined;
  /** The real timer that fires it if real time gets there first. */
  real: NodeJS.Timeout | undefined;
}

/**
 * A clock for tests. Time runs as usual (so requests, event streams and real I/O behave normally),
 * and {@link ManualClock.advance} skips ahead: `now()` jumps, and every timer that falls due in the
 * skipped span fires at once, in order of its due time — so a test of token expiry, the refresh
 * grace or a rate limit takes milliseconds, not the configured seconds. With `realTimers: false`
 * timers fire only on `advance()`, never because real time got there (for tests that count what the
 * node sends and must not see a keepalive or an expiry however slow the machine is).
 */
export class ManualClock implements Clock {
  #offset = 0;
  readonly #timers = new Set<ManualTimer>();
  readonly #realTimers: boolean;

  constructor(options: { realTimers?: boolean } = {}) {
    this.#realTimers = options.realTimers ?? true;
  }

  now(): number {
    return Date.now() + this.#offset;
  }

  setTimeout(fn: () => void, ms: number): TimerHandle {
    return this.#add(fn, ms, undefined);
  }

  setInterval(fn: () => void, ms: number): TimerHandle {
    return this.#add(fn, ms, Math.max(1, ms));
  }

  clearTimer(handle: TimerHandle | undefined): void {
    const t = handle as unknown as ManualTimer | undefined;
    if (!t || !this.#timers.has(t)) return;
    clearTimeout(t.real);
    this.#timers.delete(t);
  }

  /** Timers still pending (for tests that check nothing was left behind). */
  get pending(): number {
    return this.#timers.size;
  }

  /** Moves time forward by `ms`, firing every timer due by then (intervals as often as due). */
  advance(ms: number): void {
    this.#offset += ms;
    const now = this.now();
    for (;;) {
      let next: ManualTimer | undefined;
      for (const t of this.#timers) if (t.due <= now && (!next || t.due < next.due)) next = t;
      if (!next) return;
      this.#fire(next);
    }
  }

  #add(fn: () => void, ms: number, every: number | undefined): TimerHandle {
    const t: ManualTimer = { due: this.now() + Math.max(0, ms), fn, every, real: undefined };
    this.#timers.add(t);
    this.#arm(t);
    return t as unknown as TimerHandle;
  }

  /** A real timer for the remaining time, in case real time gets there before `advance` does. */
  #arm(t: ManualTimer): void {
    clearTimeout(t.real);
    if (!this.#realTimers) return;
    t.real = setTimeout(() => this.#fire(t, true), Math.max(0, t.due - this.now()));
    t.real.unref();
  }

  /** Fires `t`; an interval is re-armed (from its due time when skipping, from now in real time). */
  #fire(t: ManualTimer, real = false): void {
    if (!this.#timers.has(t)) return;
    if (t.every === undefined) {
      clearTimeout(t.real);
      this.#timers.delete(t);
    } else {
      t.due = (real ? this.now() : t.due) + t.every;
      this.#arm(t);
    }
    t.fn();
  }
}
