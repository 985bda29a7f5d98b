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
 * @module
 */
import { msg, str } from '@lit/localize';
import {
  BANDWIDTH_DEFAULT,
  BANDWIDTH_MAX,
  BANDWIDTH_MIN,
  MAX_NAME_LENGTH,
  validateAlias,
  validateDomain,
  type JoinMedia,
  type LinkMedia,
} from './link-rules.js';

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

// ---------------------------------------------------------------------------------------------------
// Validation

const okResult = <T>(value: T): SettingsResult<T> => ({ ok: true, value });
const failResult = <T>(code: SettingsErrorCode, key?: string, detail?: string): SettingsResult<T> => ({
  ok: false,
  error: new SettingsError(code, key, detail),
});

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

const isSettingKey = (key: string): key is SettingKey =>
  Object.prototype.hasOwnProperty.call(DEFAULT_SETTINGS, key);

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

// ---------------------------------------------------------------------------------------------------
// Administrator configuration

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

// ---------------------------------------------------------------------------------------------------
// Storage

/** The part of `Storage` the store uses; inject one for tests or another backend. */
export interface SettingsStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

/** The `localStorage` key the store uses by default (one per origin, shared by every store). */
export const SETTINGS_STORAGE_KEY = 'pex-components:settings';
/** Version of the stored JSON; a document with another version is ignored. */
export const SETTINGS_STORAGE_VERSION = 1;
/** Default number of conferences whose last media choice is remembered. */
export const MEDIA_HISTORY_LIMIT = 50;

const JOIN_MEDIA: readonly JoinMedia[] = ['video', 'audio', 'none'];

interface StoredDocument {
  settings: Partial<Settings>;
  /** Oldest first: `[alias key, media]`. */
  media: [string, JoinMedia][];
}

