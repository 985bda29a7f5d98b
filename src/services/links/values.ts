/**
 * The parameters of preconfigured links and the rules for their values (PIN, name, bandwidth,
 * extension, flags), shared by parsing and building.
 *
 * @module
 */
import {
  BANDWIDTH_MAX,
  BANDWIDTH_MIN,
  FORBIDDEN_IN_ADDRESS,
  hasControlCharacters,
  MAX_EXTENSION_LENGTH,
  MAX_NAME_LENGTH,
  ok,
  PIN_MAX_DIGITS,
  PIN_MIN_DIGITS,
  WHITESPACE,
  type LinkResult,
} from '../link-rules.js';
import { fail, LinkError } from './messages.js';
import type { JoinAccess, JoinLink } from './types.js';

/** A link's scheme (`https`, `pexip`, …), before the first `:`. */
export const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

/** The Web App link parameters, in the seed's order (also the order links are built in). */
export const WEBAPP_PARAMS = [
  'conference',
  'name',
  'bw',
  'pin',
  'join',
  'role',
  'media',
  'audioonly',
  'escalate',
  'extension',
  'forceguest',
] as const;
export const PEXIP_PARAMS = ['pin', 'media', 'escalate', 'audioonly'] as const;

/** Longest value accepted for any parameter; field-specific limits are lower. */
const MAX_VALUE_LENGTH = 512;

export type Params = Map<string, string>;

/** Percent-decodes one query component the way forms do (`+` is a space); `undefined` if malformed. */
export function decodeComponent(s: string, plusIsSpace: boolean): string | undefined {
  try {
    return decodeURIComponent(plusIsSpace ? s.replace(/\+/g, ' ') : s);
  } catch {
    return undefined;
  }
}

/** Collects the known parameters from decoded pairs: lower-cased names, duplicates refused. */
export function collect(pairs: Iterable<[string, string]>, known: readonly string[]): LinkResult<Params> {
  const params: Params = new Map();
  for (const [rawKey, value] of pairs) {
    const key = rawKey.toLowerCase();
    if (!known.includes(key)) continue;
    if (params.has(key)) return fail('duplicate-parameter', key);
    if (hasControlCharacters(value)) return fail('control-characters', key);
    if (value.length > MAX_VALUE_LENGTH) return fail('value-too-long', key);
    params.set(key, value);
  }
  return ok(params);
}

/** Splits and decodes a raw query string (without `?`). */
export function parseQuery(raw: string, known: readonly string[]): LinkResult<Params> {
  const pairs: [string, string][] = [];
  for (const part of raw.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    const key = decodeComponent(eq < 0 ? part : part.slice(0, eq), true);
    const value = decodeComponent(eq < 0 ? '' : part.slice(eq + 1), true);
    if (key === undefined || value === undefined) return fail('malformed-url');
    pairs.push([key, value]);
  }
  return collect(pairs, known);
}

/** A value with surrounding whitespace removed; empty counts as not given. */
export function given(params: Params, key: string): string | undefined {
  const v = params.get(key)?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** `1` is on; `0` or empty is off; absent is `undefined`; anything else is an error. */
export function flag(params: Params, key: string): LinkResult<boolean | undefined> {
  const v = params.get(key)?.trim();
  if (v === undefined) return ok(undefined);
  if (v === '1') return ok(true);
  if (v === '' || v === '0') return ok(false);
  return fail('invalid-flag', key);
}

export function parseBandwidth(params: Params): LinkResult<number | undefined> {
  const v = given(params, 'bw');
  if (v === undefined) return ok(undefined);
  if (!/^\d{1,5}$/.test(v)) return fail('invalid-bandwidth', 'bw', v.slice(0, 16));
  const n = Number(v);
  if (n < BANDWIDTH_MIN || n > BANDWIDTH_MAX) return fail('invalid-bandwidth', 'bw', v);
  return ok(n);
}

/**
 * Checks a conference PIN: {@link PIN_MIN_DIGITS}–{@link PIN_MAX_DIGITS} ASCII digits, leading zeros
 * kept, with an optional trailing `#` that is removed (seed: "any trailing # is optional").
 */
export function validatePin(pin: string): LinkResult<string> {
  if (typeof pin !== 'string') return fail('invalid-pin', 'pin');
  if (hasControlCharacters(pin)) return fail('control-characters', 'pin');
  const digits = pin.trim().replace(/#$/, '');
  const re = new RegExp(`^\\d{${PIN_MIN_DIGITS},${PIN_MAX_DIGITS}}$`);
  return re.test(digits) ? ok(digits) : fail('invalid-pin', 'pin');
}

/** `pin=none` (any case) joins as a Guest; otherwise a PIN. */
export function parsePinValue(v: string): LinkResult<JoinAccess> {
  if (v.toLowerCase() === 'none') return ok({ kind: 'guest' });
  const pin = validatePin(v);
  return pin.ok ? ok({ kind: 'pin', pin: pin.value }) : pin;
}

/**
 * Checks a display name: trimmed, at most {@link MAX_NAME_LENGTH} characters, no control or bidi
 * override characters. Any other text is allowed: names are always rendered as text.
 */
export function validateDisplayName(name: string): LinkResult<string> {
  if (typeof name !== 'string') return fail('value-too-long', 'name');
  if (hasControlCharacters(name)) return fail('control-characters', 'name');
  const trimmed = name.trim();
  if (trimmed.length > MAX_NAME_LENGTH) return fail('value-too-long', 'name');
  return ok(trimmed);
}

export function checkExtension(ext: string): LinkError | undefined {
  if (hasControlCharacters(ext)) return new LinkError('control-characters', 'extension');
  if (ext.length > MAX_EXTENSION_LENGTH) return new LinkError('value-too-long', 'extension');
  if (ext === '' || WHITESPACE.test(ext) || FORBIDDEN_IN_ADDRESS.test(ext)) {
    return new LinkError('invalid-extension', 'extension');
  }
  return undefined;
}

export function freezeLink(link: JoinLink): JoinLink {
  Object.freeze(link.access);
  return Object.freeze(link);
}
