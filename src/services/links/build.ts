/**
 * Building preconfigured links from values: the inverse of parsing, with the same rules.
 *
 * @module
 */
import {
  BANDWIDTH_MAX,
  BANDWIDTH_MIN,
  checkAlias,
  MAX_LINK_LENGTH,
  ok,
  type LinkResult,
} from '../link-rules.js';
import { fail, LinkError } from './messages.js';
import type { JoinLink, JoinLinkValues } from './types.js';
import { checkExtension, SCHEME, validateDisplayName, validatePin } from './values.js';

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
