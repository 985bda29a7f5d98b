/**
 * Checking setting values: each field's rules ({@link validateSetting}), whole partial objects
 * ({@link validateSettings}), and picking a saved device that may have gone ({@link resolveDevice}).
 *
 * @module
 */
import { BANDWIDTH_MAX, BANDWIDTH_MIN, MAX_NAME_LENGTH, validateDomain } from '../link-rules.js';
import { failResult, okResult, type SettingsResult } from './errors.js';
import {
  DEFAULT_DEVICE_ID,
  DIAL_OUT_PROTOCOLS,
  isSettingKey,
  LANGUAGE_AUTO,
  MAX_DEVICE_ID_LENGTH,
  SCREENSHARE_FPS_MAX,
  SCREENSHARE_FPS_MIN,
  type SettingKey,
  type Settings,
} from './schema.js';

function hasControlCharacters(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (
      c <= 0x1f ||
      (c >= 0x7f && c <= 0x9f) ||
      (c >= 0x202a && c <= 0x202e) ||
      (c >= 0x2066 && c <= 0x2069)
    ) {
      return true;
    }
  }
  return false;
}

function canonicalLanguage(value: string): string | undefined {
  if (value === LANGUAGE_AUTO) return value;
  if (value.length === 0 || value.length > 35) return undefined;
  try {
    return Intl.getCanonicalLocales(value)[0];
  } catch {
    return undefined;
  }
}

/** The valid (possibly normalised) value, or `undefined` when invalid. */
function validateValue(key: SettingKey, value: unknown): unknown {
  const invalid = undefined;
  switch (key) {
    case 'displayName':
      // Not trimmed: a settings field bound to this must be able to hold "Bob " while typing.
      return typeof value === 'string' && value.length <= MAX_NAME_LENGTH && !hasControlCharacters(value)
        ? value
        : invalid;
    case 'cameraId':
    case 'microphoneId':
    case 'speakerId':
      return typeof value === 'string' &&
        value.length > 0 &&
        value.length <= MAX_DEVICE_ID_LENGTH &&
        !hasControlCharacters(value)
        ? value
        : invalid;
    case 'bandwidth':
      return Number.isInteger(value) &&
        (value as number) >= BANDWIDTH_MIN &&
        (value as number) <= BANDWIDTH_MAX
        ? value
        : invalid;
    case 'screenshareFrameRate':
      return Number.isInteger(value) &&
        (value as number) >= SCREENSHARE_FPS_MIN &&
        (value as number) <= SCREENSHARE_FPS_MAX
        ? value
        : invalid;
    case 'language':
      return typeof value === 'string' ? canonicalLanguage(value) : invalid;
    case 'defaultDomain': {
      if (value === '') return value;
      if (typeof value !== 'string') return invalid;
      const d = validateDomain(value);
      // Stored as validated (trimmed), so what is shown is what gets appended.
      return d.ok && d.value === value ? value : invalid;
    }
    case 'defaultDialOutProtocol':
      return typeof value === 'string' && (DIAL_OUT_PROTOCOLS as readonly string[]).includes(value)
        ? value
        : invalid;
    case 'muteMicrophoneOnJoin':
    case 'previewBeforeJoining':
    case 'confirmOnDisconnect':
    case 'fullMotionPresentation':
    case 'sendUsageStatistics':
      return typeof value === 'boolean' ? value : invalid;
  }
}

/**
 * Validates one setting's value. The returned value may be normalised (a language tag in canonical
 * case, `zh-hans` → `zh-Hans`); everything else is returned as given.
 */
export function validateSetting<K extends SettingKey>(key: K, value: unknown): SettingsResult<Settings[K]> {
  if (typeof key !== 'string' || !isSettingKey(key)) return failResult('unknown-setting', String(key));
  const v = validateValue(key, value);
  return v === undefined ? failResult('invalid-value', key) : okResult(v as Settings[K]);
}

/**
 * Validates a partial settings object: every key must be a known setting with a valid value. The first
 * problem is the error (no partial result). Values are normalised as in {@link validateSetting}.
 */
export function validateSettings(partial: unknown): SettingsResult<Partial<Settings>> {
  if (typeof partial !== 'object' || partial === null || Array.isArray(partial)) {
    return failResult('invalid-value');
  }
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(partial)) {
    const r = validateSetting(key as SettingKey, value);
    if (!r.ok) return r;
    out[key] = r.value;
  }
  return okResult(out as Partial<Settings>);
}

/**
 * Picks the device to use: the saved id if it is still among the available devices, otherwise
 * {@link DEFAULT_DEVICE_ID} (the desktop client's "fall back to the Default device instead of None").
 * The saved setting is not changed, so the device is used again when it comes back.
 *
 * @param available device ids, or `MediaDeviceInfo`-like objects, of the right kind.
 */
export function resolveDevice(
  savedId: string | undefined,
  available: Iterable<string | { readonly deviceId: string }>,
): string {
  if (!savedId || savedId === DEFAULT_DEVICE_ID) return DEFAULT_DEVICE_ID;
  for (const d of available) {
    if ((typeof d === 'string' ? d : d.deviceId) === savedId) return savedId;
  }
  return DEFAULT_DEVICE_ID;
}
