import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, type PropertyDeclarations, type PropertyValues } from 'lit';
import { CallController } from '../../controllers/call-controller.js';
import { LanguageController } from '../../controllers/language-controller.js';
import type { CallService } from '../../services/call-service.js';
import { CallError } from '../../services/errors.js';
import type { PanelKind } from '../../services/panels.js';
import type { SettingsStore } from '../../services/settings.js';
import { sharedSettings } from '../../services/shared-settings.js';

/**
 * What every element that follows a call stands on (`<pex-roster>`, `<pex-chat>`, `<pex-share>`,
 * `<pex-settings>`, `<pex-dialpad>`):
 * - the call it follows: the `service` property, else `call="<id of a pex-call>"`, else the
 *   enclosing `<pex-call>` — an id naming anything but a call is refused (see `CallController`);
 * - the settings that call uses (`settingsStore`: the `settings` property, else the call's, else
 *   the page's shared settings), asked of the call by context rather than read from its fields;
 * - the page's language, kept in line with those settings (`LanguageController`, its one owner),
 *   and a re-render when it changes;
 * - `run()`, which turns a failed action into the call's `pex-error`.
 *
 * Declared without decorators, and with TypeScript-private rather than `#` members where it matters:
 * the build lowers both to helpers that would be a good part of what a page downloads before joining.
 */
export class CallConsumer extends LitElement {
  static override properties: PropertyDeclarations = {
    call: {},
    service: { attribute: false },
    settings: { attribute: false },
  };

  /** The id of the `<pex-call>` to follow (when the element is not inside it). */
  call = '';
  /** A call service to use directly (stories, custom pages); wins over `call` and the context. */
  service: CallService | undefined;
  /** The settings to use (property only); by default those of the call followed, else the page's. */
  settings: SettingsStore | undefined;

  protected readonly callLink: CallController;
  private readonly language: LanguageController;

  /** @param panel - Registers the element as this kind of panel with its call (`services/panels.ts`). */
  constructor(panel?: PanelKind) {
    super();
    this.callLink = new CallController(this, () => this.bind(), panel);
    this.language = new LanguageController(this, sharedSettings());
    updateWhenLocaleChanges(this);
  }

  /** The call service in use: the `service` property, else `call="…"`, else the enclosing call. */
  get callService(): CallService | undefined {
    return this.service ?? this.callLink.service;
  }

  /** The settings in use: the `settings` property, else the call's, else the page's shared settings. */
  get settingsStore(): SettingsStore {
    return this.settings ?? this.callLink.settings ?? sharedSettings();
  }

  /** Follows the call service's stores and the settings (subclasses add theirs). */
  protected bind(): void {
    this.language.store = this.settingsStore;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('call')) this.callLink.callId = this.call || null;
    if (changed.has('service') || changed.has('settings')) this.bind();
  }

  /**
   * Runs an action on the call; a failure becomes the call's `pex-error` (reported through the
   * service) and is handed to `onError` (to show its message). Resolves true when the action was done.
   * @internal
   */
  async run(
    action: (service: CallService) => Promise<unknown>,
    onError?: (error: CallError) => void,
  ): Promise<boolean> {
    const service = this.callService;
    if (!service) return false;
    try {
      await action(service);
      return true;
    } catch (e) {
      const error = e instanceof CallError ? e : new CallError('unknown', String(e));
      onError?.(error);
      service.report(error);
      return false;
    }
  }
}
