import { msg } from '@lit/localize';
import { html, nothing, type ReactiveControllerHost, type TemplateResult } from 'lit';
import { adoptStyles } from '../../controllers/lazy-body.js';
import { CallError } from '../../services/errors.js';
import { playTestTone, startLevelMeter } from '../../services/media/level-meter.js';
import { openMedia, stopStream } from '../../services/media/open-media.js';
import { DEFAULT_DEVICE_ID, type SettingsStore } from '../../services/settings.js';
import { deviceSelect, type DeviceKey } from '../shared/device-select.js';
import { deviceCheckStyles } from './device-check.styles.js';

/**
 * The device check of `<pex-call>` ("Always preview audio and video settings before connecting"):
 * shown after the person chose to join with media (or to add media to a control-only call), never
 * before. It opens the camera (video only) and microphone, shows the picture, the microphone level
 * and the speakers, lets the person change each (saved as their settings), and hands the checked
 * stream to the call. "Don't show me these options again" clears the setting. Loaded with `import()`
 * the first time it is needed.
 */

/** What the check is for: joining, or adding media to a control-only call. */
export type DeviceCheckPurpose = 'join' | 'escalate';

export interface DeviceCheckOptions {
  /** The element the check renders into. */
  host: ReactiveControllerHost & HTMLElement;
  settings: SettingsStore;
  /** `video`: camera and microphone; `audio`: the microphone only (the camera is never opened). */
  mode: 'video' | 'audio';
  purpose: DeviceCheckPurpose;
  /** The person confirmed: the stream is theirs to use (and stop) from now on. */
  onConfirm(stream: MediaStream): void;
  /** The person went back: nothing stays open. */
  onCancel(): void;
  /** The devices could not be opened (blocked, missing, in use): shown here, and reported. */
  onError(error: CallError): void;
}

export class DeviceCheck {
  readonly mode: 'video' | 'audio';
  readonly purpose: DeviceCheckPurpose;
  readonly #o: DeviceCheckOptions;
  #stream: MediaStream | undefined;
  #devices: MediaDeviceInfo[] = [];
  #level = 0;
  #error = '';
  #opening = false;
  #dontShowAgain = false;
  #stopMeter: (() => void) | undefined;
  #done = false;
  /** Each (re)open gets a number; an answer for an older one is dropped. */
  #generation = 0;

  constructor(options: DeviceCheckOptions) {
    this.#o = options;
    this.mode = options.mode;
    this.purpose = options.purpose;
    if (options.host.shadowRoot) adoptStyles(options.host.shadowRoot, deviceCheckStyles);
    void this.#open();
  }

  /** The stream being checked (for tests). */
  get stream(): MediaStream | undefined {
    return this.#stream;
  }

