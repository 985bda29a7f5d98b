/**
 * Moderation: the Host's commands on the conference and on participants (lock, mute, admit, kick,
 * roles, transfer, dial-out) and DTMF. It owns no store: what the commands change comes back from
 * the node as roster and conference updates.
 */
import { PexDisconnectRequestEvent } from '../events/participant-events.js';
import type { CallContext } from './call-context.js';
import { CallError } from './errors.js';
import type { DialRequest } from './transport.js';
import type { Role } from './types.js';

export class Moderation {
  readonly #ctx: CallContext;

  constructor(ctx: CallContext) {
    this.#ctx = ctx;
  }

  async lock(locked: boolean): Promise<void> {
    return this.#ctx.requireHost().lock(locked);
  }
  async muteGuests(muted: boolean): Promise<void> {
    return this.#ctx.requireHost().muteGuests(muted);
  }
  async startConference(): Promise<void> {
    return this.#ctx.requireHost().startConference();
  }
  async disconnectAll(): Promise<void> {
    return this.#ctx.requireHost().disconnectAll();
  }
  async dial(request: DialRequest): Promise<void> {
    if (!request.destination.trim()) throw new CallError('invalid-input', 'address');
    return this.#ctx.requireHost().dial({ ...request, destination: request.destination.trim() });
  }
  async admit(uuid: string): Promise<void> {
    return this.#ctx.requireHost().admit(uuid);
  }
  /** Turns away a participant waiting at a locked conference. */
  async reject(uuid: string): Promise<void> {
    return this.#ctx.requireHost().kick(uuid);
  }
  /** Disconnects a participant, after a cancelable `pex-disconnect-request`; `false` when vetoed. */
  async kick(uuid: string): Promise<boolean> {
    const t = this.#ctx.requireHost();
    const p = this.#ctx.stores.participants.get().list.find((x) => x.uuid === uuid);
    if (p && !this.#ctx.events.raise(new PexDisconnectRequestEvent(p))) return false;
    await t.kick(uuid);
    return true;
  }
  async muteParticipant(uuid: string, muted: boolean): Promise<void> {
    return this.#ctx.requireHost().muteParticipant(uuid, muted);
  }
  async setRole(uuid: string, role: Role): Promise<void> {
    if (uuid === this.#ctx.stores.participants.get().meUuid && role === 'guest') {
      throw new CallError('not-allowed', 'own role');
    }
    return this.#ctx.requireHost().setRole(uuid, role);
  }
  async transfer(uuid: string, alias: string, role: Role, pin = ''): Promise<void> {
    return this.#ctx.requireHost().transfer(uuid, alias.trim(), role, pin.trim());
  }
  async setRxPresentation(uuid: string, allow: boolean): Promise<void> {
    return this.#ctx.requireHost().setRxPresentation(uuid, allow);
  }

  /** DTMF into the call (own) or, for Hosts, toward a dialled participant. */
  async sendDtmf(digits: string, uuid?: string): Promise<void> {
    if (!/^[0-9*#A-D]{1,32}$/.test(digits)) throw new CallError('invalid-input', digits);
    return (uuid ? this.#ctx.requireHost() : this.#ctx.requireCall()).sendDtmf(digits, uuid);
  }
}
