/** One conference (a Virtual Meeting Room): its participants, status, floor and the events they imply. */
import type { RoomConfig } from '../config.js';
import { Reasons } from '../errors.js';
import { type EventStream, serialise } from '../event-stream.js';
import type { NodeState } from './node-state.js';
import type { Participant } from './participant.js';
import {
  type ChatRecord,
  type DepartureRecord,
  type DtmfRecord,
  MAX_CHAT_RECORDS,
  MAX_DTMF_RECORDS,
} from './records.js';

export class Conference {
  readonly participants = new Map<string, Participant>();
  locked = false;
  guestsMuted = false;
  explicitlyStarted = false;
  presenterUuid: string | undefined;
  /** DTMF sent in this conference, oldest first (see {@link NodeState.dtmfLog}). */
  readonly dtmf: DtmfRecord[] = [];
  /** Chat messages sent in this conference, oldest first (see {@link NodeState.chatLog}). */
  readonly chat: ChatRecord[] = [];
  /** Who left and why, oldest first (see {@link NodeState.departureLog}). */
  readonly departures: DepartureRecord[] = [];
  #lastStatus = '';
  /** `started` when the host-wait timers were last settled for everyone. */
  #settledStarted: boolean | undefined;
  /** Participants of kind `client` (the conference ends with its last one). */
  #clients = 0;

  constructor(
    readonly config: RoomConfig,
    readonly node: NodeState,
  ) {}

  get alias(): string {
    return this.config.alias;
  }

  /** Records DTMF from `from` toward `to` (the participant itself, or into its call with `callUuid`). */
  recordDtmf(from: Participant, to: Participant, digits: string, callUuid?: string): void {
    this.dtmf.push({
      kind: callUuid === undefined ? 'participant' : 'call',
      from: from.uuid,
      fromName: from.displayName,
      to: to.uuid,
      toName: to.displayName,
      ...(callUuid === undefined ? {} : { callUuid }),
      digits,
    });
    if (this.dtmf.length > MAX_DTMF_RECORDS) this.dtmf.splice(0, this.dtmf.length - MAX_DTMF_RECORDS);
  }

  /** Records a chat message from `from`, to everyone or (`to`) privately to one participant. */
  recordChat(from: Participant, payload: string, to?: Participant): void {
    this.chat.push({
      kind: to === undefined ? 'conference' : 'participant',
      from: from.uuid,
      fromName: from.displayName,
      ...(to === undefined ? {} : { to: to.uuid, toName: to.displayName }),
      payload,
    });
    if (this.chat.length > MAX_CHAT_RECORDS) this.chat.splice(0, this.chat.length - MAX_CHAT_RECORDS);
  }

  /** Guests exist only in rooms with a host PIN; such a "hosted" room waits for a Host. */
  get hosted(): boolean {
    return this.config.hostPin !== undefined;
  }

  get started(): boolean {
    if (!this.hosted || this.explicitlyStarted) return true;
    for (const p of this.participants.values()) {
      if (p.isHost && p.admitted && p.hasMedia) return true;
    }
    return false;
  }

  get hasAdmittedHost(): boolean {
    for (const p of this.participants.values()) if (p.isHost && p.admitted) return true;
    return false;
  }

  statusJSON(started = this.started): Record<string, unknown> {
    return {
      locked: this.locked,
      guests_muted: this.guestsMuted,
      started,
      all_muted: false,
      presentation_allowed: true,
      direct_media: false,
      live_captions_available: false,
      breakout_rooms: false,
      guests_can_unmute: false,
      guests_can_present: this.config.guestsCanPresent,
      classification: { levels: {}, current: null },
    };
  }

  /**
   * Sends an event to every admitted participant (optionally except one). The data is serialised
   * once, whatever the size of the room.
   */
  broadcast(event: string, data: unknown, except?: Participant): void {
    let json: string | undefined;
    for (const p of this.participants.values()) {
      if (p !== except && p.admitted && p.streams.size > 0) p.sendText(event, (json ??= serialise(data)));
    }
  }

  /** Tells everyone who may see it that `p` changed: admitted participants and `p` itself. */
  publish(p: Participant): void {
    const json = p.jsonText();
    for (const other of this.participants.values()) {
      if (other.admitted || other === p) other.sendText('participant_update', json);
    }
    this.node.media?.participantChanged(p);
    this.#statusChanged(p);
  }

  /** Sends `conference_update` when the status really changed, and settles every host-wait timer. */
  statusChanged(): void {
    this.#statusChanged('all');
  }

