import { msg } from '@lit/localize';
import { guard } from 'lit/directives/guard.js';
import {
  html,
  nothing,
  type ReactiveController,
  type ReactiveControllerHost,
  type TemplateResult,
} from 'lit';
import { CallError } from '../../services/errors.js';
import { playTestTone, startLevelMeter } from '../../services/media/level-meter.js';
import { openMedia, stopStream } from '../../services/media/open-media.js';
import type { Settings, SettingsStore } from '../../services/settings.js';
import { deviceSelect, type DeviceKey } from '../shared/device-select.js';

/**
 * The device part of `<pex-settings>`: the list of cameras, microphones and speakers (kept current
 * while the element is connected), and the test — camera preview, microphone level, speaker tone.
 * Nothing is opened before the person presses "Test camera and microphone"; everything is stopped
 * when they press "Stop test" or the element leaves the page.
 */
export class DeviceTest implements ReactiveController {
  devices: MediaDeviceInfo[] = [];
  permission: 'unknown' | 'granted' | 'denied' = 'unknown';
  /** The preview's camera and microphone, while testing. */
  stream: MediaStream | undefined;
  /** The microphone's level (0–100), while testing. */
  level = 0;
  #stopMeter: (() => void) | undefined;
  readonly #onDeviceChange = (): void => void this.list();

  /**
   * @param settings - The settings whose devices are tested.
   * @param notice - Shows a problem ('' clears it).
   */
  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    private readonly settings: () => SettingsStore,
    private readonly notice: (message: string) => void,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    navigator.mediaDevices?.addEventListener?.('devicechange', this.#onDeviceChange);
    void this.list();
  }

  hostDisconnected(): void {
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.#onDeviceChange);
    this.stop();
  }

  /** Lists the devices (named once the person has allowed camera and microphone). */
  async list(): Promise<void> {
    const list = (await navigator.mediaDevices?.enumerateDevices?.().catch(() => [])) ?? [];
    this.devices = list.filter((d) => d.deviceId !== '');
    if (this.devices.some((d) => d.label)) this.permission = 'granted';
    this.host.requestUpdate();
  }

  /** Asks for camera and microphone so devices get names, and starts the preview and meter. */
  async start(): Promise<void> {
    this.stop();
    const s = this.settings().get();
    try {
      this.stream = await openMedia('video', { cameraId: s.cameraId, microphoneId: s.microphoneId });
      this.permission = 'granted';
      this.notice('');
    } catch (e) {
      this.permission = 'denied';
      this.notice((e as CallError).message);
      this.host.requestUpdate();
      return;
    }
    if (!this.host.isConnected) {
      this.stop();
      return;
    }
    await this.list();
    const stream = this.stream;
    if (stream) {
      this.#stopMeter = startLevelMeter(stream, (level) => {
        if (level === this.level) return;
        this.level = level;
        this.host.requestUpdate();
      });
    }
  }

  /** Stops the preview and the meter. */
  stop(): void {
    this.#stopMeter?.();
    this.#stopMeter = undefined;
    stopStream(this.stream);
    this.stream = undefined;
    this.host.requestUpdate();
  }

  /** Plays a short tone on the chosen speaker. */
  async testSpeaker(): Promise<void> {
    try {
      await playTestTone(this.settings().get().speakerId);
    } catch (e) {
      this.notice(new CallError('unknown', String(e)).message);
    }
  }

  #devicesOf(kind: MediaDeviceKind): MediaDeviceInfo[] {
    return this.devices.filter(
      (d) => d.kind === kind && d.deviceId !== 'default' && d.deviceId !== 'communications',
    );
  }

  /** The devices section of the form (nothing when the administrator hides all three devices). */
  render(s: Readonly<Settings>, save: (key: DeviceKey, id: string) => void): TemplateResult | typeof nothing {
    const store = this.settings();
    const showCam = !store.isHidden('cameraId');
    const showMic = !store.isHidden('microphoneId');
    const showSpeaker = !store.isHidden('speakerId');
    if (!showCam && !showMic && !showSpeaker) return nothing;
    const speakers = this.#devicesOf('audiooutput');
    const select = (key: DeviceKey, label: string, list: MediaDeviceInfo[]): TemplateResult =>
      deviceSelect(key, label, list, s[key], (id) => save(key, id));
    return html`<section part="section" class="devices" aria-label=${msg('Devices')}>
      ${
        this.permission !== 'granted' || !this.stream
          ? html`<button type="button" class="primary" @click=${() => void this.start()}>
              ${msg('Test camera and microphone')}
            </button>`
          : html`<button type="button" @click=${() => this.stop()}>${msg('Stop test')}</button>`
      }
      ${
        this.stream && showCam
          ? // Set once per stream: setting srcObject again (each level change) would restart the video.
            guard(
              [this.stream],
              () =>
                html`<video
                  part="preview"
                  aria-label=${msg('Camera preview')}
                  .srcObject=${this.stream}
                  autoplay
                  muted
                  playsinline
                ></video>`,
            )
          : nothing
      }
      ${showCam ? select('cameraId', msg('Camera'), this.#devicesOf('videoinput')) : nothing}
      ${
        showMic
          ? html`${select('microphoneId', msg('Microphone'), this.#devicesOf('audioinput'))}
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
