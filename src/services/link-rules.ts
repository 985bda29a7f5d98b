/**
 * The rules a meeting address and a domain follow, the limits links and settings share, and the typed
 * {@link LinkError}: the small part of `links.ts` that the join form and the settings need. The link
 * parser and builders (`links.ts`, which re-exports all of this) load only when a link is applied.
 *
 * @module
 */
import { msg, str } from '@lit/localize';

/** Lowest bandwidth (kbps) a link or setting may ask for (seed: "any number between 256 and 1864"). */
export const BANDWIDTH_MIN = 256;
/** Highest bandwidth (kbps) a link or setting may ask for. */
export const BANDWIDTH_MAX = 1864;
/** Bandwidth (kbps) used when neither the link nor the participant chose one (seed: 576). */
export const BANDWIDTH_DEFAULT = 576;
/** Longest link accepted, in characters; longer input is refused before any parsing. */
export const MAX_LINK_LENGTH = 4096;
/** Longest conference alias accepted (the length of the longest SIP/e-mail style address). */
export const MAX_ALIAS_LENGTH = 254;
/** Longest display name accepted from a link or a setting. */
export const MAX_NAME_LENGTH = 100;
/** Longest Virtual Reception extension or Lync / Skype for Business conference ID accepted. */
export const MAX_EXTENSION_LENGTH = 64;
/** Fewest digits in a conference PIN (Pexip Infinity PINs are 4 digits or more). */
export const PIN_MIN_DIGITS = 4;
/** Most digits in a conference PIN. */
export const PIN_MAX_DIGITS = 20;

/**
 * How a person joins: camera and microphone (`video`), microphone only (`audio`), or presentation and
 * conference control only (`none`). The same values as `MediaMode` in `types.ts`.
 */
export type JoinMedia = 'video' | 'audio' | 'none';

/**
 * The media a link asks for. `'last-used'` means the link named no media option: the seed says to use
 * the option that was used the last time this person joined this conference, or the default the first
 * time. The caller decides with its stored history (see `SettingsStore.mediaForLink`).
 */
export type LinkMedia = JoinMedia | 'last-used';

/** Why a link, alias or domain was refused. */
export type LinkErrorCode =
  | 'malformed-url'
  | 'unsupported-scheme'
  | 'link-too-long'
  | 'duplicate-parameter'
  | 'control-characters'
  | 'value-too-long'
  | 'missing-alias'
  | 'invalid-alias'
  | 'invalid-domain'
  | 'invalid-bandwidth'
  | 'invalid-pin'
  | 'invalid-role'
  | 'invalid-flag'
  | 'unknown-media'
  | 'conflicting-media'
  | 'invalid-extension'
  | 'unrepresentable';

/**
 * A refused link. `message` is user-facing and localised at the moment it is read (with
 * `@lit/localize`), so a language switch re-localises an error already on screen. It never contains a
 * PIN.
 */
export class LinkError extends Error {
  override name = 'LinkError';

  constructor(
    /** What was wrong, for code to branch on. */
    readonly code: LinkErrorCode,
    /** The parameter at fault (`'bw'`, `'pin'`, `'alias'`, …), when there is one. */
    readonly param?: string,
    /** Extra context for the message (a scheme name or a value); never a PIN. */
    readonly detail?: string,
  ) {
    // No message to Error: an own `message` property would hide the localised getter.
    super();
  }

  /** The localised, user-facing explanation. */
  override get message(): string {
    return describeLinkError(this.code, this.param ?? '');
  }
}

/** Success with a value, or a typed {@link LinkError}. */
export type LinkResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: LinkError };

/**
 * The messages of the errors an address or a domain can have (here, for the join form and the
 * settings); those only a link can have (parsing or building one) load with the link code
 * (`links/messages.ts`, whose `LinkError`s read them).
 */
function describeLinkError(code: LinkErrorCode, param: string): string {
  switch (code) {
    case 'control-characters':
      return msg(str`The link's "${param}" contains invisible control characters.`);
    case 'value-too-long':
      return msg(str`The link's "${param}" is too long.`);
    case 'invalid-alias':
      return msg(
        'The meeting address is not valid. It cannot contain spaces or characters such as < > " / ? #, and has at most one @.',
      );
    case 'invalid-domain':
      return msg('The domain is not valid. Enter a domain such as example.com.');
    default:
      return msg('This link is not a valid address.');
  }
}

// ---------------------------------------------------------------------------------------------------
// Small helpers

