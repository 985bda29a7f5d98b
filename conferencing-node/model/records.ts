/** What a conference keeps for tests to read back: DTMF, chat and departures (oldest first). */

/** One DTMF request the node accepted, kept per conference so tests can tell the two paths apart. */
export interface DtmfRecord {
  /**
   * `call`: into the sender's own media call (`participants/<own>/calls/<call>/dtmf`, what a gateway
   * or IVR hears); `participant`: toward a participant (`participants/<uuid>/dtmf`).
   */
  kind: 'call' | 'participant';
  /** Sender's uuid and display name. */
  from: string;
  fromName: string;
  /** Addressed participant's uuid and display name (the sender itself for `call`). */
  to: string;
  toName: string;
  /** The media call the digits went into (`call` only). */
  callUuid?: string;
  digits: string;
}

/** DTMF records kept per conference (oldest dropped first). */
export const MAX_DTMF_RECORDS = 200;

/** One chat message the node accepted, kept per conference so tests can tell which endpoint it used. */
export interface ChatRecord {
  /**
   * `conference`: to everyone (`conferences/<alias>/message`); `participant`: privately to one
   * participant (`participants/<uuid>/message`).
   */
  kind: 'conference' | 'participant';
  /** Sender's uuid and display name. */
  from: string;
  fromName: string;
  /** The addressed participant's uuid and display name (`participant` only). */
  to?: string;
  toName?: string;
  payload: string;
}

/** How a participant left, kept per conference so tests can tell a release from an expiry. */
export interface DepartureRecord {
  displayName: string;
  /** The reason sent to the participant (`Timer expired awaiting token refresh`, a kick…), or `released`. */
  reason: string;
}

/** Chat records kept per conference (oldest dropped first). */
export const MAX_CHAT_RECORDS = 200;
