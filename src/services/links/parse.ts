/**
 * Parsing preconfigured links: Web App URLs and query strings, and `pexip://` client links (see
 * `../links.ts` for the policy).
 *
 * @module
 */
import {
  checkAlias,
  hasControlCharacters,
  MAX_LINK_LENGTH,
  ok,
  type LinkMedia,
  type LinkResult,
} from '../link-rules.js';
import { fail } from './messages.js';
import type { JoinAccess, JoinLink } from './types.js';
import {
  checkExtension,
  collect,
  decodeComponent,
  flag,
  freezeLink,
  given,
  parseBandwidth,
  parsePinValue,
  parseQuery,
  PEXIP_PARAMS,
  SCHEME,
  validateDisplayName,
  WEBAPP_PARAMS,
  type Params,
} from './values.js';

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
