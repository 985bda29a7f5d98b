import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { StoreController } from '../../controllers/store-controller.js';
import type { ConferenceState, MediaState, PresentationState } from '../../services/types.js';
import type { RoomAudio } from './call-room-audio.js';
import type { RoomPanels } from './call-room-panels.js';
import { RoomPart, type CallRoomHost } from './call-room-part.js';
import type { RoomStage } from './call-room-stage.js';
import type { RoomStats } from './call-room-stats.js';

interface ToolbarState {
  dialpadOpen: boolean;
  sharePanelOpen: boolean;
  shareLoaded: boolean;
}

/** The toolbar's neighbours in the room: what its buttons show, hide and toggle. */
export interface ToolbarParts {
  readonly stage: RoomStage;
  readonly audio: RoomAudio;
  readonly stats: RoomStats;
  readonly panels: RoomPanels;
}

/**
 * The in-call controls (`part="toolbar"`): microphone, camera, adding media to a control-only call,
 * self view, sound, presenting (screen, images or PDFs, still or full motion, pop-out), the call's own
 * roster and chat, statistics, keypad, full screen, Disconnect; and what the toolbar opens below it
 * (the share panel, `part="share-panel"`, and the keypad).
 */
export class RoomToolbar extends RoomPart<ToolbarState> {
  readonly #media: StoreController<MediaState>;
  readonly #presentation: StoreController<PresentationState>;
  readonly #parts: ToolbarParts;

  constructor(host: CallRoomHost, parts: ToolbarParts) {
    super(host, { dialpadOpen: false, sharePanelOpen: false, shareLoaded: false });
    this.#parts = parts;
    this.#media = new StoreController(this.call, this.service.media);
    this.#presentation = new StoreController(this.call, this.service.presentation);
  }

  /** The call ended: the share panel closes. */
  closePanels(): void {
    this.set({ sharePanelOpen: false });
  }

  render(c: ConferenceState): TemplateResult {
    const { stage, audio, stats, panels } = this.#parts;
    const media = this.#media.value;
    const hasAudio = Boolean(media?.local?.getAudioTracks().length);
    const hasVideo = Boolean(media?.local?.getVideoTracks().length);
    return html`<div class="toolbar" part="toolbar" role="toolbar" aria-label=${msg('Call controls')}>
      ${
        hasAudio
          ? html`<button
              type="button"
              aria-pressed=${media?.micMuted ? 'true' : 'false'}
              @click=${() => void this.host.run(() => this.service.setMicMuted(!media?.micMuted))}
            >
              ${msg('Mute microphone')}
            </button>`
          : nothing
      }
      ${
        hasVideo
          ? html`<button
              type="button"
              aria-pressed=${media?.cameraMuted ? 'true' : 'false'}
              @click=${() => void this.host.run(() => this.service.setCameraMuted(!media?.cameraMuted))}
            >
              ${msg('Turn camera off')}
            </button>`
          : nothing
      }
      ${
        c.mediaMode === 'none'
          ? html`<button type="button" @click=${() => this.host.escalate('video')}>
                ${msg('Join with video')}
              </button>
              <button type="button" @click=${() => this.host.escalate('audio')}>
                ${msg('Join with audio only')}
              </button>`
          : nothing
      }
      ${
        hasVideo
          ? html`<button
              type="button"
              aria-pressed=${stage.selfHidden ? 'true' : 'false'}
              @click=${() => stage.toggleSelfView()}
            >
              ${msg('Hide self view')}
            </button>`
          : nothing
      }
      ${c.mediaMode !== 'none' ? audio.renderControls() : nothing} ${this.#renderPresentationTools()}
      ${panels.renderButtons()} ${stats.renderButton()}
      <button
        type="button"
        aria-pressed=${this.s.dialpadOpen ? 'true' : 'false'}
        @click=${() => void this.#toggleDialpad()}
      >
        ${msg('Keypad')}
      </button>
      <button type="button" @click=${() => void this.#toggleFullscreen()}>${msg('Full screen')}</button>
      <button class="danger" type="button" @click=${() => void this.call.leave()}>
        ${msg('Disconnect')}
      </button>
    </div>`;
  }

  #renderPresentationTools(): TemplateResult {
    const p = this.#presentation.value;
    const receiving = Boolean(p?.presenterUuid !== undefined && !p?.sending);
    const hasView = receiving || Boolean(p?.sending);
    return html`${
        p?.source === 'screen'
          ? nothing
          : html`<button type="button" @click=${() => void this.#shareScreen()}>
              ${msg('Share screen')}
            </button>`
      }
      <button
        type="button"
        aria-expanded=${this.s.sharePanelOpen ? 'true' : 'false'}
        aria-controls="share-panel"
        @click=${() => void this.#toggleSharePanel()}
      >
        ${msg('Share images or PDFs')}
      </button>
      ${
        p?.sending
          ? html`<button
              type="button"
              @click=${() => void this.host.run(() => this.service.stopPresenting())}
            >
              ${msg('Stop presenting')}
            </button>`
          : nothing
      }
      ${
        receiving
          ? html`<button
              type="button"
              @click=${() => this.service.setPresentationMode(p?.mode === 'full' ? 'still' : 'full')}
            >
              ${p?.mode === 'full' ? msg('View still image presentation') : msg('View full motion presentation')}
            </button>`
          : nothing
      }
      ${
        hasView
          ? html`<button type="button" @click=${() => this.#parts.stage.togglePopout()}>
              ${this.#parts.stage.popoutOpen ? msg('Close presentation window') : msg('Open presentation in new window')}
            </button>`
          : nothing
      }`;
  }

  /** "Share images or PDFs" (`<pex-share>`), below the toolbar once opened. */
  renderSharePanel(): TemplateResult | typeof nothing {
    if (!this.s.shareLoaded) return nothing;
    return html`<div
      id="share-panel"
      class="share-panel"
      part="share-panel"
      ?hidden=${!this.s.sharePanelOpen}
    >
      <pex-share></pex-share>
    </div>`;
  }

  async #shareScreen(): Promise<void> {
    await this.host.run(() => this.service.presentScreen(this.call.settings.get().screenshareFrameRate));
  }

  /** "Share images or PDFs": `<pex-share>` is loaded the first time, then kept (with its slides). */
  async #toggleSharePanel(): Promise<void> {
    if (!this.s.shareLoaded) {
      await this.host.run(() => import('../share/pex-share.js'));
      this.s.shareLoaded = true;
    }
    this.set({ sharePanelOpen: !this.s.sharePanelOpen });
  }

  /** The keypad, while open. */
  renderDialpad(): TemplateResult | typeof nothing {
    if (!this.s.dialpadOpen) return nothing;
    return html`<pex-dialpad
      label=${msg('Keypad')}
      @pex-dtmf=${(e: CustomEvent<{ digits: string }>) =>
        void this.host.run(() => this.service.sendDtmf(e.detail.digits))}
      @pex-close=${() => this.set({ dialpadOpen: false })}
    ></pex-dialpad>`;
  }

  /** The keypad is loaded the first time it is opened. */
  async #toggleDialpad(): Promise<void> {
    if (!this.s.dialpadOpen) await import('../dialpad/pex-dialpad.js');
    this.set({ dialpadOpen: !this.s.dialpadOpen });
  }

  async #toggleFullscreen(): Promise<void> {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await this.host.run(() => this.call.requestFullscreen());
  }
}