  /** Closes the check, stopping everything it opened. */
  cancel(): void {
    if (this.#done) return;
    this.#dispose();
    stopStream(this.#stream);
    this.#stream = undefined;
    this.#o.onCancel();
  }

  #confirm(): void {
    const stream = this.#stream;
    if (this.#done || !stream) return;
    if (this.#dontShowAgain) this.#o.settings.set({ previewBeforeJoining: false });
    this.#dispose();
    this.#stream = undefined;
    this.#o.onConfirm(stream);
  }

  #dispose(): void {
    this.#done = true;
    this.#generation++;
    this.#stopMeter?.();
    this.#stopMeter = undefined;
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.#onDeviceChange);
  }

  readonly #onDeviceChange = (): void => void this.#listDevices();

  async #open(): Promise<void> {
    const generation = ++this.#generation;
    const s = this.#o.settings.get();
    this.#opening = true;
    this.#error = '';
    this.#update();
    let stream: MediaStream | undefined;
    try {
      stream = await openMedia(this.mode, {
        microphoneId: s.microphoneId,
        ...(this.mode === 'video' ? { cameraId: s.cameraId } : {}),
      });
    } catch (e) {
      if (generation !== this.#generation) return;
      const error = e instanceof CallError ? e : new CallError('unknown', String(e));
      this.#opening = false;
      this.#error = error.message;
      this.#update();
      this.#o.onError(error);
      return;
    }
    if (generation !== this.#generation) {
      stopStream(stream); // closed or replaced while the browser was opening the devices
      return;
    }
    this.#stopMeter?.();
    stopStream(this.#stream);
    this.#stream = stream;
    this.#opening = false;
    if (stream) this.#stopMeter = startLevelMeter(stream, (level) => this.#setLevel(level));
    if (generation === 1) navigator.mediaDevices?.addEventListener?.('devicechange', this.#onDeviceChange);
    await this.#listDevices();
    this.#update();
  }

  #setLevel(level: number): void {
    if (level === this.#level) return;
    this.#level = level;
    this.#update();
  }

  async #listDevices(): Promise<void> {
    const all = (await navigator.mediaDevices?.enumerateDevices?.().catch(() => [])) ?? [];
    this.#devices = all.filter(
      (d) => d.deviceId !== '' && d.deviceId !== DEFAULT_DEVICE_ID && d.deviceId !== 'communications',
    );
    this.#update();
  }

  #choose(key: DeviceKey, id: string): void {
    const saved = this.#o.settings.set({ [key]: id });
    if (!saved.ok) {
      this.#error = saved.error.message;
      this.#update();
      return;
    }
    if (key !== 'speakerId') void this.#open();
    else this.#update();
  }

  async #testSpeaker(): Promise<void> {
    try {
      await playTestTone(this.#o.settings.get().speakerId);
    } catch (e) {
      this.#error = new CallError('unknown', String(e)).message;
      this.#update();
    }
  }

  #update(): void {
    if (!this.#done) this.#o.host.requestUpdate();
  }

  render(): TemplateResult {
    const s = this.#o.settings.get();
    const video = this.mode === 'video';
    const select = (
      key: DeviceKey,
      label: string,
      kind: MediaDeviceKind,
    ): TemplateResult | typeof nothing => {
      const list = this.#devices.filter((d) => d.kind === kind);
      if (this.#o.settings.isHidden(key) || (kind === 'audiooutput' && list.length === 0)) return nothing;
      return deviceSelect(key, label, list, s[key], (id) => this.#choose(key, id), this.#opening);
    };
    const title = video ? msg('Check your camera and microphone') : msg('Check your microphone and speakers');
    const confirm =
      this.purpose === 'join' ? msg('Join') : video ? msg('Start my camera') : msg('Start my microphone');
    return html`<section class="panel device-check" part="device-check" aria-labelledby="device-check-title">
      <h2 id="device-check-title">${title}</h2>
      ${this.#error ? html`<p class="error" role="alert">${this.#error}</p>` : nothing}
      ${
        video && this.#stream
          ? html`<video
              class="preview"
              part="preview"
              aria-label=${msg('Camera preview')}
              .srcObject=${this.#stream}
              autoplay
              muted
              playsinline
            ></video>`
          : nothing
      }
      ${this.#opening ? html`<p role="status">${msg('Opening your devices…')}</p>` : nothing}
      ${video ? select('cameraId', msg('Camera'), 'videoinput') : nothing}
      ${select('microphoneId', msg('Microphone'), 'audioinput')}
      <label class="meter"
        >${msg('Microphone level')}
        <meter min="0" max="100" low="10" high="85" optimum="50" .value=${this.#level}>
          ${this.#level}
        </meter></label
      >
      ${
        this.#o.settings.isHidden('speakerId')
          ? nothing
          : html`${select('speakerId', msg('Speaker'), 'audiooutput')}
              <button type="button" @click=${() => void this.#testSpeaker()}>${msg('Test speaker')}</button>`
      }
      ${
        this.#o.settings.isHidden('previewBeforeJoining')
          ? nothing
          : html`<label class="check"
              ><input
                type="checkbox"
                .checked=${this.#dontShowAgain}
                @change=${(e: Event) => (this.#dontShowAgain = (e.target as HTMLInputElement).checked)}
              />${msg("Don't show me these options again")}</label
            >`
      }
      <div class="actions">
        <button class="primary" type="button" ?disabled=${!this.#stream} @click=${() => this.#confirm()}>
          ${confirm}
        </button>
        ${
          this.#error && !this.#stream
            ? html`<button type="button" @click=${() => void this.#open()}>${msg('Try again')}</button>`
            : nothing
        }
        <button type="button" @click=${() => this.cancel()}>
          ${this.purpose === 'join' ? msg('Back') : msg('Not now')}
        </button>
      </div>
    </section>`;
  }
}
