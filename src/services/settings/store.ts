/**
 * {@link SettingsStore}: the participant's settings as immutable snapshots, with validated updates,
 * administrator defaults and hidden settings, a per-conference media history, and persistence (see
 * `storage.ts`).
 *
 * @module
 */
import type { JoinMedia, LinkMedia } from '../link-rules.js';
import { parseAdminConfig, type AdminConfig } from './admin.js';
import { failResult, okResult, type SettingsResult } from './errors.js';
import { DEFAULT_SETTINGS, isSettingKey, SETTING_KEYS, type SettingKey, type Settings } from './schema.js';
import {
  defaultStorage,
  historyKey,
  JOIN_MEDIA,
  MEDIA_HISTORY_LIMIT,
  readDocument,
  SETTINGS_STORAGE_KEY,
  writeDocument,
  type SettingsStorage,
  type StoredDocument,
} from './storage.js';
import { validateSetting, validateSettings } from './validation.js';

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
    return readDocument(this.#storage, this.#key, this.#limit);
  }

  #write(change: (doc: StoredDocument) => void): void {
    writeDocument(this.#storage, this.#key, this.#limit, change);
  }
}
