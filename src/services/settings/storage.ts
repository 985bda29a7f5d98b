/**
 * Where settings live between visits: one namespaced `localStorage` key holding versioned JSON, read
 * defensively (corrupt, foreign or future-version documents are ignored, invalid values dropped one by
 * one) and written by re-reading first, so several stores sharing the key do not undo each other's
 * writes. A storage that is missing or throws leaves the caller working in memory.
 *
 * @module
 */
import { validateAlias, type JoinMedia } from '../link-rules.js';
import { isSettingKey, type Settings } from './schema.js';
import { validateSetting } from './validation.js';

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

export const JOIN_MEDIA: readonly JoinMedia[] = ['video', 'audio', 'none'];

export interface StoredDocument {
  settings: Partial<Settings>;
  /** Oldest first: `[alias key, media]`. */
  media: [string, JoinMedia][];
}

export function defaultStorage(): SettingsStorage | null {
  try {
    // Reading `localStorage` itself throws in sandboxed iframes and with storage blocked.
    return globalThis.localStorage ?? null;
  } catch {
    return null;
  }
}

/** The media history key of a conference alias (matched case-insensitively); `undefined` if invalid. */
export function historyKey(alias: string): string | undefined {
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

/** Reads the stored document; a storage that throws or holds something unreadable gives an empty one. */
export function readDocument(storage: SettingsStorage | null, key: string, limit: number): StoredDocument {
  let text: string | null = null;
  try {
    text = storage?.getItem(key) ?? null;
  } catch {
    text = null;
  }
  return decodeDocument(typeof text === 'string' ? text : null, limit);
}

/** Re-reads the stored document, applies `change` and writes it back; storage failures are ignored. */
export function writeDocument(
  storage: SettingsStorage | null,
  key: string,
  limit: number,
  change: (doc: StoredDocument) => void,
): void {
  if (!storage) return;
  const doc = readDocument(storage, key, limit);
  change(doc);
  try {
    if (Object.keys(doc.settings).length === 0 && doc.media.length === 0) {
      storage.removeItem(key);
    } else {
      const json = JSON.stringify({
        v: SETTINGS_STORAGE_VERSION,
        settings: doc.settings,
        media: doc.media,
      });
      storage.setItem(key, json);
    }
  } catch {
    // Quota exceeded, privacy mode or a revoked permission: keep working in memory.
  }
}
