/**
 * The settings themselves: the {@link Settings} type, its built-in defaults and the values each field
 * may take (dial-out protocols, languages, screen-sharing frame rates, device ids).
 *
 * @module
 */
import { BANDWIDTH_DEFAULT } from '../link-rules.js';

/**
 * Protocol preselected when a Host adds a participant (seed: SIP is the default; Automatic, H.323,
 * Lync / Skype for Business and RTMP are the others; `defaultDialOutProtocol` in `settings.js`). The
 * values are the ones the Infinity client API's `dial` request takes.
 */
export type DialOutProtocol = 'sip' | 'auto' | 'h323' | 'mssip' | 'rtmp';

/** Every {@link DialOutProtocol}, in the order a menu shows them. */
export const DIAL_OUT_PROTOCOLS: readonly DialOutProtocol[] = Object.freeze([
  'sip',
  'auto',
  'h323',
  'mssip',
  'rtmp',
]);

/** Device id meaning "the browser's default device" (what a missing device falls back to). */
export const DEFAULT_DEVICE_ID = 'default';

/** Language setting meaning "follow the browser" (the seed's automatic translation). */
export const LANGUAGE_AUTO = 'auto';

/** Languages the library ships (English plus the seed's Norwegian, French, Japanese, Simplified Chinese). */
export const SUPPORTED_LANGUAGES: readonly string[] = Object.freeze(['en', 'nb', 'fr', 'ja', 'zh-Hans']);

/** Lowest screen-sharing frame rate (sharpest images). */
export const SCREENSHARE_FPS_MIN = 1;
/** Highest screen-sharing frame rate (most motion). */
export const SCREENSHARE_FPS_MAX = 30;
/**
 * Frame rates for a "sharper ↔ more motion" slider, sharpest first. Any whole number from
 * {@link SCREENSHARE_FPS_MIN} to {@link SCREENSHARE_FPS_MAX} is a valid setting; these are the steps.
 */
export const SCREENSHARE_FPS_STEPS: readonly number[] = Object.freeze([1, 2, 5, 10, 15, 30]);

/** Longest device id accepted (browser device ids are 64 hex characters). */
export const MAX_DEVICE_ID_LENGTH = 256;

/** Every Web App setting. Field names say what the setting does; the seed's label is in each comment. */
export interface Settings {
  /** "Your name": the name other participants see. `''` = ask when joining. */
  displayName: string;
  /** "Camera": the chosen video input's device id, or {@link DEFAULT_DEVICE_ID}. */
  cameraId: string;
  /** "Microphone": the chosen audio input's device id, or {@link DEFAULT_DEVICE_ID}. */
  microphoneId: string;
  /** "Audio Output": the chosen speakers or headset (audio output device id), or {@link DEFAULT_DEVICE_ID}. */
  speakerId: string;
  /** "Bandwidth": maximum call bandwidth in kbps, {@link BANDWIDTH_MIN}–{@link BANDWIDTH_MAX}; default 576. */
  bandwidth: number;
  /** "Mute microphone when first connecting". */
  muteMicrophoneOnJoin: boolean;
  /** "Always preview audio and video settings before connecting". */
  previewBeforeJoining: boolean;
  /** "Show confirmation when disconnecting". */
  confirmOnDisconnect: boolean;
  /** "View full motion presentation (by default)": receive presentations as video, not still images. */
  fullMotionPresentation: boolean;
  /** "Screensharing quality" as the frame rate to share the screen at: lower is sharper, higher has more motion. */
  screenshareFrameRate: number;
  /** "Send anonymous usage statistics to Pexip". This library sends none; the host page may read it. */
  sendUsageStatistics: boolean;
  /** "Language": {@link LANGUAGE_AUTO} or a BCP 47 tag (canonical form, e.g. `zh-Hans`). */
  language: string;
  /** "Default domain": appended to dialled aliases without one; `''` = none. */
  defaultDomain: string;
  /** Protocol preselected when adding a participant (`defaultDialOutProtocol`). */
  defaultDialOutProtocol: DialOutProtocol;
}

/** The name of one setting. */
export type SettingKey = keyof Settings;

/**
 * Built-in defaults. Where the seed gives one it is used (bandwidth 576; presentations "by default …
 * received as still images"; SIP as the dial-out protocol; previewing is on, since the seed suggests
 * clearing it "to speed up the joining process"). Otherwise the least surprising choice: nothing muted,
 * no confirmation, no statistics, the browser's language and devices.
 */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  displayName: '',
  cameraId: DEFAULT_DEVICE_ID,
  microphoneId: DEFAULT_DEVICE_ID,
  speakerId: DEFAULT_DEVICE_ID,
  bandwidth: BANDWIDTH_DEFAULT,
  muteMicrophoneOnJoin: false,
  previewBeforeJoining: true,
  confirmOnDisconnect: false,
  fullMotionPresentation: false,
  screenshareFrameRate: 5,
  sendUsageStatistics: false,
  language: LANGUAGE_AUTO,
  defaultDomain: '',
  defaultDialOutProtocol: 'sip',
});

/** Every setting name, in the order a settings page shows them. */
export const SETTING_KEYS: readonly SettingKey[] = Object.freeze(
  Object.keys(DEFAULT_SETTINGS) as SettingKey[],
);

/** Whether `key` names a setting. */
export const isSettingKey = (key: string): key is SettingKey =>
  Object.prototype.hasOwnProperty.call(DEFAULT_SETTINGS, key);
