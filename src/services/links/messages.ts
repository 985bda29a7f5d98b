/**
 * The messages of the errors only a link can have (parsing or building one): they load with the link
 * code (`links.ts`), not with the join form. The parser and builders make their errors with the
 * `LinkError` and `fail` of this module; an address error (`link-rules.ts`) keeps its own message.
 *
 * @module
 */
import { msg, str } from '@lit/localize';
import {
  BANDWIDTH_MAX,
  BANDWIDTH_MIN,
  LinkError as AddressError,
  PIN_MAX_DIGITS,
  PIN_MIN_DIGITS,
  type LinkErrorCode,
  type LinkResult,
} from '../link-rules.js';

/** A {@link AddressError | LinkError} made by the link parser or builder (any code, with its message). */
export class LinkError extends AddressError {
  override get message(): string {
    return describe(this.code, this.param ?? '', this.detail ?? '') ?? super.message;
  }
}

/** @internal */
export const fail = <T>(code: LinkErrorCode, param?: string, detail?: string): LinkResult<T> => ({
  ok: false,
  error: new LinkError(code, param, detail),
});

function describe(code: LinkErrorCode, param: string, detail: string): string | undefined {
  switch (code) {
    case 'malformed-url':
      return msg('This link is not a valid address.');
    case 'unsupported-scheme':
      return detail
        ? msg(str`Links starting with "${detail}:" are not supported. Use an https:// or pexip:// link.`)
        : msg('This kind of link is not supported. Use an https:// or pexip:// link.');
    case 'link-too-long':
      return msg('This link is too long.');
    case 'duplicate-parameter':
      return msg(str`The link gives "${param}" more than once.`);
    case 'missing-alias':
      return msg('The link does not say which meeting to join.');
    case 'invalid-bandwidth':
      return msg(str`The bandwidth must be a whole number from ${BANDWIDTH_MIN} to ${BANDWIDTH_MAX} kbps.`);
    case 'invalid-pin':
      return msg(str`The PIN is not valid. A PIN is ${PIN_MIN_DIGITS} to ${PIN_MAX_DIGITS} digits.`);
    case 'invalid-role':
      return msg('The role must be "host" or "guest".');
    case 'invalid-flag':
      return msg(str`The link's "${param}" must be 1 or left empty.`);
    case 'unknown-media':
      return msg(
        'The media option must be 1 (audio and video) or left empty (presentation and control only).',
      );
    case 'conflicting-media':
      return msg(
        'The link asks for more than one way to join: audio-only, audio and video, or control-only.',
      );
    case 'invalid-extension':
      return msg('The extension is not valid. It cannot contain spaces or characters such as < > " / ? #.');
    case 'unrepresentable':
      return msg(str`"${param}" cannot be expressed in this kind of link.`);

    default:
      return undefined;
  }
}