/** @internal */
export const ok = <T>(value: T): LinkResult<T> => ({ ok: true, value });
/** @internal */
export const fail = <T>(code: LinkErrorCode, param?: string, detail?: string): LinkResult<T> => ({
  ok: false,
  error: new LinkError(code, param, detail),
});

/**
 * C0/C1 control characters, bidi embedding/override/isolate marks and the BOM: invisible characters
 * that let a link spoof what a person sees (a name that reads backwards, a hidden line break).
 */
export function hasControlCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c <= 0x1f || (c >= 0x7f && c <= 0x9f)) return true;
    if (c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069)) {
      return true;
    }
    if (c === 0xfeff) return true;
  }
  return false;
}

/** Characters an alias or extension may not contain (besides whitespace and control characters). */
export const FORBIDDEN_IN_ADDRESS = /[<>"`{}|\\^/?#]/;
/** @internal */
export const WHITESPACE = /\s/u;
const DOMAIN_LABEL = '[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?';
const DOMAIN = new RegExp(`^${DOMAIN_LABEL}(?:\\.${DOMAIN_LABEL})*$`, 'u');

function checkDomain(domain: string, param: string): LinkError | undefined {
  if (hasControlCharacters(domain)) return new LinkError('control-characters', param);
  if (domain.length > 253) return new LinkError('value-too-long', param);
  if (!DOMAIN.test(domain)) return new LinkError('invalid-domain', param);
  return undefined;
}

/** @internal */
export function checkAlias(alias: string, param: string): LinkError | undefined {
  if (hasControlCharacters(alias)) return new LinkError('control-characters', param);
  if (alias.length > MAX_ALIAS_LENGTH) return new LinkError('value-too-long', param);
  if (alias === '' || WHITESPACE.test(alias) || FORBIDDEN_IN_ADDRESS.test(alias)) {
    return new LinkError('invalid-alias', param);
  }
  const at = alias.indexOf('@');
  if (at >= 0) {
    if (at === 0 || alias.indexOf('@', at + 1) >= 0) return new LinkError('invalid-alias', param);
    if (checkDomain(alias.slice(at + 1), param)) return new LinkError('invalid-alias', param);
  }
  return undefined;
}

/**
 * Checks a conference alias as a person would type it: surrounding whitespace is removed; spaces
 * inside, control characters, `< > " \` { } | \ ^ / ? #`, more than one `@`, an empty part either side
 * of `@`, or an invalid domain after it are errors. `sip:` style prefixes and E.164 numbers are allowed.
 */
export function validateAlias(alias: string): LinkResult<string> {
  if (typeof alias !== 'string') return fail('invalid-alias', 'alias');
  const error = hasControlCharacters(alias) ? new LinkError('control-characters', 'alias') : undefined;
  if (error) return { ok: false, error };
  const trimmed = alias.trim();
  const problem = checkAlias(trimmed, 'alias');
  return problem ? { ok: false, error: problem } : ok(trimmed);
}

/**
 * Checks a domain such as `example.com` (letters of any script, digits and hyphens in dot-separated
 * labels; IPv4 addresses pass). No leading `@`, no port, no trailing dot.
 */
export function validateDomain(domain: string): LinkResult<string> {
  if (typeof domain !== 'string') return fail('invalid-domain', 'domain');
  if (hasControlCharacters(domain)) return fail('control-characters', 'domain');
  const trimmed = domain.trim();
  const problem = checkDomain(trimmed, 'domain');
  return problem ? { ok: false, error: problem } : ok(trimmed);
}

/**
 * Appends `@domain` to an alias that has no domain (seed: "Configuring a default domain"). An alias
 * that already has a domain is returned unchanged ("the preconfigured domain will be ignored"); so is
 * any alias when `domain` is empty or `undefined`. The alias is trimmed first.
 *
 * @returns the full alias, or `invalid-alias` / `invalid-domain` (or `control-characters`,
 *   `value-too-long`).
 */
export function applyDefaultDomain(alias: string, domain: string | undefined): LinkResult<string> {
  const a = validateAlias(alias);
  if (!a.ok) return a;
  if (domain === undefined || (typeof domain === 'string' && domain.trim() === '')) return a;
  const d = validateDomain(domain);
  if (!d.ok) return d;
  if (a.value.includes('@')) return a;
  const full = `${a.value}@${d.value}`;
  if (full.length > MAX_ALIAS_LENGTH) return fail('value-too-long', 'alias');
  return ok(full);
}
