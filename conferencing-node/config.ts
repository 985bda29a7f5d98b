/**
 * Configuration of the local conferencing node: the Virtual Meeting Rooms it hosts and node-wide
 * switches, loaded from one JSON file (default `conferencing-node/vmrs.json`).
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export type CallTypeCap = 'video' | 'video-only' | 'audio';

/** A Virtual Meeting Room (VMR). */
export interface RoomConfig {
  type: 'room';
  alias: string;
  name: string;
  /** PIN that makes a participant a Host. No host PIN: everyone is a Host. */
  hostPin?: string;
  /** PIN that makes a participant a Guest. */
  guestPin?: string;
  /** With a host PIN and no guest PIN: may Guests join without a PIN? */
  allowGuests: boolean;
  chat: boolean;
  guestsCanPresent: boolean;
  /** At most this many participants (not counting those being dialled out). */
  maxParticipants?: number;
  callType: CallTypeCap;
}

/** A Virtual Reception: asks for an extension and routes to another VMR. */
export interface ReceptionConfig {
  type: 'reception';
  alias: string;
  name: string;
  extensions: Record<string, string>;
}

export type ServiceConfig = RoomConfig | ReceptionConfig;

export interface NodeConfig {
  domain: string;
  /** Node-wide switch: when false every Infinity Connect join is answered "Disabled". */
  clientsEnabled: boolean;
  tokenExpiresSeconds: number;
  /** Origins (scheme://host[:port]) allowed to call the API cross-origin. */
  allowedOrigins: string[];
  /**
   * Wrong PINs tolerated per source address and target conference within `pinRetryWindowSeconds`,
   * counted across every path that checks a PIN (join, Virtual Reception, transfer).
   */
  pinRetries: number;
  pinRetryWindowSeconds: number;
  /** After `refresh_token`, the previous token keeps working this long (requests in flight). */
  refreshGraceSeconds: number;
  /** Open event streams per participant; opening one more closes the oldest. */
  maxEventStreamsPerToken: number;
  /** Participants per room for rooms without their own `maxParticipants`. */
  maxParticipants: number;
  /** Token bucket per participant (all its tokens): sustained rate and burst. */
  requestsPerSecondPerToken: number;
  requestBurstPerToken: number;
  /** Token bucket per source address (every API request, `request_token` included). */
  requestsPerSecondPerAddress: number;
  requestBurstPerAddress: number;
  /** Largest chat message payload, in UTF-8 bytes. */
  maxChatBytes: number;
  /** Longest participant overlay text, in characters. */
  maxOverlayTextLength: number;
  /** How long Guests wait for a Host before they are sent away. */
  hostWaitSeconds: number;
  /** Simulated dial-out: how long the far end rings before answering. */
  dialAnswerMs: number;
  /** Simulated dial-out: how long a failed call stays visible in the roster. */
  dialFailureVisibleMs: number;
  services: ServiceConfig[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

export const defaultConfigPath = fileURLToPath(new URL('./vmrs.json', import.meta.url));

const ALIAS_RE = /^[a-z0-9][a-z0-9._-]{0,99}$/;
const PIN_RE = /^[0-9]{4,20}$/;

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function str(o: Record<string, unknown>, key: string, where: string, fallback?: string): string {
  const v = o[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string' || v.length === 0) {
    throw new ConfigError(`${where}: "${key}" must be a non-empty string`);
  }
  return v;
}

function bool(o: Record<string, unknown>, key: string, where: string, fallback: boolean): boolean {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'boolean') throw new ConfigError(`${where}: "${key}" must be true or false`);
  return v;
}

function num(o: Record<string, unknown>, key: string, where: string, fallback: number, min = 0): number {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < min) {
    throw new ConfigError(`${where}: "${key}" must be a number ≥ ${min}`);
  }
  return v;
}

/** A node-wide whole number ≥ 1. */
function whole(o: Record<string, unknown>, key: string, fallback: number): number {
  const v = o[key];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 1) {
    throw new ConfigError(`config: "${key}" must be a whole number ≥ 1`);
  }
  return v;
}

function alias(o: Record<string, unknown>, key: string, where: string): string {
  const a = str(o, key, where).toLowerCase();
  if (!ALIAS_RE.test(a)) throw new ConfigError(`${where}: "${a}" is not a valid alias`);
  return a;
}

function pin(o: Record<string, unknown>, key: string, where: string): string | undefined {
  const v = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !PIN_RE.test(v)) {
    throw new ConfigError(`${where}: "${key}" must be 4 to 20 digits`);
  }
  return v;
}