function defaultStorage(): SettingsStorage | null {
  try {
    // Reading `localStorage` itself throws in sandboxed iframes and with storage blocked.
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** Conference aliases are matched case-insensitively. */
function historyKey(alias: string): string | undefined {
  const a = validateAlias(alias);
  return a.ok ? a.value.toLowerCase() : undefined;
}

/** Reads whatever is stored, keeping only what is valid; anything unreadable is an empty document. */
function decodeDocument(text: string | null, limit: number): StoredDocument {
  const doc: StoredDocument = { settings: {}, media: [] };
  if (text === null) return doc;
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return doc;
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return doc;
  const record = json as Record<string, unknown>;
  if (record['v'] !== SETTINGS_STORAGE_VERSION) return doc;
  const settings = record['settings'];
  if (typeof settings === 'object' && settings !== null && !Array.isArray(settings)) {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(settings)) {
      if (!isSettingKey(key)) continue; // never carry unknown keys (a stray "pin") forward
      const r = validateSetting(key, value);
      if (r.ok) out[key] = r.value;
    }
    doc.settings = out as Partial<Settings>;
  }
  const media = record['media'];
  if (Array.isArray(media)) {
    for (const entry of limit === 0 ? [] : media.slice(-4 * limit)) {
      if (!Array.isArray(entry) || entry.length !== 2) continue;
      const [alias, choice] = entry as unknown[];
      if (typeof alias !== 'string' || !JOIN_MEDIA.includes(choice as JoinMedia)) continue;
      const key = historyKey(alias);
      if (key === undefined) continue;
      doc.media = doc.media.filter(([k]) => k !== key);
      doc.media.push([key, choice as JoinMedia]);
    }
    doc.media = limit === 0 ? [] : doc.media.slice(-limit);
  }
  return doc;
}

// ---------------------------------------------------------------------------------------------------
// The store

/** Options for {@link SettingsStore}. */
export interface SettingsStoreOptions {
  /**
   * The administrator's first-time defaults. Invalid entries are dropped (the constructor never
   * throws); validate with {@link parseAdminConfig} first to report them.
   */
  readonly adminDefaults?: Partial<Settings>;
  /** Settings hidden from and locked for the participant. Unknown names are dropped. */
  readonly hidden?: readonly SettingKey[];
  /** Where to persist; default `localStorage`, `null` for memory only. */
  readonly storage?: SettingsStorage | null;
  /** The storage key; default {@link SETTINGS_STORAGE_KEY}. */
  readonly storageKey?: string;
  /** How many conferences' last media choice to remember; default {@link MEDIA_HISTORY_LIMIT}. */
  readonly mediaHistoryLimit?: number;
}

/** Called with the new snapshot after every change. */
export type SettingsListener = (settings: Readonly<Settings>) => void;

/**
 * The participant's settings: immutable snapshots, validated updates, administrator defaults and
 * hidden settings, and persistence in `localStorage`.
 *
 * Precedence for each setting: a hidden setting is the administrator's value (or the built-in
 * default); otherwise the participant's own choice, else the administrator's default, else
 * {@link DEFAULT_SETTINGS}. Only the participant's own choices are stored, so a later change to an
 * administrator default reaches everyone who never chose.
 *
 * Several stores on one page may share the storage key; each write re-reads the stored document and
 * changes only what this store changed, so they do not undo each other's writes. Stores do not watch
 * each other live: share one store (for example through context) when elements must agree at once.
 *
 * @example
 * const store = new SettingsStore({ adminDefaults: { bandwidth: 1264 }, hidden: ['bandwidth'] });
 * const off = store.subscribe((s) => console.log(s.language));
 * const r = store.set({ language: 'nb' });
 * if (!r.ok) show(r.error.message);
 */
export class SettingsStore {
  readonly #storage: SettingsStorage | null;
  readonly #key: string;
  readonly #limit: number;
  readonly #listeners = new Set<SettingsListener>();
  #user: Partial<Settings>;
  #media: [string, JoinMedia][];
  #admin: Readonly<Partial<Settings>> = Object.freeze({});
  #hidden: readonly SettingKey[] = Object.freeze([]);
  #snapshot: Readonly<Settings>;

  constructor(options: SettingsStoreOptions = {}) {
    this.#storage = options.storage === undefined ? defaultStorage() : options.storage;
    this.#key = options.storageKey ?? SETTINGS_STORAGE_KEY;
    const limit = options.mediaHistoryLimit ?? MEDIA_HISTORY_LIMIT;
    this.#limit = Number.isInteger(limit) && limit >= 0 ? limit : MEDIA_HISTORY_LIMIT;
    const doc = this.#read();
    this.#user = doc.settings;
    this.#media = doc.media;
    this.#applyAdmin(options.adminDefaults ?? {}, options.hidden ?? [], true);
    this.#snapshot = this.#compute();
  }

  /** The current settings: a frozen object, replaced (never mutated) when anything changes. */
  get(): Readonly<Settings> {
    return this.#snapshot;
  }

  /**
   * Changes some settings, all or nothing. Refuses unknown keys (`unknown-setting`), invalid values
   * (`invalid-value`) and hidden settings (`hidden-setting`; setting a hidden one to the value it
   * already reports is allowed and does nothing, so `set(get())` always succeeds). Listeners are told
   * only if the effective settings changed.
   *
   * @returns the new snapshot, or the error (nothing changed).
   */
  set(partial: Partial<Settings>): SettingsResult<Readonly<Settings>> {
    const v = validateSettings(partial);
    if (!v.ok) return v;
    const changes = v.value;
    const user: Partial<Settings> = { ...this.#user };
    for (const key of Object.keys(changes) as SettingKey[]) {
      if (this.#hidden.includes(key)) {
        if (changes[key] !== this.#snapshot[key]) return failResult('hidden-setting', key);
        delete changes[key];
        continue;
      }
      (user as Record<string, unknown>)[key] = changes[key];
    }
    if (Object.keys(changes).length === 0) return okResult(this.#snapshot);
    this.#user = user;
    this.#write((doc) => {
      doc.settings = { ...doc.settings, ...changes };
    });
    this.#update();
    return okResult(this.#snapshot);
  }

  /**
   * Forgets the participant's choices (all, or the given settings), going back to the administrator's
   * defaults or the built-in ones. The media history is kept (see {@link clearMediaHistory}).
   */
  reset(keys: readonly SettingKey[] = SETTING_KEYS): Readonly<Settings> {
    const user: Record<string, unknown> = { ...this.#user };
    for (const key of keys) delete user[key];
    this.#user = user as Partial<Settings>;
    this.#write((doc) => {
      const stored: Record<string, unknown> = { ...doc.settings };
      for (const key of keys) delete stored[key];
      doc.settings = stored as Partial<Settings>;
    });
    this.#update();
    return this.#snapshot;
  }

  /**
   * Calls `listener` with the new snapshot after each change (not immediately). A listener that throws
   * does not stop the others; its error is reported asynchronously.
   *
   * @returns a function that unsubscribes (safe to call more than once).
   */
  subscribe(listener: SettingsListener): () => void {
    // Wrapped so subscribing the same function twice gives two independent subscriptions.
    const entry: SettingsListener = (s) => listener(s);
    this.#listeners.add(entry);
    return () => {
      this.#listeners.delete(entry);
    };
  }

  /** The administrator's defaults in force. */
  get adminDefaults(): Readonly<Partial<Settings>> {
    return this.#admin;
  }

  /** The settings the administrator has hidden. */
  get hidden(): readonly SettingKey[] {
    return this.#hidden;
  }

  /** Whether the administrator has hidden (locked) this setting. */
  isHidden(key: SettingKey): boolean {
    return this.#hidden.includes(key);
  }

  /**
   * Replaces the administrator configuration (for example once `loadAdminConfig()` resolves).
   * Validated like {@link parseAdminConfig}; on error nothing changes. Listeners are told if the
   * effective settings changed.
   */
  setAdminConfig(config: Partial<AdminConfig>): SettingsResult<Readonly<Settings>> {
    const parsed = parseAdminConfig({ defaults: config.defaults ?? {}, hidden: config.hidden ?? [] });
    if (!parsed.ok) return parsed;
    this.#applyAdmin(parsed.value.defaults, parsed.value.hidden, false);
    this.#update();
    return okResult(this.#snapshot);
  }

  /** The media last used to join this conference (case-insensitive alias), if remembered. */
  lastMedia(alias: string): JoinMedia | undefined {
    const key = historyKey(alias);
    return key === undefined ? undefined : this.#media.find(([k]) => k === key)?.[1];
  }

  /**
   * Remembers the media used to join a conference, as its most recent entry; the oldest entries are
   * forgotten beyond the history limit. Ignored for an invalid alias or media.
   */
  rememberMedia(alias: string, media: JoinMedia): void {
    const key = historyKey(alias);
    if (key === undefined || !JOIN_MEDIA.includes(media)) return;
    const add = (list: [string, JoinMedia][]): [string, JoinMedia][] =>
      [...list.filter(([k]) => k !== key), [key, media] as [string, JoinMedia]].slice(-this.#limit);
    this.#media = this.#limit === 0 ? [] : add(this.#media);
    this.#write((doc) => {
      doc.media = this.#limit === 0 ? [] : add(doc.media);
    });
  }

  /** Forgets every remembered media choice. */
  clearMediaHistory(): void {
    this.#media = [];
    this.#write((doc) => {
      doc.media = [];
    });
  }

  /**
   * The media to join with for a link's media option: an explicit choice as is; `'last-used'` is the
   * conference's remembered choice, else `fallback` (the seed's "default media option" the first time).
   */
  mediaForLink(alias: string | undefined, media: LinkMedia, fallback: JoinMedia = 'video'): JoinMedia {
    if (media !== 'last-used') return media;
    return (alias !== undefined ? this.lastMedia(alias) : undefined) ?? fallback;
  }

  // -------------------------------------------------------------------------------------------------

  #applyAdmin(defaults: Partial<Settings>, hidden: readonly SettingKey[], lenient: boolean): void {
    const admin: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(defaults)) {
      const r = validateSetting(key as SettingKey, value);
      if (r.ok) admin[key] = r.value;
      else if (!lenient) return;
    }
    this.#admin = Object.freeze(admin as Partial<Settings>);
    this.#hidden = Object.freeze(hidden.filter((k) => typeof k === 'string' && isSettingKey(k)));
  }

  #compute(): Readonly<Settings> {
    const next: Record<string, unknown> = {};
    for (const key of SETTING_KEYS) {
      const admin = this.#admin[key];
      const user = this.#hidden.includes(key) ? undefined : this.#user[key];
      next[key] = user ?? admin ?? DEFAULT_SETTINGS[key];
    }
    return Object.freeze(next as unknown as Settings);
  }

  #update(): void {
    const next = this.#compute();
    if (SETTING_KEYS.every((k) => next[k] === this.#snapshot[k])) return;
    this.#snapshot = next;
    for (const listener of [...this.#listeners]) {
      try {
        listener(next);
      } catch (e) {
        queueMicrotask(() => {
          throw e;
        });
      }
    }
  }

  #read(): StoredDocument {
    let text: string | null = null;
    try {
      text = this.#storage?.getItem(this.#key) ?? null;
    } catch {
      text = null;
    }
    return decodeDocument(typeof text === 'string' ? text : null, this.#limit);
  }

  /** Re-reads the stored document, applies `change` and writes it back; storage failures are ignored. */
  #write(change: (doc: StoredDocument) => void): void {
    if (!this.#storage) return;
    const doc = this.#read();
    change(doc);
    try {
      if (Object.keys(doc.settings).length === 0 && doc.media.length === 0) {
        this.#storage.removeItem(this.#key);
      } else {
        const json = JSON.stringify({
          v: SETTINGS_STORAGE_VERSION,
          settings: doc.settings,
          media: doc.media,
        });
        this.#storage.setItem(this.#key, json);
      }
    } catch {
      // Quota exceeded, privacy mode or a revoked permission: keep working in memory.
    }
  }
}
