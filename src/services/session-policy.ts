/**
 * The page's security policy, as the session sees it: a network failure the page's policy caused
 * (a `connect-src` that leaves the node out) is reported as that, also when the browser reports
 * the refusal just after the failure.
 */
import { connectionBlock, onConnectionBlocked, watchCsp, type CspBlock } from './csp.js';
import { CallError } from './errors.js';
import type { Store } from './store.js';
import type { ConferenceState } from './types.js';

/** How long after a network failure a refusal by the page's policy may still be reported. */
const CSP_LATE_MS = 10_000;

export class PagePolicyWatch {
  readonly #conference: Store<ConferenceState>;
  /** The node's origin (the page's own unless `node` names one). */
  readonly #nodeUrl: () => string;
  #stop: (() => void) | undefined;
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(conference: Store<ConferenceState>, nodeUrl: () => string) {
    this.#conference = conference;
    this.#nodeUrl = nodeUrl;
    // Before the first request to the node: a refusal by the page's security policy is reported as such.
    watchCsp();
  }

  /** A join starts: refusals from now on are this call's. */
  start(): void {
    this.#stop?.();
    clearTimeout(this.#timer);
    this.#stop = onConnectionBlocked((block) => this.#blocked(block));
  }

  /**
   * The call is over: the watch (a module-level listener, which would keep this service and its
   * call reachable after the element is gone) stops now, or after a short while when the call
   * failed on the network (the page's refusal may be reported just after that failure).
   */
  settle(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const stop = (): void => {
      this.#stop?.();
      this.#stop = undefined;
    };
    if (this.#conference.get().error?.code === 'network') this.#timer = setTimeout(stop, CSP_LATE_MS);
    else stop();
  }

  /** A network failure the page's security policy caused is reported as that. */
  explain(error: CallError): CallError {
    if (error.code !== 'network') return error;
    const block = connectionBlock(this.#nodeUrl());
    return block ? new CallError('csp-blocked', block.directive) : error;
  }

  /** A refusal reported just after the failure it caused: the shown error becomes the real one. */
  #blocked(block: CspBlock): void {
    const c = this.#conference.get();
    if (c.phase !== 'ended' || c.error?.code !== 'network') return;
    if (block.origin !== connectionBlock(this.#nodeUrl())?.origin) return;
    this.#conference.update((s) => ({ ...s, error: new CallError('csp-blocked', block.directive) }));
  }
}
