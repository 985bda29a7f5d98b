/**
 * What the slices of one call share (see call-engine.ts): the stores, the domain events, and the
 * transport once the session made it. Each slice writes only its own store; facts another slice
 * owns are read from that slice's store or changed through its methods.
 */
import type { CallStores } from './call-service.js';
import { hasHostControls } from './call-state.js';
import type { DomainEvents } from './domain-events.js';
import { CallError } from './errors.js';
import type { Transport } from './transport.js';

export class CallContext {
  /** Made by the session on the first join; kept for the service's life. */
  transport: Transport | undefined;

  constructor(
    readonly stores: CallStores,
    readonly events: DomainEvents,
  ) {}

  /** Host controls apply: the node made us Host and the link did not withhold them. */
  get isHost(): boolean {
    return hasHostControls(this.stores.conference.get());
  }

  /** The transport of a call we are in (past connecting); otherwise `no-call`. */
  requireCall(): Transport {
    const phase = this.stores.conference.get().phase;
    const t = this.transport;
    if (!t || phase === 'idle' || phase === 'ended' || phase === 'connecting') {
      throw new CallError('no-call');
    }
    return t;
  }

  /** The transport, for a Host command; otherwise `no-call` or `not-allowed`. */
  requireHost(): Transport {
    const t = this.requireCall();
    if (!this.isHost) throw new CallError('not-allowed');
    return t;
  }
}
