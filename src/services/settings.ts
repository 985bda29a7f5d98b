/**
 * The Web App's personal settings (seed: "About Infinity Connect client settings"), validated,
 * persisted per origin and overridable by the administrator.
 *
 * - {@link SettingsStore} holds a typed {@link Settings} snapshot: frozen, replaced (never mutated) on
 *   every change, so a consumer can compare identities. `set` validates and returns a typed
 *   {@link SettingsError} instead of throwing.
 * - Persistence: one namespaced `localStorage` key ({@link SETTINGS_STORAGE_KEY}) holding versioned
 *   JSON. Storage is untrusted and optional: corrupt, foreign or future-version JSON is ignored,
 *   invalid stored values are dropped one by one, and a storage that is missing or throws (privacy
 *   mode, quota, sandboxed iframe) leaves the store working in memory.
 * - Secrets are never stored: {@link Settings} has no PIN, password or token field, `set` refuses
 *   unknown keys, and only known keys are ever written.
 * - Administrator defaults (the seed's "first-time default … by Customizing the Infinity Connect Web
 *   App") apply wherever the participant has not chosen; hidden settings are locked to the
 *   administrator's value.
 * - A small per-conference "last media choice" history serves `join=1` links without a media option.
 *
 *
 * The parts live in `settings/`: `schema.ts` (the type, defaults and allowed values), `errors.ts`,
 * `validation.ts`, `admin.ts` (administrator configuration), `storage.ts` (the stored document) and
 * `store.ts` ({@link SettingsStore}). This module is the public face; import from here.
 *
 * @module
 */
export {
  DEFAULT_DEVICE_ID,
  DEFAULT_SETTINGS,
  DIAL_OUT_PROTOCOLS,
  LANGUAGE_AUTO,
  MAX_DEVICE_ID_LENGTH,
  SCREENSHARE_FPS_MAX,
  SCREENSHARE_FPS_MIN,
  SCREENSHARE_FPS_STEPS,
  SETTING_KEYS,
  SUPPORTED_LANGUAGES,
  type DialOutProtocol,
  type SettingKey,
  type Settings,
} from './settings/schema.js';
export { SettingsError, type SettingsErrorCode, type SettingsResult } from './settings/errors.js';
export { resolveDevice, validateSetting, validateSettings } from './settings/validation.js';
export { parseAdminConfig, parseHiddenAttribute, type AdminConfig } from './settings/admin.js';
export {
  MEDIA_HISTORY_LIMIT,
  SETTINGS_STORAGE_KEY,
  SETTINGS_STORAGE_VERSION,
  type SettingsStorage,
} from './settings/storage.js';
export { SettingsStore, type SettingsListener, type SettingsStoreOptions } from './settings/store.js';
