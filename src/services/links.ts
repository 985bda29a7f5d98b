/**
 * Preconfigured links, parsed into typed values or a typed error.
 *
 * Two link forms come from the seed ("Creating preconfigured links to launch conferences via Infinity
 * Connect"):
 *
 * - **Web App links**: `https://<address>/webapp/?conference=<alias>&name=<name>&bw=<bandwidth>&pin=<PIN>
 *   &join=<join>&role=<role>&media=<media>&audioonly=<audioonly>&escalate=<escalate>&extension=<extension>
 *   &forceguest=<forceguest>`. Accepted as a full `http:`/`https:` URL, as a bare query string
 *   (`?conference=…` or `conference=…`) or as `URLSearchParams`.
 * - **Client links**: `pexip://<alias>?pin=<pin>&media=<media>&escalate=<escalate>&audioonly=<audioonly>`,
 *   including `pexip://<alias>@<domain>`, `pin=none` and the legacy `pexip://<alias>?<pin>` form from the
 *   release notes.
 *
 * Policy (the seed is silent on malformed links, so this is ours):
 * - Nothing here throws, whatever the input; every function returns a {@link LinkResult}.
 * - Anything a person typed wrongly is an error with a {@link LinkErrorCode}, never silently replaced
 *   by a default: a bad PIN, a bandwidth out of range, an unknown media or role value, an alias with
 *   spaces, control or bidi-override characters, overlong values, a parameter given twice, a
 *   `javascript:`/`data:`/other scheme.
 * - Defaults apply only where the seed gives one, and they are left to the caller as `undefined` or
 *   `'last-used'` so it can combine them with its stored settings: no `bw` means "the participant's
 *   saved bandwidth, else 576"; no media option means "what was used last time for that conference,
 *   else the default".
 * - Unknown parameters are ignored. Known parameter names match case-insensitively (`PIN=` is `pin=`).
 *   A known parameter left empty (`name=`, `bw=`) counts as not given, except where the seed gives the
 *   empty value a meaning (`media=`, `escalate=`, `audioonly=`).
 * - Error messages never repeat the PIN that was typed, so a logged error leaks nothing.
 *
 * @module
 */
import {
  BANDWIDTH_MAX,
  BANDWIDTH_MIN,
  checkAlias,
  fail,
  FORBIDDEN_IN_ADDRESS,
  hasControlCharacters,
  LinkError,
  MAX_EXTENSION_LENGTH,
  MAX_LINK_LENGTH,
  MAX_NAME_LENGTH,
  ok,
  PIN_MAX_DIGITS,
  PIN_MIN_DIGITS,
  WHITESPACE,
  type LinkMedia,
  type LinkResult,
} from './link-rules.js';

export {
  applyDefaultDomain,
  BANDWIDTH_DEFAULT,
  BANDWIDTH_MAX,
  BANDWIDTH_MIN,
  LinkError,
  MAX_ALIAS_LENGTH,
  MAX_EXTENSION_LENGTH,
  MAX_LINK_LENGTH,
  MAX_NAME_LENGTH,
  PIN_MAX_DIGITS,
  PIN_MIN_DIGITS,
  validateAlias,
  validateDomain,
} from './link-rules.js';
export type { JoinMedia, LinkErrorCode, LinkMedia, LinkResult } from './link-rules.js';

/**
 * What a link says about the PIN and role (seed: "a PIN decides the role").
 *
 * - `pin`: join with this PIN (digits only, any trailing `#` removed); the conference decides whether
 *   it makes the participant a Host or a Guest. A `role` parameter next to a PIN is ignored.
 * - `guest`: join as a Guest without a PIN (`role=guest`, or `pin=none`), for conferences with a Host
 *   PIN but no Guest PIN.
 * - `host`: the participant wants to be a Host but the link has no PIN (`role=host`): still ask for
 *   the Host PIN.
 * - `unspecified`: the link says nothing; ask only if the conference requires it.
 */
export type JoinAccess =
  | { readonly kind: 'pin'; readonly pin: string }
  | { readonly kind: 'guest' }
  | { readonly kind: 'host' }
  | { readonly kind: 'unspecified' };

