/**
 * The administrator's configuration: first-time defaults and hidden (locked) settings, parsed from
 * JSON or an element attribute. Downloading one is `../admin-config.ts` (loaded only when a page
 * names one).
 *
 * @module
 */
import { failResult, okResult, type SettingsResult } from './errors.js';
import { isSettingKey, type SettingKey, type Settings } from './schema.js';
import { validateSetting } from './validation.js';

/**
 * What the administrator configures: first-time defaults, and settings hidden from (and locked for)
 * participants. As JSON: `{ "defaults": { "bandwidth": 1264 }, "hidden": ["bandwidth"] }`.
 */
export interface AdminConfig {
  /** Values used wherever the participant has not chosen one. */
  readonly defaults: Readonly<Partial<Settings>>;
  /** Settings the participant cannot see or change; they always report the administrator's value. */
  readonly hidden: readonly SettingKey[];
}

function parseHiddenList(value: unknown): SettingsResult<SettingKey[]> {
  if (!Array.isArray(value)) return failResult('invalid-admin-config', 'hidden');
  const keys: SettingKey[] = [];
  for (const k of value) {
    if (typeof k !== 'string' || !isSettingKey(k)) return failResult('invalid-admin-config', String(k));
    if (!keys.includes(k)) keys.push(k);
  }
  return okResult(keys);
}

/**
 * Validates an administrator configuration object (parsed JSON). `defaults` and `hidden` are both
 * optional; other top-level keys are ignored (room for `$schema` or notes). An unknown setting name or
 * an invalid value is an `invalid-admin-config` error naming it: the administrator typed it.
 */
export function parseAdminConfig(json: unknown): SettingsResult<AdminConfig> {
  if (typeof json !== 'object' || json === null || Array.isArray(json))
    return failResult('invalid-admin-config');
  const record = json as Record<string, unknown>;
  const defaults: Record<string, unknown> = {};
  const rawDefaults = record['defaults'];
  if (rawDefaults !== undefined) {
    if (typeof rawDefaults !== 'object' || rawDefaults === null || Array.isArray(rawDefaults)) {
      return failResult('invalid-admin-config', 'defaults');
    }
    for (const [key, value] of Object.entries(rawDefaults)) {
      const r = validateSetting(key as SettingKey, value);
      if (!r.ok) return failResult('invalid-admin-config', key);
      defaults[key] = r.value;
    }
  }
  let hidden: SettingKey[] = [];
  if (record['hidden'] !== undefined) {
    const h = parseHiddenList(record['hidden']);
    if (!h.ok) return h;
    hidden = h.value;
  }
  return okResult(
    Object.freeze({ defaults: Object.freeze(defaults as Partial<Settings>), hidden: Object.freeze(hidden) }),
  );
}

/**
 * Parses a list of hidden settings from an element attribute: names separated by spaces or commas
 * (`hidden-settings="bandwidth, language"`). `null` or empty is no hidden settings.
 */
export function parseHiddenAttribute(
  value: string | null | undefined,
): SettingsResult<readonly SettingKey[]> {
  if (value === null || value === undefined) return okResult([]);
  return parseHiddenList(value.split(/[\s,]+/).filter((s) => s !== ''));
}
