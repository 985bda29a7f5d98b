import type { ReactiveController } from 'lit';
import type { ConferenceState } from '../../services/types.js';
import type { PexCall } from './call.js';

/**
 * How long a removed `<pex-call>` waits before leaving the meeting: a host page that moves the element
 * (removes and re-inserts it) keeps the call; one that removes it (route change, unmount) leaves.
 */
export const REMOVAL_GRACE_MS = 1000;

/**
 * `<pex-call>` on a page that changes under it. While connected it follows its call's conference
 * state. Removed (a route change, a framework unmount) it leaves the meeting after
 * `REMOVAL_GRACE_MS`, closing camera and microphone; moved (removed and re-inserted within that time)
 * it keeps the call. The tab closing or navigating away (`pagehide`) releases the token at once.
 */
export class CallLifetime implements ReactiveController {
  readonly #el: PexCall;
  readonly #onConference: (c: ConferenceState) => void;
  /** Closes what the element opened itself before the call goes (the device check). */
  readonly #beforeLeaving: () => void;
  #unsubscribe: (() => void) | undefined;
  #removalTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(el: PexCall, onConference: (c: ConferenceState) => void, beforeLeaving: () => void) {
    this.#el = el;
    this.#onConference = onConference;
    this.#beforeLeaving = beforeLeaving;
    el.addController(this);
  }

  hostConnected(): void {
    // Back within the grace period: the element was moved, and the call goes on.
    clearTimeout(this.#removalTimer);
    this.#removalTimer = undefined;
    this.#unsubscribe ??= this.#el.service.conference.subscribe(this.#onConference);
    window.addEventListener('pagehide', this.#onPageHide);
  }

  hostDisconnected(): void {
    window.removeEventListener('pagehide', this.#onPageHide);
    // Removed (a route change, a framework unmount) or only moved? Moving puts the element back at
    // once; removal leaves the meeting and closes camera and microphone after the grace period.
    clearTimeout(this.#removalTimer);
    this.#removalTimer = setTimeout(() => void this.#removed(), REMOVAL_GRACE_MS);
  }

  async #removed(): Promise<void> {
    this.#removalTimer = undefined;
    const el = this.#el;
    if (el.isConnected) return;
    this.#beforeLeaving();
    try {
      await el.service.leave({ force: true });
    } finally {
      // pex-leave has gone out (the element is detached: listeners on it still hear it).
      if (!el.isConnected) {
        this.#unsubscribe?.();
        this.#unsubscribe = undefined;
      }
    }
  }

  /** The tab closes or navigates away: the others see us leave now, not when the token expires. */
  readonly #onPageHide = (): void => {
    this.#beforeLeaving();
    this.#el.service.abandon();
  };
}