/** A parsed preconfigured link. Frozen; every field is present (optional ones as `undefined`). */
export interface JoinLink {
  /** Which link form it came from: a Web App URL/query, or a `pexip://` client link. */
  readonly source: 'webapp' | 'pexip';
  /**
   * Origin of the Conferencing Node or reverse proxy the Web App link points at (for example
   * `https://conference.example.com`); `undefined` for a query string, `URLSearchParams` or
   * `pexip://` link.
   */
  readonly node: string | undefined;
  /** Conference alias (`conference=`, or the `pexip://` alias); `undefined` if the link has none. */
  readonly alias: string | undefined;
  /** Display name (`name=`), trimmed. */
  readonly displayName: string | undefined;
  /** Bandwidth in kbps (`bw=`), {@link BANDWIDTH_MIN}–{@link BANDWIDTH_MAX}; `undefined` = saved/default. */
  readonly bandwidth: number | undefined;
  /** PIN and role (see {@link JoinAccess}). */
  readonly access: JoinAccess;
  /**
   * Join straight away instead of showing a pre-filled form: `join=1` for Web App links; for `pexip://`
   * links, whenever a `pin` is given (the seed's "guest PIN" example joins instantly, its bare-alias
   * example only pre-fills the address).
   */
  readonly autoJoin: boolean;
  /** Media to join with (see {@link LinkMedia}). */
  readonly media: LinkMedia;
  /** Offer camera and microphone selection right after joining control-only (`escalate=1`). */
  readonly escalate: boolean;
  /** Virtual Reception extension or Lync / Skype for Business conference ID (`extension=`). */
  readonly extension: string | undefined;
  /** Withhold Host-level controls even when joining as a Host (`forceguest=1`). */
  readonly forceGuest: boolean;
}

/** The values a link can be built from: any subset of {@link JoinLink} (missing fields mean "not set"). */
export type JoinLinkValues = Partial<Omit<JoinLink, 'source'>>;

const SCHEME = /^([a-zA-Z][a-zA-Z0-9+.-]*):/;

// ---------------------------------------------------------------------------------------------------
// Parameters

