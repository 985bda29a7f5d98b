import { ContextConsumer } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, state } from 'lit/decorators.js';
import { CallController } from '../../controllers/call-controller.js';
import { LanguageController } from '../../controllers/language-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import { languages } from '../../i18n/localization.js';
import type { CallService } from '../../services/call-service.js';
import { settingsContext } from '../../services/context.js';
import { CallError } from '../../services/errors.js';
import { BANDWIDTH_MAX, BANDWIDTH_MIN } from '../../services/links.js';
import { playTestTone, startLevelMeter } from '../../services/media/level-meter.js';
import { openMedia, stopStream } from '../../services/media/open-media.js';
import {
  DIAL_OUT_PROTOCOLS,
  LANGUAGE_AUTO,
  SCREENSHARE_FPS_STEPS,
  type DialOutProtocol,
  type Settings,
  type SettingsStore,
} from '../../services/settings.js';
import { sharedSettings } from '../../services/shared-settings.js';
import { deviceSelect, type DeviceKey } from '../shared/device-select.js';
import { styles } from './settings.styles.js';

/** Bandwidth choices offered (kbps), as in the Web App. */
const BANDWIDTHS = [256, 384, 512, 576, 768, 1024, 1264, 1464, 1864].filter(
  (b) => b >= BANDWIDTH_MIN && b <= BANDWIDTH_MAX,
);

