import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { DEFAULT_DEVICE_ID } from '../../services/settings.js';
import { RoomPart, type CallRoomHost } from './call-room-part.js';
import { setSpeaker, type PresentationWindow, type SinkElement } from './presentation-window.js';

interface AudioState {
  volume: number;
  /** "Mute incoming audio": the call's sound is off (the volume is kept). */
  incomingMuted: boolean;
  /** The saved speaker that could not be used (call audio plays on the default one instead). */
  speakerGone: string;
  speakers: MediaDeviceInfo[];
}

/**
 * The call's sound: volume, "Mute incoming audio" and the speaker. The saved "Audio Output" setting
 * plays every element that carries call audio (main video, presentation video, the pop-out's video);
 * a change from the toolbar or `<pex-settings>` applies at once; a speaker that cannot be used falls
 * back to the default with a notice.
 */
export class RoomAudio extends RoomPart<AudioState> {
  /** The audio output each element playing the call was last asked to use. */
  readonly #sinks = new WeakMap<SinkElement, string>();
  #lastSpeakerSetting = '';
  readonly #onDeviceChange = (): void => void this.loadSpeakers();

  constructor(host: CallRoomHost) {
    super(host, { volume: 1, incomingMuted: false, speakerGone: '', speakers: [] });
  }

  get volume(): number {
    return this.s.volume;
  }

  get incomingMuted(): boolean {
    return this.s.incomingMuted;
  }

  /** Follows speakers being plugged in and out. */
  connect(): void {
    navigator.mediaDevices?.addEventListener?.('devicechange', this.#onDeviceChange);
  }

  disconnect(): void {
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.#onDeviceChange);
  }

  async loadSpeakers(): Promise<void> {
    const all = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
    this.set({
      speakers: all.filter(
        (d) =>
          d.kind === 'audiooutput' &&
          d.deviceId &&
          d.deviceId !== DEFAULT_DEVICE_ID &&
          d.deviceId !== 'communications',
      ),
    });
  }

  /** The audio output to use now: `''` is the browser's default. */
  #speakerSink(): string {
    const id = this.call.settings.get().speakerId;
    return id === DEFAULT_DEVICE_ID || id === this.s.speakerGone ? '' : id;
  }

  /** Plays the call on the chosen speaker: the stage's videos and the pop-out's (after each render). */
  apply(presentationWindow: PresentationWindow): void {
    const setting = this.call.settings.get().speakerId;
    if (setting !== this.#lastSpeakerSetting) {
      // A new choice gets a fresh try, even one that failed before.
      this.#lastSpeakerSetting = setting;
      this.s.speakerGone = '';
    }
    const sink = this.#speakerSink();
    const elements = [
      ...this.call.renderRoot.querySelectorAll<SinkElement>('video.main, [part~="presentation"] video'),
    ];
    for (const el of elements) {
      if (typeof el.setSinkId !== 'function' || (this.#sinks.get(el) ?? el.sinkId ?? '') === sink) continue;
      this.#sinks.set(el, sink);
      setSpeaker(el, sink).catch((e: unknown) => this.#speakerFailed(el, sink, e));
    }
    // The pop-out is another document, with its own device ids.
    const popout = presentationWindow.video;
    if (popout && this.#sinks.get(popout) !== sink) {
      this.#sinks.set(popout, sink);
      const label = this.s.speakers.find((d) => d.deviceId === sink)?.label ?? '';
      presentationWindow.setSpeaker(sink, label).catch((e: unknown) => this.#speakerFailed(popout, sink, e));
    }
  }

  #speakerFailed(el: SinkElement, sink: string, e: unknown): void {
    // Only the choice still wanted falls back; an outdated one was already replaced.
    if (this.#sinks.get(el) === sink) this.#sinks.delete(el);
    if (sink === '' || sink !== this.#speakerSink()) return;
    this.host.showNotice(
      (e as Error | undefined)?.name === 'NotFoundError'
        ? msg('The chosen speaker is no longer available, so the call plays on the default speaker.')
        : msg('The chosen speaker cannot be used, so the call plays on the default speaker.'),
    );
    this.set({ speakerGone: sink });
  }

  /** The toolbar's Speaker choice is saved, so <pex-settings> and the next call use it too. */
  #setSpeaker(deviceId: string): void {
    const saved = this.call.settings.set({ speakerId: deviceId || DEFAULT_DEVICE_ID });
    if (!saved.ok) this.host.showNotice(saved.error.message);
  }

  /** The toolbar's sound controls: Mute incoming audio, Volume, Speaker. */
  renderControls(): TemplateResult {
    return html`<button
        type="button"
        aria-pressed=${this.s.incomingMuted ? 'true' : 'false'}
        @click=${() => this.set({ incomingMuted: !this.s.incomingMuted })}
      >
        ${msg('Mute incoming audio')}
      </button>
      <label
        >${msg('Volume')}
        <input
          type="range"
          min="0"
          max="1"
          step="0.05"
          .value=${String(this.s.volume)}
          @input=${(e: Event) => this.set({ volume: Number((e.target as HTMLInputElement).value) })}
      /></label>
      ${this.#renderSpeakerChoice()}`;
  }

  /** The toolbar's Speaker select (the saved setting; a speaker that has gone shows as Default). */
  #renderSpeakerChoice(): TemplateResult | typeof nothing {
    if (this.s.speakers.length === 0 || this.call.settings.isHidden('speakerId')) return nothing;
    const current = this.#speakerSink() || DEFAULT_DEVICE_ID;
    return html`<label
      >${msg('Speaker')}
      <select name="speaker" @change=${(e: Event) => this.#setSpeaker((e.target as HTMLSelectElement).value)}>
        <option value=${DEFAULT_DEVICE_ID} ?selected=${current === DEFAULT_DEVICE_ID}>
          ${msg('Default')}
        </option>
        ${this.s.speakers.map(
          (d, i) =>
            html`<option value=${d.deviceId} ?selected=${current === d.deviceId}>
              ${d.label || msg(str`Speaker ${i + 1}`)}
            </option>`,
        )}
      </select></label
    >`;
  }
}
