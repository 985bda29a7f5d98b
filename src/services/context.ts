/**
 * The context `<pex-call>` provides: its CallService. The service object never changes for the life
 * of a `<pex-call>`, so consumers are told once; state changes flow through the service's stores.
 */
import { createContext } from '@lit/context';
import type { CallService } from './call-service.js';
import type { SettingsStore } from './settings.js';

export const callServiceContext = createContext<CallService | undefined>(Symbol.for('pex-call-service'));

/** The settings store `<pex-call>` uses (so `<pex-settings>` inside it edits the same settings). */
export const settingsContext = createContext<SettingsStore | undefined>(Symbol.for('pex-settings-store'));