/** The Web App link parameters, in the seed's order (also the order links are built in). */
const WEBAPP_PARAMS = [
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
const PEXIP_PARAMS = ['pin', 'media', 'escalate', 'audioonly'] as const;

/** Longest value accepted for any parameter; field-specific limits are lower. */
const MAX_VALUE_LENGTH = 512;

type Params = Map<string, string>;

/** Percent-decodes one query component the way forms do (`+` is a space); `undefined` if malformed. */
function decodeComponent(s: string, plusIsSpace: boolean): string | undefined {
  try {
    return decodeURIComponent(plusIsSpace ? s.replace(/\+/g, ' ') : s);
  } catch {
    return undefined;
  }
}

/** Collects the known parameters from decoded pairs: lower-cased names, duplicates refused. */
function collect(pairs: Iterable<[string, string]>, known: readonly string[]): LinkResult<Params> {
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
function parseQuery(raw: string, known: readonly string[]): LinkResult<Params> {
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
function given(params: Params, key: string): string | undefined {
  const v = params.get(key)?.trim();
  return v === undefined || v === '' ? undefined : v;
}

/** `1` is on; `0` or empty is off; absent is `undefined`; anything else is an error. */
function flag(params: Params, key: string): LinkResult<boolean | undefined> {
  const v = params.get(key)?.trim();
  if (v === undefined) return ok(undefined);
  if (v === '1') return ok(true);
  if (v === '' || v === '0') return ok(false);
  return fail('invalid-flag', key);
}

function parseBandwidth(params: Params): LinkResult<number | undefined> {
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
function parsePinValue(v: string): LinkResult<JoinAccess> {
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

function checkExtension(ext: string): LinkError | undefined {
  if (hasControlCharacters(ext)) return new LinkError('control-characters', 'extension');
  if (ext.length > MAX_EXTENSION_LENGTH) return new LinkError('value-too-long', 'extension');
  if (ext === '' || WHITESPACE.test(ext) || FORBIDDEN_IN_ADDRESS.test(ext)) {
    return new LinkError('invalid-extension', 'extension');
  }
  return undefined;
}

function freezeLink(link: JoinLink): JoinLink {
  Object.freeze(link.access);
  return Object.freeze(link);
}

// ---------------------------------------------------------------------------------------------------
// Web App links

function webAppFromParams(params: Params, node: string | undefined): LinkResult<JoinLink> {
  let alias: string | undefined;
  const conference = given(params, 'conference');
  if (conference !== undefined) {
    const problem = checkAlias(conference, 'conference');
    if (problem) return { ok: false, error: problem };
    alias = conference;
  }

  let displayName: string | undefined;
  const name = given(params, 'name');
  if (name !== undefined) {
    const n = validateDisplayName(name);
    if (!n.ok) return n;
    displayName = n.value;
  }

  const bandwidth = parseBandwidth(params);
  if (!bandwidth.ok) return bandwidth;

  // Validate role even when a PIN makes it irrelevant: `role=admin` is still a typing mistake.
  const roleValue = given(params, 'role')?.toLowerCase();
  if (roleValue !== undefined && roleValue !== 'host' && roleValue !== 'guest')
    return fail('invalid-role', 'role');

  let access: JoinAccess = { kind: 'unspecified' };
  const pinValue = given(params, 'pin');
  if (pinValue !== undefined) {
    const a = parsePinValue(pinValue);
    if (!a.ok) return a;
    access = a.value; // "the PIN will determine the participant's role and the <role> will be ignored"
  } else if (roleValue === 'host') {
    access = { kind: 'host' }; // "if role=host, participants will still be prompted to enter the Host PIN"
  } else if (roleValue === 'guest') {
    access = { kind: 'guest' };
  }

  const join = flag(params, 'join');
  if (!join.ok) return join;
  const escalate = flag(params, 'escalate');
  if (!escalate.ok) return escalate;
  const forceGuest = flag(params, 'forceguest');
  if (!forceGuest.ok) return forceGuest;
  const audioOnly = flag(params, 'audioonly');
  if (!audioOnly.ok) return audioOnly;

  const mediaValue = params.get('media')?.trim();
  if (mediaValue !== undefined && mediaValue !== '' && mediaValue !== '0' && mediaValue !== '1') {
    return fail('unknown-media', 'media');
  }
  let media: LinkMedia = 'last-used';
  if (audioOnly.value === true) {
    if (mediaValue !== undefined) return fail('conflicting-media', 'media');
    media = 'audio';
  } else if (mediaValue !== undefined) {
    media = mediaValue === '1' ? 'video' : 'none';
  } else if (audioOnly.value === false) {
    media = 'video'; // `audioonly=` / `audioonly=0`: "with audio and video" (as the pexip:// form says)
  }

  let extension: string | undefined;
  const ext = given(params, 'extension');
  if (ext !== undefined) {
    const problem = checkExtension(ext);
    if (problem) return { ok: false, error: problem };
    extension = ext;
  }

  return ok(
    freezeLink({
      source: 'webapp',
      node,
      alias,
      displayName,
      bandwidth: bandwidth.value,
      access,
      autoJoin: join.value === true,
      media,
      escalate: escalate.value === true,
      extension,
      forceGuest: forceGuest.value === true,
    }),
  );
}

function parseHttpLink(input: string): LinkResult<JoinLink> {
  let url: URL;
  try {
    url = new URL(input);
  } catch {
    return fail('malformed-url');
  }
  // `https://conference.example.com@evil.example/` reads like one host and goes to another.
  if (url.username !== '' || url.password !== '' || url.hostname === '') return fail('malformed-url');
  const query = parseQuery(url.search.replace(/^\?/, ''), WEBAPP_PARAMS);
  if (!query.ok) return query;
  return webAppFromParams(query.value, url.origin);
}

// ---------------------------------------------------------------------------------------------------
// pexip:// links

function parsePexipLinkString(input: string): LinkResult<JoinLink> {
  let rest = input.slice('pexip:'.length);
  if (rest.startsWith('//')) rest = rest.slice(2);
  const hash = rest.indexOf('#');
  if (hash >= 0) rest = rest.slice(0, hash);
  const q = rest.indexOf('?');
  let rawAlias = q >= 0 ? rest.slice(0, q) : rest;
  const rawQuery = q >= 0 ? rest.slice(q + 1) : '';
  if (rawAlias.endsWith('/')) rawAlias = rawAlias.slice(0, -1); // some mail clients add one

  // In the path `+` is a literal plus (E.164 numbers), not a space.
  const decodedAlias = decodeComponent(rawAlias, false);
  if (decodedAlias === undefined) return fail('malformed-url');
  if (hasControlCharacters(decodedAlias)) return fail('control-characters', 'alias');
  const alias = decodedAlias.trim();
  if (alias === '') return fail('missing-alias');
  const aliasProblem = checkAlias(alias, 'alias');
  if (aliasProblem) return { ok: false, error: aliasProblem };

  let params: Params;
  if (rawQuery !== '' && !rawQuery.includes('=') && !rawQuery.includes('&')) {
    // Legacy form from the release notes: pexip://<alias>?<pin>
    const pin = decodeComponent(rawQuery, true);
    if (pin === undefined) return fail('malformed-url');
    const c = collect([['pin', pin]], PEXIP_PARAMS);
    if (!c.ok) return c;
    params = c.value;
  } else {
    const c = parseQuery(rawQuery, PEXIP_PARAMS);
    if (!c.ok) return c;
    params = c.value;
  }

  let access: JoinAccess = { kind: 'unspecified' };
  const pinValue = given(params, 'pin');
  if (pinValue !== undefined) {
    const a = parsePinValue(pinValue);
    if (!a.ok) return a;
    access = a.value;
  }

  const escalate = flag(params, 'escalate');
  if (!escalate.ok) return escalate;
  const audioOnly = flag(params, 'audioonly');
  if (!audioOnly.ok) return audioOnly;
  const mediaValue = params.get('media')?.trim();
  if (mediaValue !== undefined && mediaValue !== '' && mediaValue !== '0' && mediaValue !== '1') {
    return fail('unknown-media', 'media');
  }

  let media: LinkMedia = 'last-used';
  if (escalate.value !== undefined) {
    // "escalate=1 … join in control only mode and be offered the camera and microphone selection",
    // "escalate= … join in presentation and control mode only"; `media` "is ignored if escalate is
    // specified". Audio-only cannot be combined with joining control-only.
    if (audioOnly.value === true) return fail('conflicting-media', 'audioonly');
    media = 'none';
  } else if (audioOnly.value === true) {
    if (mediaValue !== undefined) return fail('conflicting-media', 'media');
    media = 'audio';
  } else if (mediaValue !== undefined) {
    media = mediaValue === '1' ? 'video' : 'none';
  } else if (audioOnly.value === false) {
    media = 'video'; // "audioonly= … to join with audio and video"
  }

  return ok(
    freezeLink({
      source: 'pexip',
      node: undefined,
      alias,
      displayName: undefined,
      bandwidth: undefined,
      access,
      autoJoin: access.kind !== 'unspecified',
      media,
      escalate: escalate.value === true,
      extension: undefined,
      forceGuest: false,
    }),
  );
}

// ---------------------------------------------------------------------------------------------------
// Entry points

/** Trims a pasted link and applies the checks common to every form. */
function prepare(input: unknown): LinkResult<string> {
  if (typeof input !== 'string') return fail('malformed-url');
  // Only ends are trimmed: a pasted link often carries a trailing newline; one inside is refused.
  const s = input.trim();
  if (s.length > MAX_LINK_LENGTH) return fail('link-too-long');
  if (hasControlCharacters(s)) return fail('control-characters', 'link');
  if (s === '') return fail('malformed-url');
  return ok(s);
}

/**
 * Parses any preconfigured link: a Web App URL (`https://…/webapp/?conference=…`), a bare query string
 * (`?conference=…&name=…` or without the `?`), `URLSearchParams`, a `URL`, or a `pexip://` link.
 * Never throws.
 *
 * `http:` is accepted as well as `https:` (local development); every other scheme, notably
 * `javascript:`, `data:`, `mailto:` and `file:`, is `unsupported-scheme`. A URL with user credentials
 * before the host is `malformed-url` (it is a classic disguise). A URL's fragment is ignored.
 */
export function parseLink(input: string | URL | URLSearchParams): LinkResult<JoinLink> {
  try {
    if (typeof URLSearchParams !== 'undefined' && input instanceof URLSearchParams) {
      const pairs = [...input.entries()];
      if (pairs.reduce((n, [k, v]) => n + k.length + v.length + 2, 0) > MAX_LINK_LENGTH) {
        return fail('link-too-long');
      }
      const params = collect(pairs, WEBAPP_PARAMS);
      return params.ok ? webAppFromParams(params.value, undefined) : params;
    }
    const prepared = prepare(typeof URL !== 'undefined' && input instanceof URL ? input.href : input);
    if (!prepared.ok) return prepared;
    const s = prepared.value;
    const scheme = SCHEME.exec(s)?.[1]?.toLowerCase();
    if (scheme === undefined) {
      // No scheme: a query string, or nothing we know.
      if (!s.startsWith('?') && !s.includes('=')) return fail('malformed-url');
      const params = parseQuery(s.replace(/^\?/, ''), WEBAPP_PARAMS);
      return params.ok ? webAppFromParams(params.value, undefined) : params;
    }
    if (scheme === 'pexip') return parsePexipLinkString(s);
    if (scheme === 'https' || scheme === 'http') return parseHttpLink(s);
    return fail('unsupported-scheme', undefined, scheme.slice(0, 32));
  } catch {
    // Belt and braces: nothing above should throw, but a link must never take the page down.
    return fail('malformed-url');
  }
}

/**
 * Parses a Web App link only (full URL, query string, `URLSearchParams` or `URL`); a `pexip://` link is
 * `unsupported-scheme`. Use this for the page's own `location`.
 */
export function parseWebAppLink(input: string | URL | URLSearchParams): LinkResult<JoinLink> {
  if (typeof input === 'string' && /^\s*pexip:/i.test(input))
    return fail('unsupported-scheme', undefined, 'pexip');
  if (typeof URL !== 'undefined' && input instanceof URL && input.protocol === 'pexip:') {
    return fail('unsupported-scheme', undefined, 'pexip');
  }
  return parseLink(input);
}

/** Parses a `pexip://` client link only; anything else is `unsupported-scheme`. */
export function parsePexipLink(input: string): LinkResult<JoinLink> {
  const prepared = prepare(input);
  if (!prepared.ok) return prepared;
  const scheme = SCHEME.exec(prepared.value)?.[1]?.toLowerCase();
  if (scheme !== 'pexip') return fail('unsupported-scheme', undefined, scheme?.slice(0, 32));
  return parseLink(prepared.value);
}

// ---------------------------------------------------------------------------------------------------
// Building links

/** Encodes a query value, leaving `@` and `:` readable (`conference=meet.alice@example.com`). */
function encodeValue(v: string): string {
  return encodeURIComponent(v).replace(/%40/g, '@').replace(/%3A/gi, ':');
}

function encodeAliasPath(v: string): string {
  return encodeURIComponent(v).replace(/%40/g, '@').replace(/%3A/gi, ':').replace(/%2B/gi, '+');
}

type Pairs = [string, string][];

function addCommon(values: JoinLinkValues, pairs: Pairs): LinkError | undefined {
  const access = values.access ?? { kind: 'unspecified' };
  if (access.kind === 'pin') {
    const pin = validatePin(access.pin);
    if (!pin.ok) return pin.error;
    pairs.push(['pin', pin.value]);
  }
  return undefined;
}

/**
 * Builds a Web App link from values: the inverse of {@link parseLink}, so
 * `parseLink(buildWebAppLink(v).value)` gives back `v` (normalised). Every value is validated with the
 * parser's rules first; a bad one is an error, never encoded. Parameters come in the seed's order and
 * only when set (`autoJoin: false` adds no `join=`).
 *
 * @param base The Web App address (`https://conference.example.com/webapp/`); its query and fragment
 *   are replaced. When omitted, `values.node + '/webapp/'` is used, and without a node the result is a
 *   bare query string starting with `?`.
 */
export function buildWebAppLink(values: JoinLinkValues, base?: string): LinkResult<string> {
  try {
    const pairs: Pairs = [];
    if (values.alias !== undefined) {
      const problem = checkAlias(values.alias, 'conference');
      if (problem) return { ok: false, error: problem };
      pairs.push(['conference', values.alias]);
    }
    if (values.displayName !== undefined && values.displayName.trim() !== '') {
      const n = validateDisplayName(values.displayName);
      if (!n.ok) return n;
      pairs.push(['name', n.value]);
    }
    if (values.bandwidth !== undefined) {
      const bw = values.bandwidth;
      if (!Number.isInteger(bw) || bw < BANDWIDTH_MIN || bw > BANDWIDTH_MAX) {
        return fail('invalid-bandwidth', 'bw', String(bw).slice(0, 16));
      }
      pairs.push(['bw', String(bw)]);
    }
    const problem = addCommon(values, pairs);
    if (problem) return { ok: false, error: problem };
    if (values.autoJoin) pairs.push(['join', '1']);
    const access = values.access ?? { kind: 'unspecified' };
    if (access.kind === 'host' || access.kind === 'guest') pairs.push(['role', access.kind]);
    switch (values.media ?? 'last-used') {
      case 'video':
        pairs.push(['media', '1']);
        break;
      case 'none':
        pairs.push(['media', '']);
        break;
      case 'audio':
        pairs.push(['audioonly', '1']);
        break;
      case 'last-used':
        break;
      default:
        return fail('unknown-media', 'media');
    }
    if (values.escalate) pairs.push(['escalate', '1']);
    if (values.extension !== undefined) {
      const e = checkExtension(values.extension);
      if (e) return { ok: false, error: e };
      pairs.push(['extension', values.extension]);
    }
    if (values.forceGuest) pairs.push(['forceguest', '1']);

    const query = pairs.map(([k, v]) => `${k}=${encodeValue(v)}`).join('&');
    const baseUrl =
      base ?? (values.node !== undefined ? `${values.node.replace(/\/+$/, '')}/webapp/` : undefined);
    if (baseUrl === undefined) return ok(`?${query}`);
    const scheme = SCHEME.exec(baseUrl.trim())?.[1]?.toLowerCase();
    if (scheme !== 'https' && scheme !== 'http')
      return fail('unsupported-scheme', undefined, scheme?.slice(0, 32));
    let url: URL;
    try {
      url = new URL(baseUrl.trim());
    } catch {
      return fail('malformed-url');
    }
    if (url.username !== '' || url.password !== '') return fail('malformed-url');
    url.hash = '';
    url.search = '';
    const link = `${url.href}?${query}`;
    return link.length > MAX_LINK_LENGTH ? fail('link-too-long') : ok(link);
  } catch {
    return fail('malformed-url');
  }
}

/**
 * Builds a `pexip://` client link: the inverse of {@link parseLink} for the fields that form can carry
 * (alias, PIN or `pin=none`, media, escalate). Fields it cannot carry (name, bandwidth, extension,
 * `role=host`, forceGuest) are an `unrepresentable` error rather than dropped; `escalate` with any
 * media but control-only is `conflicting-media`. `autoJoin` and `node` are ignored (a `pexip://` link
 * auto-joins exactly when it has a PIN).
 */
export function buildPexipLink(values: JoinLinkValues): LinkResult<string> {
  try {
    if (values.alias === undefined) return fail('missing-alias');
    const problem = checkAlias(values.alias, 'alias');
    if (problem) return { ok: false, error: problem };
    if (values.displayName !== undefined && values.displayName !== '') return fail('unrepresentable', 'name');
    if (values.bandwidth !== undefined) return fail('unrepresentable', 'bw');
    if (values.extension !== undefined) return fail('unrepresentable', 'extension');
    if (values.forceGuest) return fail('unrepresentable', 'forceguest');
    const access = values.access ?? { kind: 'unspecified' };
    if (access.kind === 'host') return fail('unrepresentable', 'role');

    const pairs: Pairs = [];
    const common = addCommon(values, pairs);
    if (common) return { ok: false, error: common };
    if (access.kind === 'guest') pairs.push(['pin', 'none']);
    const media = values.media ?? 'last-used';
    if (values.escalate) {
      if (media !== 'none') return fail('conflicting-media', 'escalate');
      pairs.push(['escalate', '1']);
    } else if (media === 'video') {
      pairs.push(['media', '1']);
    } else if (media === 'none') {
      pairs.push(['media', '']);
    } else if (media === 'audio') {
      pairs.push(['audioonly', '1']);
    } else if (media !== 'last-used') {
      return fail('unknown-media', 'media');
    }
    const query = pairs.map(([k, v]) => `${k}=${encodeValue(v)}`).join('&');
    const link = `pexip://${encodeAliasPath(values.alias)}${query ? `?${query}` : ''}`;
    return link.length > MAX_LINK_LENGTH ? fail('link-too-long') : ok(link);
  } catch {
    return fail('malformed-url');
  }
}

/** Builds the link a parsed {@link JoinLink} came from, in the same form (`source`). */
export function buildLink(link: JoinLink): LinkResult<string> {
  return link.source === 'pexip' ? buildPexipLink(link) : buildWebAppLink(link);
}
