/**
 * Abuse limits of the local node: the wrong-PIN limiter shared by every path that checks a PIN, and
 * token buckets for request rates. Both read time from the node's clock (clock.ts) so that tests can
 * move time forward instead of sleeping.
 */

/** Milliseconds since the epoch: the `now` of the node's clock (clock.ts). */
export type Now = () => number;

/**
 * Wrong PINs per (source address, target conference) within a sliding window. Every path that checks
 * a PIN — `request_token` (direct or through a Virtual Reception's extension) and `transfer` — counts
 * failures here, so guessing on one path uses up the retries of the others.
 */
export class PinLimiter {
  readonly #failures = new Map<string, number[]>();

  constructor(
    private readonly retries: () => number,
    private readonly windowMs: () => number,
    private readonly now: Now,
  ) {}

  static key(address: string, conference: string): string {
    return `${address}|${conference}`;
  }

  /** Failures still inside the window (drops the older ones). */
  #recent(key: string): number[] {
    const now = this.now();
    const window = this.windowMs();
    const times = (this.#failures.get(key) ?? []).filter((t) => now - t < window);
    if (times.length === 0) this.#failures.delete(key);
    else this.#failures.set(key, times);
    return times;
  }

  /** True while `address` has used up its retries for `conference`: even a right PIN is refused. */
  lockedOut(address: string, conference: string): boolean {
    return this.#recent(PinLimiter.key(address, conference)).length >= this.retries();
  }

  /** Counts one wrong PIN; true when that used up the last retry. */
  fail(address: string, conference: string): boolean {
    const key = PinLimiter.key(address, conference);
    const times = this.#recent(key);
    times.push(this.now());
    this.#failures.set(key, times);
    if (this.#failures.size > 10_000) this.#prune();
    return times.length >= this.retries();
  }

  clear(): void {
    this.#failures.clear();
  }

  #prune(): void {
    for (const key of [...this.#failures.keys()]) this.#recent(key);
  }
}

/**
 * Token buckets keyed by a string (a participant, a source address): `burst` requests at once, then
 * `perSecond` on average. An idle bucket is full again and is forgotten.
 */
export class RateLimiter {
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly perSecond: () => number,
    private readonly burst: () => number,
    private readonly now: Now,
  ) {}

  /**
   * Takes `cost` tokens for `key`; false (and nothing taken) when there are not enough. A cost above
   * the burst size is capped at it, so one large request is slow, never impossible.
   */
  take(key: string, cost = 1): boolean {
    const now = this.now();
    const burst = this.burst();
    const b = this.#buckets.get(key) ?? { tokens: burst, at: now };
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * this.perSecond());
    b.at = now;
    const need = Math.min(cost, burst);
    if (b.tokens < need) {
      this.#buckets.set(key, b);
      return false;
    }
    b.tokens -= need;
    this.#buckets.set(key, b);
    if (this.#buckets.size > 10_000) this.#prune(now);
    return true;
  }

  /** Seconds until `cost` tokens are available for `key` (for `Retry-After`), at least 1. */
  retryAfter(key: string, cost = 1): number {
    const b = this.#buckets.get(key);
    const rate = this.perSecond();
    if (!b || rate <= 0) return 1;
    const missing = Math.min(cost, this.burst()) - b.tokens;
    return Math.max(1, Math.ceil(missing / rate));
  }

  forget(key: string): void {
    this.#buckets.delete(key);
  }

  clear(): void {
    this.#buckets.clear();
  }

  /** Drops buckets that have refilled completely (they behave exactly like absent ones). */
  #prune(now: number): void {
    const burst = this.burst();
    const rate = this.perSecond();
    for (const [key, b] of this.#buckets) {
      if (b.tokens + ((now - b.at) / 1000) * rate >= burst) this.#buckets.delete(key);
    }
  }
}
