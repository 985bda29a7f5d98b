import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { ReadonlyStore } from '../services/store.js';

/**
 * Subscribes its host to one store while connected; the host re-renders when that slice changes and
 * only then. The store can be swapped (e.g. when the call the host follows changes).
 */
export class StoreController<T> implements ReactiveController {
  #store: ReadonlyStore<T> | undefined;
  #unsubscribe: (() => void) | undefined;
  #connected = false;

  constructor(
    private readonly host: ReactiveControllerHost,
    store?: ReadonlyStore<T>,
  ) {
    this.#store = store;
    host.addController(this);
  }

  /** The current snapshot, or undefined without a store. */
  get value(): T | undefined {
    return this.#store?.get();
  }

  set store(store: ReadonlyStore<T> | undefined) {
    if (store === this.#store) return;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#store = store;
    if (this.#connected) this.#subscribe();
    this.host.requestUpdate();
  }

  hostConnected(): void {
    this.#connected = true;
    this.#subscribe();
  }

  hostDisconnected(): void {
    this.#connected = false;
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }

  #subscribe(): void {
    if (this.#store && !this.#unsubscribe) {
      this.#unsubscribe = this.#store.subscribe(() => this.host.requestUpdate());
    }
  }
}
