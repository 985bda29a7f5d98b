/** The whole node: its rooms, the tokens it minted, its abuse limiters and its clock. */
import { randomBytes } from 'node:crypto';
import { type Clock, systemClock } from '../clock.js';
import type { CallTypeCap, NodeConfig, ServiceConfig } from '../config.js';
import { Reasons } from '../errors.js';
import { PinLimiter, RateLimiter } from '../limits.js';
import type { MediaHooks } from '../media/hooks.js';
import { Conference } from './conference.js';
import type { Participant, Role } from './participant.js';
import type { ChatRecord, DepartureRecord, DtmfRecord } from './records.js';

/** URL-safe opaque token (base64url, so it survives being put into a URL unencoded). */
export const mintToken = (): string => randomBytes(24).toString('base64url');

interface TokenEntry {
  participant: Participant;
  expiresAt: number;
}

interface OneTimeToken {
  conference: Conference;
  role: Role;
  expiresAt: number;
}

/** The whole node: its rooms, the tokens it minted and its abuse limiters. */
export class NodeState {
  readonly conferences = new Map<string, Conference>();
  readonly #tokens = new Map<string, TokenEntry>();
  readonly #oneTime = new Map<string, OneTimeToken>();
  /** Wrong PINs per source address and target conference, shared by every path that checks a PIN. */
  readonly pins: PinLimiter;
  /** Request rate per participant (every token it was given) and per source address. */
  readonly tokenRates: RateLimiter;
  readonly addressRates: RateLimiter;
  clientsEnabled: boolean;
  /** The media engine (calls, forwarding, stills), attached by server.ts. */
  media: MediaHooks | undefined;

  constructor(
    readonly config: NodeConfig,
    /** Time and timers of the whole node (tests inject a ManualClock to skip ahead instead of sleeping). */
    readonly clock: Clock = systemClock,
  ) {
    const now = (): number => clock.now();
    const c = config;
    this.pins = new PinLimiter(
      () => c.pinRetries,
      () => c.pinRetryWindowSeconds * 1000,
      now,
    );
    this.tokenRates = new RateLimiter(
      () => c.requestsPerSecondPerToken,
      () => c.requestBurstPerToken,
      now,
    );
    this.addressRates = new RateLimiter(
      () => c.requestsPerSecondPerAddress,
      () => c.requestBurstPerAddress,
      now,
    );
    this.clientsEnabled = config.clientsEnabled;
    for (const s of config.services) {
      if (s.type === 'room') this.conferences.set(s.alias, new Conference(s, this));
    }
  }

  /** Milliseconds since the epoch, by the node's clock. */
  now(): number {
    return this.clock.now();
  }

  get tokenLifetimeMs(): number {
    return this.config.tokenExpiresSeconds * 1000;
  }

  /** Finds a service by alias: case-insensitive, with or without `@domain`, `sip:` tolerated. */
  findService(raw: string): ServiceConfig | undefined {
    let a = raw.trim().toLowerCase();
    if (a.startsWith('sip:')) a = a.slice(4);
    const suffix = `@${this.config.domain}`;
    if (a.endsWith(suffix)) a = a.slice(0, -suffix.length);
    return this.config.services.find((s) => s.alias === a);
  }

  conferenceFor(alias: string): Conference | undefined {
    const s = this.findService(alias);
    return s?.type === 'room' ? this.conferences.get(s.alias) : undefined;
  }

  issueToken(p: Participant): { token: string; expires: string } {
    const token = mintToken();
    const now = this.now();
    const expiresAt = now + this.tokenLifetimeMs;
    // Tokens this participant was given earlier and that have expired (refreshed ones after their
    // grace) are dropped here, so a long call does not pile them up.
    for (const old of p.tokens) {
      const entry = this.#tokens.get(old);
      if (!entry || entry.expiresAt <= now) {
        this.#tokens.delete(old);
        p.tokens.delete(old);
      }
    }
    this.#tokens.set(token, { participant: p, expiresAt });
    p.tokens.add(token);
    p.expiresAt = expiresAt;
    this.clock.clearTimer(p.expiryTimer);
    p.expiryTimer = this.clock.setTimeout(() => {
      if (this.now() >= p.expiresAt) p.conference.remove(p, Reasons.tokenExpired);
    }, this.tokenLifetimeMs + 50);
    return { token, expires: String(this.config.tokenExpiresSeconds) };
  }

