import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { matchLanguage, setLanguage } from '../i18n/localization.js';
import { LANGUAGE_AUTO, type SettingsStore } from '../services/settings.js';

/** Keeps the page's language in line with the `language` setting while its host is connected. */
export class LanguageController implements ReactiveController {
  #unsubscribe: (() => void) | undefined;
  #store: SettingsStore;

  constructor(host: ReactiveControllerHost, store: SettingsStore) {
    this.#store = store;
    host.addController(this);
  }

  set store(store: SettingsStore) {
    if (store === this.#store) return;
    const connected = this.#unsubscribe !== undefined;
    this.hostDisconnected();
    this.#store = store;
    if (connected) this.hostConnected();
  }

  hostConnected(): void {
    let last = '';
    const apply = (language: string): void => {
      if (language === last) return;
      last = language;
      const wanted = language === LANGUAGE_AUTO ? matchLanguage(navigator.languages ?? []) : language;
      void setLanguage(wanted);
    };
    apply(this.#store.get().language);
    this.#unsubscribe = this.#store.subscribe((s) => apply(s.language));
  }

  hostDisconnected(): void {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
  }
}
