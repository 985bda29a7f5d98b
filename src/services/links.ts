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
 * The parts live in `links/`: `types.ts` ({@link JoinLink}), `values.ts` (parameters and value
 * rules), `parse.ts` and `build.ts`; the rules shared with settings and the call are `link-rules.ts`.
 * This module is the public face; import from here.
 *
 * @module
 */
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
export type { JoinAccess, JoinLink, JoinLinkValues } from './links/types.js';
export { validateDisplayName, validatePin } from './links/values.js';
export { parseLink, parsePexipLink, parseWebAppLink } from './links/parse.js';
export { buildLink, buildPexipLink, buildWebAppLink } from './links/build.js';
