/**
 * The engine of a call: the slices that do the work, each owning one store and one concern —
 * session (join, PIN, extension, transfer, phase: session.ts), local media (media/local-media.ts),
 * presentation (presentation.ts), chat (chat.ts), moderation (moderation.ts) and the roster
 * (participants.ts) — and the one transport sink that routes what the node says to them.
 * `CallService` (call-service.ts, the one facade elements get) loads it with `import()` when the
 * person first joins, so a page before joining downloads only the service's stores. It knows no wire
 * protocol: that is the transport's job (`infinity/adapter.ts` by default).
 */
import { CallContext } from './call-context.js';
import type { CallStores, JoinOptions } from './call-service.js';
import { ChatSlice } from './chat.js';
import type { DomainEvents } from './domain-events.js';
import { LocalMedia } from './media/local-media.js';
import { Moderation } from './moderation.js';
import { Roster } from './participants.js';
import { PresentationSlice } from './presentation.js';
import { Session } from './session.js';
import type { TransportFactory, TransportSink } from './transport.js';
import type { MediaMode, StreamStats } from './types.js';

/** Created by `CallService` on the first join; one per service. */
export class CallEngine {
  readonly session: Session;
  readonly media: LocalMedia;
  readonly presentation: PresentationSlice;
  readonly chat: ChatSlice;
  readonly moderation: Moderation;
  readonly roster: Roster;
  readonly #ctx: CallContext;

  constructor(stores: CallStores, factory: TransportFactory, events: DomainEvents) {
    const ctx = (this.#ctx = new CallContext(stores, events));
    this.media = new LocalMedia(ctx);
    this.presentation = new PresentationSlice(ctx);
    this.chat = new ChatSlice(ctx);
    this.moderation = new Moderation(ctx);
    this.roster = new Roster(stores.participants);
    this.session = new Session(ctx, this, factory);
  }

  get serverVersion(): string {
    return this.session.serverVersion;
  }

  join(options: JoinOptions): Promise<void> {
    return this.session.join(options, this.#sink);
  }

  rejoin(): Promise<void> {
    return this.session.rejoin(this.#sink);
  }

  /**
   * Switches media during the call: control-only → video or audio ("join with video"), with `given`
   * when the person already chose devices (taken over), otherwise the call's devices.
   */
  escalate(mode: MediaMode, given?: MediaStream): Promise<void> {
    return this.media.escalate(mode, given, {
      bandwidth: () => this.session.bandwidth,
      stopPresenting: () => this.presentation.stopPresenting(),
      mediaModeChanged: (m) => this.session.mediaModeChanged(m),
    });
  }

  stats(): Promise<StreamStats[]> {
    return this.#ctx.transport ? this.#ctx.transport.stats() : Promise.resolve([]);
  }

  /** What the transport reports, routed to the slice that owns it. */
  readonly #sink: TransportSink = {
    pinRequired: (prompt) => this.session.pinRequired(prompt),
    extensionRequired: () => this.session.extensionRequired(),
    joinFailed: (error) => this.session.joinFailed(error),
    joined: (info) => this.session.joined(info),
    serviceType: (waiting) => this.session.serviceType(waiting),
    participants: (list, meUuid) => {
      const views = this.roster.update(list, meUuid);
      const me = views.find((p) => p.isMe);
      if (me) this.session.roleChanged(me.role);
      this.presentation.rosterChanged(views);
    },
    conferenceStatus: (status) => this.session.conferenceStatus(status),
    message: (m) => this.chat.received(m),
    myselfMuted: (muted) => this.media.mutedByNode(muted),
    remoteStream: (stream) => this.media.remoteStream(stream),
    presentationStream: (stream) => this.presentation.streamReceived(stream),
    presenting: (sending) => this.presentation.sendingChanged(sending),
    presentationStill: (image) => this.presentation.stillReceived(image),
    transfer: ({ alias, token }) => void this.session.transferred(alias, token),
    disconnected: (error) => this.session.end(error),
    connection: ({ reconnecting, gap }) => {
      // Messages sent while signalling was down may never arrive: say so where they would be.
      if (this.session.connection(reconnecting) && gap) this.chat.markGap();
    },
  };
}

/** What `CallService` loads: makes the engine for its stores. */
export function createEngine(
  stores: CallStores,
  factory: TransportFactory,
  events: DomainEvents,
): CallEngine {
  return new CallEngine(stores, factory, events);
}
