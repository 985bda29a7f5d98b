/**
 * The page's settings: one SettingsStore per page (persisted per origin), shared by every
 * `<pex-call>` and `<pex-settings>` that is not given a store of its own.
 */
import { SettingsStore } from './settings.js';

let shared: SettingsStore | undefined;

export function sharedSettings(): SettingsStore {
  shared ??= new SettingsStore();
  return shared;
}