function parseService(raw: unknown, index: number): ServiceConfig {
  const where = `conferences[${index}]`;
  if (!isRecord(raw)) throw new ConfigError(`${where} must be an object`);
  const a = alias(raw, 'alias', where);
  const name = str(raw, 'name', where, a);
  const type = raw['type'] ?? 'room';
  if (type === 'reception') {
    const ext = raw['extensions'];
    if (!isRecord(ext) || Object.keys(ext).length === 0) {
      throw new ConfigError(`${where}: a reception needs "extensions" {"100": "meet.x", …}`);
    }
    const extensions: Record<string, string> = {};
    for (const [k, v] of Object.entries(ext)) {
      if (typeof v !== 'string') throw new ConfigError(`${where}: extension ${k} must name an alias`);
      extensions[k] = v.toLowerCase();
    }
    return { type: 'reception', alias: a, name, extensions };
  }
  if (type !== 'room') throw new ConfigError(`${where}: "type" must be "room" or "reception"`);
  const hostPin = pin(raw, 'hostPin', where);
  const guestPin = pin(raw, 'guestPin', where);
  if (guestPin && !hostPin) throw new ConfigError(`${where}: a guest PIN needs a host PIN`);
  if (guestPin && guestPin === hostPin) {
    throw new ConfigError(`${where}: host and guest PINs must differ`);
  }
  const callType = raw['callType'] ?? 'video';
  if (callType !== 'video' && callType !== 'video-only' && callType !== 'audio') {
    throw new ConfigError(`${where}: "callType" must be video, video-only or audio`);
  }
  const max = raw['maxParticipants'];
  if (max !== undefined && (typeof max !== 'number' || !Number.isInteger(max) || max < 1)) {
    throw new ConfigError(`${where}: "maxParticipants" must be a whole number ≥ 1`);
  }
  return {
    type: 'room',
    alias: a,
    name,
    ...(hostPin ? { hostPin } : {}),
    ...(guestPin ? { guestPin } : {}),
    allowGuests: bool(raw, 'allowGuests', where, Boolean(guestPin)),
    chat: bool(raw, 'chat', where, true),
    guestsCanPresent: bool(raw, 'guestsCanPresent', where, true),
    ...(max !== undefined ? { maxParticipants: max } : {}),
    callType,
  };
}

/** Parses and checks a node configuration; throws {@link ConfigError} naming the bad field. */
export function parseConfig(raw: unknown): NodeConfig {
  if (!isRecord(raw)) throw new ConfigError('the configuration must be a JSON object');
  const list = raw['conferences'];
  if (!Array.isArray(list) || list.length === 0) {
    throw new ConfigError('"conferences" must be a non-empty array');
  }
  const services = list.map(parseService);
  const seen = new Set<string>();
  for (const s of services) {
    if (seen.has(s.alias)) throw new ConfigError(`alias "${s.alias}" is defined twice`);
    seen.add(s.alias);
  }
  for (const s of services) {
    if (s.type !== 'reception') continue;
    for (const [ext, target] of Object.entries(s.extensions)) {
      const t = services.find((x) => x.alias === target);
      if (!t || t.type !== 'room') {
        throw new ConfigError(`reception "${s.alias}": extension ${ext} → "${target}" is not a room`);
      }
    }
  }
  const origins = raw['allowedOrigins'] ?? [];
  if (!Array.isArray(origins) || origins.some((o) => typeof o !== 'string')) {
    throw new ConfigError('"allowedOrigins" must be an array of origins');
  }
  const domain = str(raw, 'domain', 'config', 'example.com').toLowerCase();
  return {
    domain,
    clientsEnabled: bool(raw, 'clientsEnabled', 'config', true),
    tokenExpiresSeconds: num(raw, 'tokenExpiresSeconds', 'config', 120, 2),
    allowedOrigins: (origins as string[]).map((o) => o.replace(/\/$/, '')),
    pinRetries: num(raw, 'pinRetries', 'config', 5, 1),
    pinRetryWindowSeconds: num(raw, 'pinRetryWindowSeconds', 'config', 60, 1),
    refreshGraceSeconds: num(raw, 'refreshGraceSeconds', 'config', 10),
    maxEventStreamsPerToken: whole(raw, 'maxEventStreamsPerToken', 3),
    maxParticipants: whole(raw, 'maxParticipants', 100),
    requestsPerSecondPerToken: num(raw, 'requestsPerSecondPerToken', 'config', 20, 0.1),
    requestBurstPerToken: whole(raw, 'requestBurstPerToken', 60),
    requestsPerSecondPerAddress: num(raw, 'requestsPerSecondPerAddress', 'config', 100, 0.1),
    requestBurstPerAddress: whole(raw, 'requestBurstPerAddress', 300),
    maxChatBytes: whole(raw, 'maxChatBytes', 64 * 1024),
    maxOverlayTextLength: whole(raw, 'maxOverlayTextLength', 256),
    hostWaitSeconds: num(raw, 'hostWaitSeconds', 'config', 600, 1),
    dialAnswerMs: num(raw, 'dialAnswerMs', 'config', 1500),
    dialFailureVisibleMs: num(raw, 'dialFailureVisibleMs', 'config', 5000),
    services,
  };
}

export function loadConfig(path = defaultConfigPath): NodeConfig {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new ConfigError(`cannot read ${path}: ${(e as Error).message}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${path} is not valid JSON: ${(e as Error).message}`);
  }
  return parseConfig(json);
}
