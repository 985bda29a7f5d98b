/**
 * The call's domain events, raised once per call on the host element (`<pex-call>`), whichever
 * elements are mounted and whichever button or command started it. It watches the call's stores
 * (state changes, joining, leaving, presenting, participants waiting) and raises the cancelable
 * requests the commands ask before acting. The typed event classes are in `src/events/`.
 *
 * Loaded with the call's engine (nothing before the first join changes what these events tell); the
 * host element and `pex-error` (which an element may report before any call) stay with the service.
 */
import { PexJoinEvent, PexLeaveEvent, PexStateChangeEvent } from '../events/call-events.js';
import { PexParticipantWaitingEvent } from '../events/participant-events.js';
import { PexPresentEvent, type PexPresentSource } from '../events/presentation-events.js';
import { hasHostControls } from './call-state.js';
import type { CallError } from './errors.js';
import type { ReadonlyStore } from './store.js';
import type { CallPhase, ConferenceState, ParticipantsState, PresentationState } from './types.js';

/** What the events are made from: the call's stores. */
export interface EventSources {
  readonly conference: ReadonlyStore<ConferenceState>;
  readonly participants: ReadonlyStore<ParticipantsState>;
  readonly presentation: ReadonlyStore<PresentationState>;
}

/** Where the events go: the service's host element (`raise`) and its once-per-error `pex-error`. */
export interface EventOutlet {
  /** Raises `event` on the host; `false` when it was cancelable and a listener cancelled it. */
  raise(event: Event): boolean;
  /** Raises `pex-error` for `error`, once however many parts of the page report it. */
  report(error: CallError): void;
}

export class DomainEvents {
  readonly #sources: EventSources;
  readonly #out: EventOutlet;
  #phase: CallPhase = 'idle';
  #presenting = false;
  #presentSource: PexPresentSource | undefined;
  #presentQueued = false;
  readonly #announced = new Set<string>();

  /** The stores are read when they change: their owner calls the `…Changed` hooks (no subscription). */
  constructor(sources: EventSources, out: EventOutlet) {
    this.#sources = sources;
    this.#out = out;
  }

  /**
   * Stores settle within one task (our presentation ends before the phase becomes `ended`): the
   * presentation event reads both once they have.
   */
  presentationChanged(): void {
    if (this.#presentQueued) return;
    this.#presentQueued = true;
    queueMicrotask(() => {
      this.#presentQueued = false;
      this.#onPresentation();
    });
  }

  readonly conferenceChanged = (c: ConferenceState): void => this.#onConference(c);
  readonly participantsChanged = (p: ParticipantsState): void => this.#onParticipants(p);

  /** Raises `event` on the host; `false` when it was cancelable and a listener cancelled it. */
  raise(event: Event): boolean {
    return this.#out.raise(event);
  }

  /** Raises `pex-error` for `error`, once however many parts of the page report it. */
  report(error: CallError): void {
    this.#out.report(error);
  }

  #onConference(c: ConferenceState): void {
    const previous = this.#phase;
    if (c.phase === previous) return;
    this.#phase = c.phase;
    this.raise(new PexStateChangeEvent(c.phase, previous));
    if (c.phase === 'in-call') this.raise(new PexJoinEvent(c.alias, c.conferenceName));
    if (c.phase === 'ended') {
      this.raise(new PexLeaveEvent(c.error));
      if (c.error) this.report(c.error);
    }
  }

  #onPresentation(): void {
    const p = this.#sources.presentation.get();
    // Our own presentation is on once the node took it (the service then sets what it is).
    const presenting = p.sending && p.source !== undefined;
    if (presenting === this.#presenting) return;
    this.#presenting = presenting;
    if (presenting) {
      this.#presentSource = p.source;
      this.raise(new PexPresentEvent(true, p.source));
      return;
    }
    const was = this.#presentSource;
    this.#presentSource = undefined;
    const phase = this.#sources.conference.get().phase;
    const reason = p.takenOver ? 'taken-over' : phase !== 'in-call' ? 'ended' : 'stopped';
    this.raise(new PexPresentEvent(false, was, reason));
  }

  /** Someone new waits at the locked conference: Hosts are told once per arrival. */
  #onParticipants({ list }: ParticipantsState): void {
    const waiting = list.filter((p) => p.isWaiting);
    const ids = new Set(waiting.map((p) => p.uuid));
    for (const id of this.#announced) if (!ids.has(id)) this.#announced.delete(id);
    if (!hasHostControls(this.#sources.conference.get())) return;
    for (const p of waiting) {
      if (this.#announced.has(p.uuid)) continue;
      this.#announced.add(p.uuid);
      this.raise(new PexParticipantWaitingEvent(p));
    }
  }
}