  /**
   * Sends `conference_update` when the status really changed; settles the host-wait timers of
   * everyone when `started` changed (or with `all`), else only of the participant that changed —
   * so that a join or a departure costs O(1) here, not a pass over the room.
   */
  #statusChanged(changed: Participant | 'all' | 'none'): void {
    const started = this.started;
    const status = this.statusJSON(started);
    const text = serialise(status);
    if (text !== this.#lastStatus) {
      this.#lastStatus = text;
      for (const p of this.participants.values()) p.sendText('conference_update', text);
    }
    if (changed === 'all' || started !== this.#settledStarted) {
      this.#settledStarted = started;
      for (const p of this.participants.values()) this.#settleWait(p, started);
    } else if (changed !== 'none') {
      this.#settleWait(changed, started);
    }
  }

  /** Starts or stops `p`'s host-wait timer (waiting room, or a Guest before the conference started). */
  #settleWait(p: Participant, started: boolean): void {
    const mustWait = p.serviceType === 'waiting_room' || (!started && !p.isHost && p.kind === 'client');
    if (mustWait && !p.waitTimer) {
      p.waitTimer = this.node.clock.setTimeout(
        () => this.remove(p, Reasons.hostWaitTimeout),
        this.node.config.hostWaitSeconds * 1000,
      );
    } else if (!mustWait && p.waitTimer) {
      this.node.clock.clearTimer(p.waitTimer);
      p.waitTimer = undefined;
    }
  }

  /**
   * Full roster sync for one stream (or every stream of a participant): each participant is
   * serialised once, however many streams get the sync.
   */
  sync(p: Participant, stream?: EventStream): void {
    const targets = stream ? [stream] : [...p.streams];
    if (targets.length === 0) return;
    const creates: string[] = [];
    if (p.admitted) for (const other of this.participants.values()) creates.push(other.jsonText());
    else creates.push(p.jsonText());
    const nothing = serialise(null);
    const status = serialise(this.statusJSON());
    const presenter = this.presenterUuid ? this.participants.get(this.presenterUuid) : undefined;
    const presenting =
      presenter && presenter !== p && p.admitted ? serialise(presentationStart(presenter)) : undefined;
    for (const s of targets) {
      s.sendText('participant_sync_begin', nothing);
      for (const json of creates) s.sendText('participant_create', json);
      s.sendText('participant_sync_end', nothing);
      s.sendText('conference_update', status);
      if (presenting !== undefined) s.sendText('presentation_start', presenting);
    }
  }

  add(p: Participant): void {
    this.participants.set(p.uuid, p);
    if (p.kind === 'client') this.#clients++;
    let json: string | undefined;
    for (const other of this.participants.values()) {
      if (other !== p && other.admitted && other.streams.size > 0) {
        other.sendText('participant_create', (json ??= p.jsonText()));
      }
    }
    this.#statusChanged(p);
  }

  admit(p: Participant): void {
    if (p.admitted) return;
    p.serviceType = 'conference';
    if (this.guestsMuted && !p.isHost) p.isMuted = true;
    const json = p.jsonText();
    for (const other of this.participants.values()) {
      if (other !== p && other.admitted) other.sendText('participant_update', json);
    }
    // The newcomer saw only itself while waiting: give it the whole roster now, then its own
    // update (the SDK emits onServiceType/onMe for self only on participant_update).
    this.sync(p);
    p.sendText('participant_update', json);
    this.#statusChanged(p);
  }

  /** Removes a participant; with a reason, it is told why (`disconnect` event) first. */
  remove(p: Participant, reason?: string): void {
    if (!this.participants.has(p.uuid)) return;
    this.participants.delete(p.uuid);
    if (p.kind === 'client') this.#clients--;
    this.departures.push({ displayName: p.displayName, reason: reason ?? 'released' });
    if (this.departures.length > MAX_CHAT_RECORDS) this.departures.shift();
    const clock = this.node.clock;
    clock.clearTimer(p.expiryTimer);
    clock.clearTimer(p.waitTimer);
    clock.clearTimer(p.dialTimer);
    this.node.forgetTokens(p);
    if (reason) p.send('disconnect', { reason });
    for (const s of p.streams) s.close();
    p.streams.clear();
    if (this.presenterUuid === p.uuid) {
      this.presenterUuid = undefined;
      this.broadcast('presentation_stop', {});
    }
    this.node.media?.participantLeft(p);
    this.broadcast('participant_delete', { uuid: p.uuid });
    if (p.kind === 'client' && this.#clients === 0) {
      // Dialled-out endpoints do not keep a conference alive on their own (nor does a failed call
      // still shown in the roster): the conference ends with its last client.
      for (const o of [...this.participants.values()]) this.remove(o);
    }
    if (this.participants.size === 0) {
      // The conference ends with its last participant; the next one starts a fresh one.
      this.locked = false;
      this.guestsMuted = false;
      this.explicitlyStarted = false;
      this.dtmf.length = 0;
      this.chat.length = 0;
      this.#lastStatus = '';
      this.#settledStarted = undefined;
      return;
    }
    if (this.hosted && p.isHost && p.admitted && !this.hasAdmittedHost) {
      // Every Guest goes, dialled-out ones included (they would keep a host-less conference alive).
      const guests = [...this.participants.values()].filter((g) => !g.isHost);
      if (guests.length > 0 && this.wasStartedBy(p)) {
        for (const g of guests) this.remove(g, Reasons.hostsDeparted);
        return;
      }
    }
    this.#statusChanged('none');
  }

  /** Ends the conference for everyone; Guests go first so that they hear `reason`, not "hosts departed". */
  end(reason: string): void {
    const all = [...this.participants.values()].sort((a, b) => Number(a.isHost) - Number(b.isHost));
    for (const p of all) this.remove(p, reason);
  }

  /** A departing Host ends a hosted conference for Guests once it had started. */
  private wasStartedBy(p: Participant): boolean {
    return this.explicitlyStarted || p.hasMedia;
  }

  takeFloor(p: Participant): void {
    const previous = this.presenterUuid ? this.participants.get(this.presenterUuid) : undefined;
    if (previous === p) return;
    this.presenterUuid = p.uuid;
    // Everyone but the new presenter hears of it, the previous presenter included (floor stealing).
    this.broadcast('presentation_start', presentationStart(p), p);
    if (previous) this.publish(previous);
    this.publish(p);
    this.node.media?.floorChanged(this);
  }

  releaseFloor(p: Participant): void {
    if (this.presenterUuid !== p.uuid) return;
    this.presenterUuid = undefined;
    this.broadcast('presentation_stop', {}, p);
    this.publish(p);
    this.node.media?.floorChanged(this);
  }

  count(): number {
    return this.participants.size;
  }
}

function presentationStart(p: Participant): Record<string, string> {
  return { presenter_name: p.displayName, presenter_uri: p.uri, presenter_uuid: p.uuid };
}
