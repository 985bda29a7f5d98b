/**
 * Why a setting or an administrator configuration was refused: a typed, localised
 * {@link SettingsError}, and the {@link SettingsResult} every validating function returns.
 *
 * @module
 */
import { msg, str } from '@lit/localize';
import { BANDWIDTH_MAX, BANDWIDTH_MIN, MAX_NAME_LENGTH } from '../link-rules.js';
import { SCREENSHARE_FPS_MAX, SCREENSHARE_FPS_MIN } from './schema.js';

/** Why a setting, an administrator configuration or its download was refused. */
export type SettingsErrorCode =
  | 'invalid-value'
  | 'unknown-setting'
  | 'hidden-setting'
  | 'invalid-admin-config'
  | 'invalid-json'
  | 'http-error'
  | 'network-error'
  | 'aborted';

/**
 * A refused setting or administrator configuration. `message` is user-facing and localised when read.
 */
export class SettingsError extends Error {
  override name = 'SettingsError';

  constructor(
    /** What was wrong, for code to branch on. */
    readonly code: SettingsErrorCode,
    /** The setting at fault, when there is one (may be an unknown name for `unknown-setting`). */
    readonly key?: string,
    /** Extra context: an HTTP status for `http-error`. */
    readonly detail?: string,
  ) {
    // No message to Error: an own `message` property would hide the localised getter.
    super();
  }

  /** The localised, user-facing explanation. */
  override get message(): string {
    return describeSettingsError(this.code, this.key ?? '', this.detail ?? '');
  }
}

/** Success with a value, or a typed {@link SettingsError}. */
export type SettingsResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: SettingsError };

function describeValueError(key: string): string {
  switch (key) {
    case 'displayName':
      return msg(str`The name can be at most ${MAX_NAME_LENGTH} characters, without control characters.`);
    case 'cameraId':
    case 'microphoneId':
    case 'speakerId':
      return msg('That device is not valid.');
    case 'bandwidth':
      return msg(str`The bandwidth must be a whole number from ${BANDWIDTH_MIN} to ${BANDWIDTH_MAX} kbps.`);
    case 'screenshareFrameRate':
      return msg(
        str`The screen sharing frame rate must be a whole number from ${SCREENSHARE_FPS_MIN} to ${SCREENSHARE_FPS_MAX}.`,
      );
    case 'language':
      return msg('That is not a valid language.');
    case 'defaultDomain':
      return msg('The default domain is not valid. Enter a domain such as example.com, or leave it empty.');
    case 'defaultDialOutProtocol':
      return msg('The dial-out protocol must be Automatic, SIP, H.323, Lync / Skype for Business or RTMP.');
    default:
      return msg('This setting must be switched on or off.');
  }
}

function describeSettingsError(code: SettingsErrorCode, key: string, detail: string): string {
  switch (code) {
    case 'invalid-value':
      return describeValueError(key);
    case 'unknown-setting':
      return msg(str`There is no setting called "${key}".`);
    case 'hidden-setting':
      return msg('Your administrator has fixed this setting.');
    case 'invalid-admin-config':
      return key
        ? msg(str`The administrator settings are not valid ("${key}").`)
        : msg('The administrator settings are not valid.');
    case 'invalid-json':
      return msg('The administrator settings file is not valid JSON.');
    case 'http-error':
      return msg(str`The administrator settings could not be loaded (HTTP ${detail}).`);
    case 'network-error':
      return msg('The administrator settings could not be loaded. Check the network connection.');
    case 'aborted':
      return msg('Loading the administrator settings was cancelled.');
  }
}

/** A successful {@link SettingsResult}. */
export const okResult = <T>(value: T): SettingsResult<T> => ({ ok: true, value });
/** A failed {@link SettingsResult} with a new {@link SettingsError}. */
export const failResult = <T>(code: SettingsErrorCode, key?: string, detail?: string): SettingsResult<T> => ({
  ok: false,
  error: new SettingsError(code, key, detail),
});
