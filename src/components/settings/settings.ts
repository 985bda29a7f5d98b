import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { StoreController } from '../../controllers/store-controller.js';
import { PexSettingsChangeEvent } from '../../events/settings-events.js';
import type { CallError } from '../../services/errors.js';
import type { Settings, SettingsStore } from '../../services/settings.js';
import { CallConsumer } from '../shared/call-consumer.js';
import { DeviceTest } from './settings-devices.js';
import { renderCallSettings, type FieldError } from './settings-fields.js';
import { styles } from './settings.styles.js';

/**
 * Every Infinity Connect client setting: name; camera, microphone (with a live level meter) and
 * speaker with a preview; join muted; always preview; bandwidth; screensharing quality; confirm on
 * disconnect; full-motion presentation; language; default domain; default dial-out protocol.
 * Changes are saved at once (per origin). Settings an administrator hides are not shown.
 *
 * Works inside `<pex-call>` (edits that call's settings and switches devices in a running call), with
 * `call="<id of a pex-call>"`, or on its own before any call exists (the page's shared settings).
 * The `settings` property edits a given store instead.
 *
 * @tagname pex-settings
 * @summary The client settings, with device preview and level meter.
 * @attr {'light' | 'dark' | 'high-contrast' | 'light high-contrast' | 'dark high-contrast'} theme - Colour theme. Without it, the page's `--pex-color-scheme`, then its `prefers-color-scheme` and `prefers-contrast`, decide; elements inside this one take its theme.
 *
 * @event pex-settings-change - A setting was saved (`PexSettingsChangeEvent`: `settings`, every setting as
 *   saved; also `detail.settings`).
 *
 * @csspart form - The settings form.
 * @csspart section - Each group of settings.
 * @csspart preview - The camera preview.
 * @csspart meter - The microphone level meter.
 *
 * @cssproperty [--pex-accent=#0a5cd5] - Accent colour.
 * @cssproperty [--pex-surface=#fff] - Background.
 * @cssproperty [--pex-text=#1b1f24] - Text colour.
 * @cssproperty [--pex-font-family=system-ui] - Font.
 * @cssproperty [--pex-font-size=1rem] - Text size (the element does not take the page's).
 * @cssproperty [--pex-line-height=1.5] - Line height (the element does not take the page's).
 * @cssproperty [--pex-color-scheme=light dark] - `light` or `dark`: that theme for every element of the page, whatever the person's `prefers-color-scheme` (a `theme` attribute still wins).
 */
export class PexSettings extends CallConsumer {
  static override properties = {
    errors: { state: true },
    notice: { state: true },
  };

  static override styles = styles;

  private errors: Partial<Record<keyof Settings, string>> = {};
  private notice = '';

  readonly #settingsState = new StoreController<Readonly<Settings>>(this);
  readonly #devices = new DeviceTest(
    this,
    () => this.settingsStore,
    (message) => (this.notice = message),
  );

  protected override bind(): void {
    super.bind();
    this.#settingsState.store = this.settingsStore;
  }

  /** The store being edited: the `settings` property, else the call's, else the page's shared settings. */
  get store(): SettingsStore {
    return this.settingsStore;
  }

  /** Asks for camera and microphone so devices get names, and starts the preview and meter. */
  startPreview(): Promise<void> {
    return this.#devices.start();
  }

  /** Plays a short tone on the chosen speaker. */
  testSpeaker(): Promise<void> {
    return this.#devices.testSpeaker();
  }

  #save<K extends keyof Settings>(key: K, value: Settings[K]): void {
    const result = this.store.set({ [key]: value } as Partial<Settings>);
    const errors = { ...this.errors };
    if (!result.ok) {
      errors[key] = result.error.message;
      this.errors = errors;
      return;
    }
    delete errors[key];
    this.errors = errors;
    this.dispatchEvent(new PexSettingsChangeEvent(result.value));
    if (key !== 'cameraId' && key !== 'microphoneId') return;
    const service = this.callService;
    if (service?.conference.get().phase === 'in-call') {
      void service
        .switchDevices({ [key]: value as string })
        .catch((e: CallError) => (this.notice = e.message));
    }
    if (this.#devices.stream) void this.#devices.start();
  }

  protected override render(): TemplateResult {
    const store = this.store;
    const s = store.get();
    const hidden = (k: keyof Settings): boolean => store.isHidden(k);
    const save = <K extends keyof Settings>(key: K, value: Settings[K]): void => this.#save(key, value);
    const error: FieldError = (k) =>
      this.errors[k]
        ? html`<span class="error" id=${`${k}-error`} role="alert">${this.errors[k]}</span>`
        : nothing;
    const check = (k: keyof Settings, label: string): TemplateResult | typeof nothing =>
      hidden(k)
        ? nothing
        : html`<label class="check"
            ><input
              type="checkbox"
              name=${k}
              .checked=${Boolean(s[k])}
              @change=${(e: Event) => this.#save(k, (e.target as HTMLInputElement).checked as never)}
            />${label}</label
          >`;
    return html`<form part="form" aria-label=${msg('Settings')} @submit=${(e: Event) => e.preventDefault()}>
      ${this.notice ? html`<p class="error" role="alert">${this.notice}</p>` : nothing}
      ${
        hidden('displayName')
          ? nothing
          : html`<section part="section">
              <label
                >${msg('Your name')}
                <input
                  name="displayName"
                  autocomplete="name"
                  maxlength="100"
                  .value=${s.displayName}
                  aria-describedby="displayName-error"
                  @change=${(e: Event) => this.#save('displayName', (e.target as HTMLInputElement).value.trim())}
              /></label>
              ${error('displayName')}
            </section>`
      }
      ${this.#devices.render(s, save)}
      <section part="section" class="checks">
        ${check('muteMicrophoneOnJoin', msg('Mute microphone when first connecting'))}
        ${check('previewBeforeJoining', msg('Always preview audio and video settings before connecting'))}
        ${check('confirmOnDisconnect', msg('Show confirmation when disconnecting'))}
        ${check('fullMotionPresentation', msg('View full motion presentation by default'))}
        ${check('sendUsageStatistics', msg('Send anonymous usage statistics'))}
      </section>
      ${renderCallSettings(s, store, save, error)}
      <div class="actions">
        <button type="button" @click=${() => store.reset()}>${msg('Restore defaults')}</button>
      </div>
    </form>`;
  }
}
