/** What the conference model tells the media engine (kept apart so model.ts imports only a type). */
import type { Conference, Participant } from '../model.js';

export interface MediaHooks {
  /** A participant left the conference (any reason): end its call, re-route the others. */
  participantLeft(p: Participant): void;
  /** A participant's state changed (mute, video mute, rx presentation policy…): re-route. */
  participantChanged(p: Participant): void;
  /** The presentation floor moved (take, release). */
  floorChanged(conference: Conference): void;
  /** Ends every call, process and timer; resolves once all sockets are closed. */
  close(): Promise<void>;
}