  /** The participant a still-valid token belongs to. */
  participantFor(token: string | undefined): Participant | undefined {
    if (!token) return undefined;
    const entry = this.#tokens.get(token);
    if (!entry) return undefined;
    if (this.now() >= entry.expiresAt) {
      this.#tokens.delete(token);
      entry.participant.tokens.delete(token);
      return undefined;
    }
    return entry.participant;
  }

  /**
   * A token was refreshed: it keeps working for `refreshGraceSeconds` (requests already in flight
   * carry it), then it is refused like an invalid token.
   */
  retireToken(token: string): void {
    const entry = this.#tokens.get(token);
    if (!entry) return;
    entry.expiresAt = Math.min(entry.expiresAt, this.now() + this.config.refreshGraceSeconds * 1000);
  }

  /** At most this many participants in a room: its own `maxParticipants`, else the node default. */
  maxParticipantsOf(c: Conference): number {
    return c.config.maxParticipants ?? this.config.maxParticipants;
  }

  /** Forgets every token of `p` (it left): O(its own tokens), not a pass over the node's. */
  forgetTokens(p: Participant): void {
    for (const t of p.tokens) this.#tokens.delete(t);
    p.tokens.clear();
  }

  issueOneTimeToken(conference: Conference, role: Role): string {
    const now = this.now();
    for (const [t, e] of this.#oneTime) if (e.expiresAt <= now) this.#oneTime.delete(t);
    const token = mintToken();
    this.#oneTime.set(token, { conference, role, expiresAt: now + 60_000 });
    return token;
  }

  redeemOneTimeToken(token: string, conference: Conference | undefined): OneTimeToken | undefined {
    const entry = this.#oneTime.get(token);
    if (entry && entry.conference !== conference) return undefined;
    this.#oneTime.delete(token);
    return entry && entry.expiresAt > this.now() ? entry : undefined;
  }

  /**
   * With `failed`, counts a wrong PIN; true once the address has used up its retries for this
   * conference (see {@link NodeState.pins}, which every PIN-checking path shares).
   */
  pinLockedOut(address: string, alias: string, failed: boolean): boolean {
    return failed ? this.pins.fail(address, alias) : this.pins.lockedOut(address, alias);
  }

  /**
   * Test-only accessor (node tests, and browser tests through the wtr plugin's
   * `/__local-node__/dtmf?conference=<alias>`): the DTMF the conference received, oldest first.
   */
  dtmfLog(alias: string): DtmfRecord[] {
    return [...(this.conferenceFor(alias)?.dtmf ?? [])];
  }

  /**
   * Test-only accessor (node tests, and browser tests through the wtr plugin's
   * `/__local-node__/chat?conference=<alias>`): the chat messages the conference accepted, oldest first.
   */
  chatLog(alias: string): ChatRecord[] {
    return [...(this.conferenceFor(alias)?.chat ?? [])];
  }

  /**
   * Test-only accessor (browser tests through `/__local-node__/departures?conference=<alias>`): who
   * left the conference and why (`released` for a released token), oldest first.
   */
  departureLog(alias: string): DepartureRecord[] {
    return [...(this.conferenceFor(alias)?.departures ?? [])];
  }

  effectiveCallType(c: Conference): CallTypeCap {
    return c.config.callType;
  }

  /**
   * Test-only (browser tests through the wtr plugin's `/__local-node__/fault?mode=restart`): a crash
   * and restart as far as one conference's clients can tell. Its participants, their tokens and
   * their event streams are forgotten without a word (no `disconnect` event), so their old tokens
   * are refused (403 `Invalid token`) from now on; the other conferences are left alone.
   */
  crashConference(alias: string): number {
    const c = this.conferenceFor(alias);
    if (!c) return 0;
    const all = [...c.participants.values()];
    // Streams first: nobody hears of the departures that follow.
    for (const p of all) {
      for (const s of p.streams) s.close();
      p.streams.clear();
    }
    for (const p of all) c.remove(p);
    return all.length;
  }

  /** Ends every conference (node shutdown): each participant is told, streams closed, timers cleared. */
  shutdown(): void {
    for (const c of this.conferences.values()) c.end(Reasons.shutdown);
    this.#tokens.clear();
    this.#oneTime.clear();
    this.pins.clear();
    this.tokenRates.clear();
    this.addressRates.clear();
  }
}
