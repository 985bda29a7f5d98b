/**
 * What a parsed preconfigured link says: {@link JoinLink}, and the values a link is built from.
 *
 * @module
 */
import type { LinkMedia } from '../link-rules.js';

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