/**
 * Every Infinity Connect client setting: name; camera, microphone (with a live level meter) and
 * speaker with a preview; join muted; always preview; bandwidth; screensharing quality; confirm on
 * disconnect; full-motion presentation; language; default domain; default dial-out protocol.
 * Changes are saved at once (per origin). Settings an administrator hides are not shown.
 *
 * Works inside `<pex-call>` (edits that call's settings and switches devices in a running call), with
 * `call="<id of a pex-call>"`, or on its own before any call exists (the page's shared settings).
 *
 * @tagname pex-settings
 * @summary The client settings, with device preview and level meter.
 * @attr {'light' | 'dark' | 'high-contrast' | 'light high-contrast' | 'dark high-contrast'} theme - Colour theme. Without it, the page's `--pex-color-scheme`, then its `prefers-color-scheme` and `prefers-contrast`, decide; elements inside this one take its theme.
 *
 * @event pex-settings-change - A setting was saved (`CustomEvent<{ settings: Settings }>`).
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
@localized()
export class PexSettings extends LitElement {
  static override styles = styles;

  /** The id of a `<pex-call>` elsewhere on the page whose settings to edit. */
  @property({ reflect: true }) call: string | null = null;
  /** The store to edit (property only); by default the call's, else the page's shared settings. */
  @property({ attribute: false }) settings: SettingsStore | undefined;

  @state() private devices: MediaDeviceInfo[] = [];
  @state() private permission: 'unknown' | 'granted' | 'denied' = 'unknown';
  @state() private previewStream: MediaStream | undefined;
  @state() private level = 0;
  @state() private errors: Partial<Record<keyof Settings, string>> = {};
  @state() private notice = '';

  readonly #call = new CallController(this, (service) => this.#onService(service));
  #contextSettings: SettingsStore | undefined;
  readonly #store = new StoreController<Readonly<Settings>>(this);
  readonly #language = new LanguageController(this, sharedSettings());
  #service: CallService | undefined;
  #stopMeter: (() => void) | undefined;
  #onDeviceChange = (): void => void this.#listDevices();

  constructor() {
    super();
    new ContextConsumer(this, {
      context: settingsContext,
      subscribe: true,
      callback: (store) => {
        this.#contextSettings = store;
        this.#bindStore();
      },
    });
  }

  /** The store being edited. */
  get store(): SettingsStore {
    const fromElement = (this.#call.element as { settings?: SettingsStore } | undefined)?.settings;
    return this.settings ?? fromElement ?? this.#contextSettings ?? sharedSettings();
  }

  override connectedCallback(): void {
    super.connectedCallback();
    navigator.mediaDevices?.addEventListener?.('devicechange', this.#onDeviceChange);
    void this.#listDevices();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.#onDeviceChange);
    this.#stopPreview();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('call')) this.#call.callId = this.call;
    if (changed.has('settings') || changed.has('call')) this.#bindStore();
  }

  #bindStore(): void {
    const store = this.store;
    this.#store.store = store;
    this.#language.store = store;
  }

  #onService(service: CallService | undefined): void {
    this.#service = service;
    this.#bindStore();
  }

  get #inCall(): boolean {
    return this.#service?.conference.get().phase === 'in-call';
  }

  // ------------------------------------------------------------------------------------------
  // Devices

  async #listDevices(): Promise<void> {
    const list = (await navigator.mediaDevices?.enumerateDevices?.().catch(() => [])) ?? [];
    this.devices = list.filter((d) => d.deviceId !== '');
    if (this.devices.some((d) => d.label)) this.permission = 'granted';
  }

  /** Asks for camera and microphone so devices get names, and starts the preview and meter. */
  async startPreview(): Promise<void> {
    this.#stopPreview();
    const s = this.store.get();
    try {
      this.previewStream = await openMedia('video', { cameraId: s.cameraId, microphoneId: s.microphoneId });
      this.permission = 'granted';
      this.notice = '';
    } catch (e) {
      this.permission = 'denied';
      this.notice = (e as CallError).message;
      return;
    }
    if (!this.isConnected) {
      this.#stopPreview();
      return;
    }
    await this.#listDevices();
    if (this.previewStream) this.#startMeter(this.previewStream);
  }

  #startMeter(stream: MediaStream): void {
    this.#stopMeter?.();
    this.#stopMeter = startLevelMeter(stream, (level) => (this.level = level));
  }

  #stopPreview(): void {
    this.#stopMeter?.();
    this.#stopMeter = undefined;
    stopStream(this.previewStream);
    this.previewStream = undefined;
  }

  /** Plays a short tone on the chosen speaker. */
  async testSpeaker(): Promise<void> {
    try {
      await playTestTone(this.store.get().speakerId);
    } catch (e) {
      this.notice = new CallError('unknown', String(e)).message;
    }
  }

  // ------------------------------------------------------------------------------------------

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
    this.dispatchEvent(
      new CustomEvent('pex-settings-change', {
        detail: { settings: result.value },
        bubbles: true,
        composed: true,
      }),
    );
    if ((key === 'cameraId' || key === 'microphoneId') && this.#inCall) {
      void this.#service
        ?.switchDevices({ [key]: value as string })
        .catch((e: CallError) => (this.notice = e.message));
    }
    if ((key === 'cameraId' || key === 'microphoneId') && this.previewStream) void this.startPreview();
  }

  #devicesOf(kind: MediaDeviceKind): MediaDeviceInfo[] {
    return this.devices.filter(
      (d) => d.kind === kind && d.deviceId !== 'default' && d.deviceId !== 'communications',
    );
  }

  // ------------------------------------------------------------------------------------------
  // Rendering

  protected override render(): TemplateResult {
    const s = this.#store.value ?? this.store.get();
    const hidden = (k: keyof Settings): boolean => this.store.isHidden(k);
    const error = (k: keyof Settings): TemplateResult | typeof nothing =>
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
      ${this.#renderDevices(s)}
      <section part="section" class="checks">
        ${check('muteMicrophoneOnJoin', msg('Mute microphone when first connecting'))}
        ${check('previewBeforeJoining', msg('Always preview audio and video settings before connecting'))}
        ${check('confirmOnDisconnect', msg('Show confirmation when disconnecting'))}
        ${check('fullMotionPresentation', msg('View full motion presentation by default'))}
        ${check('sendUsageStatistics', msg('Send anonymous usage statistics'))}
      </section>
      <section part="section" class="grid">
        ${
          hidden('bandwidth')
            ? nothing
            : html`<label
                >${msg('Bandwidth')}
                <select
                  name="bandwidth"
                  @change=${(e: Event) => this.#save('bandwidth', Number((e.target as HTMLSelectElement).value))}
                >
                  ${BANDWIDTHS.map(
                    (b) => html`<option value=${b} ?selected=${b === s.bandwidth}>${b} kbps</option>`,
                  )}
                  ${
                    BANDWIDTHS.includes(s.bandwidth)
                      ? nothing
                      : html`<option value=${s.bandwidth} selected>${s.bandwidth} kbps</option>`
                  }
                </select></label
              >`
        }
        ${hidden('screenshareFrameRate') ? nothing : this.#renderScreenshare(s)}
        ${
          hidden('language')
            ? nothing
            : html`<label
                >${msg('Language')}
                <select
                  name="language"
                  @change=${(e: Event) => this.#save('language', (e.target as HTMLSelectElement).value)}
                >
                  <option value=${LANGUAGE_AUTO} ?selected=${s.language === LANGUAGE_AUTO}>
                    ${msg('Same as the browser')}
                  </option>
                  ${languages.map(
                    (l) =>
                      html`<option value=${l.code} lang=${l.code} ?selected=${s.language === l.code}>
                        ${l.name}
                      </option>`,
                  )}
                </select></label
              >`
        }
        ${
          hidden('defaultDomain')
            ? nothing
            : html`<label
                  >${msg('Default domain')}
                  <input
                    name="defaultDomain"
                    placeholder="example.com"
                    autocomplete="off"
                    spellcheck="false"
                    .value=${s.defaultDomain}
                    aria-describedby="defaultDomain-error"
                    @change=${(e: Event) => this.#save('defaultDomain', (e.target as HTMLInputElement).value.trim())}
                /></label>
                ${error('defaultDomain')}`
        }
        ${
          hidden('defaultDialOutProtocol')
            ? nothing
            : html`<label
                >${msg('Default protocol for adding participants')}
                <select
                  name="defaultDialOutProtocol"
                  @change=${(e: Event) =>
                    this.#save(
                      'defaultDialOutProtocol',
                      (e.target as HTMLSelectElement).value as DialOutProtocol,
                    )}
                >
                  ${DIAL_OUT_PROTOCOLS.map(
                    (p) =>
                      html`<option value=${p} ?selected=${s.defaultDialOutProtocol === p}>
                        ${protocolName(p)}
                      </option>`,
                  )}
                </select></label
              >`
        }
      </section>
      <div class="actions">
        <button type="button" @click=${() => this.store.reset()}>${msg('Restore defaults')}</button>
      </div>
    </form>`;
  }

  #renderScreenshare(s: Readonly<Settings>): TemplateResult {
    const steps = SCREENSHARE_FPS_STEPS;
    const index = Math.max(
      0,
      steps.findIndex((f) => f >= s.screenshareFrameRate),
    );
    return html`<label
      >${msg('Screensharing quality')}
      <span class="range">
        <span aria-hidden="true">${msg('Sharper')}</span>
        <input
          type="range"
          name="screenshareFrameRate"
          min="0"
          max=${steps.length - 1}
          step="1"
          .value=${String(index)}
          aria-valuetext=${msg(str`${s.screenshareFrameRate} frames per second`)}
          @change=${(e: Event) =>
            this.#save('screenshareFrameRate', steps[Number((e.target as HTMLInputElement).value)] ?? 5)}
        />
        <span aria-hidden="true">${msg('More motion')}</span>
      </span></label
    >`;
  }

  #renderDevices(s: Readonly<Settings>): TemplateResult | typeof nothing {
    const cams = this.#devicesOf('videoinput');
    const mics = this.#devicesOf('audioinput');
    const speakers = this.#devicesOf('audiooutput');
    const showCam = !this.store.isHidden('cameraId');
    const showMic = !this.store.isHidden('microphoneId');
    const showSpeaker = !this.store.isHidden('speakerId');
    if (!showCam && !showMic && !showSpeaker) return nothing;
    const select = (key: DeviceKey, label: string, list: MediaDeviceInfo[]): TemplateResult => {
      return deviceSelect(key, label, list, s[key], (id) => this.#save(key, id));
    };
    return html`<section part="section" class="devices" aria-label=${msg('Devices')}>
      ${
        this.permission !== 'granted' || !this.previewStream
          ? html`<button type="button" class="primary" @click=${() => void this.startPreview()}>
              ${msg('Test camera and microphone')}
            </button>`
          : html`<button type="button" @click=${() => this.#stopPreview()}>${msg('Stop test')}</button>`
      }
      ${
        this.previewStream && showCam
          ? html`<video
              part="preview"
              aria-label=${msg('Camera preview')}
              .srcObject=${this.previewStream}
              autoplay
              muted
              playsinline
            ></video>`
          : nothing
      }
      ${showCam ? select('cameraId', msg('Camera'), cams) : nothing}
      ${
        showMic
          ? html`${select('microphoneId', msg('Microphone'), mics)}
              <label
                >${msg('Microphone level')}
                <meter part="meter" min="0" max="100" low="10" high="85" optimum="50" .value=${this.level}>
                  ${this.level}
                </meter></label
              >`
          : nothing
      }
      ${
        showSpeaker
          ? html`${speakers.length > 0 ? select('speakerId', msg('Speaker'), speakers) : nothing}
              <button type="button" @click=${() => void this.testSpeaker()}>${msg('Test speaker')}</button>`
          : nothing
      }
    </section>`;
  }
}

function protocolName(p: DialOutProtocol): string {
  switch (p) {
    case 'auto':
      return msg('Automatic');
    case 'sip':
      return 'SIP';
    case 'h323':
      return 'H.323';
    case 'mssip':
      return msg('Lync / Skype for Business');
    case 'rtmp':
      return 'RTMP';
  }
}
