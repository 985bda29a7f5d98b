/**
 * A tiny observable holding one immutable snapshot. Components subscribe per store (slice), so a
 * roster change never re-renders the chat and vice versa.
 */
export type Listener<T> = (value: T) => void;

export interface ReadonlyStore<T> {
  /** The current snapshot (never mutated; every change publishes a new object). */
  get(): T;
  /** Calls `listener` on every change; returns the function that unsubscribes. */
  subscribe(listener: Listener<T>): () => void;
}

export class Store<T> implements ReadonlyStore<T> {
  #value: T;
  readonly #listeners = new Set<Listener<T>>();
  readonly #owner: Listener<T> | undefined;

  /** `owner` hears every change first (the service that owns the store; not a subscriber). */
  constructor(initial: T, owner?: Listener<T>) {
    this.#value = Object.freeze(initial);
    this.#owner = owner;
  }

  get(): T {
    return this.#value;
  }

  /** Publishes a new snapshot made from the current one; unchanged identity publishes nothing. */
  update(fn: (current: T) => T): void {
    this.set(fn(this.#value));
  }

  set(next: T): void {
    if (Object.is(next, this.#value)) return;
    this.#value = Object.freeze(next);
    this.#owner?.(this.#value);
    for (const l of [...this.#listeners]) l(this.#value);
  }

  subscribe(listener: Listener<T>): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  /** Number of subscribers (for leak tests). */
  get listenerCount(): number {
    return this.#listeners.size;
  }
}
