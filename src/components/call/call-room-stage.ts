import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { StoreController } from '../../controllers/store-controller.js';
import type { ConferenceState, MediaState, PresentationState } from '../../services/types.js';
import type { RoomAudio } from './call-room-audio.js';
import { RoomPart, type CallRoomHost } from './call-room-part.js';
import type { RoomStats } from './call-room-stats.js';
import { PresentationWindow, type PresentationView } from './presentation-window.js';

interface StageState {
  selfHidden: boolean;
  /** The small and the big picture (presentation and meeting video) are swapped. */
  swapped: boolean;
  popoutOpen: boolean;
  takeoverDismissed: boolean;
}

/**
 * The stage (`part="stage"`): the meeting video, the presentation (someone else's big with the
 * meeting video small, a click swaps them; stills about once a second or full motion), the self view,
 * the statistics overlay; the pop-out presentation window and the "took over" notice.
 */
export class RoomStage extends RoomPart<StageState> {
  readonly #media: StoreController<MediaState>;
  readonly #presentation: StoreController<PresentationState>;
  readonly #audio: RoomAudio;
  readonly #stats: RoomStats;
  /** The pop-out presentation window ("Open presentation in new window"). */
  readonly presentationWindow = new PresentationWindow(() => this.set({ popoutOpen: false }));
  #lastPresentationKey = '';
  #lastFullMotion: boolean | undefined;
  #lastScreenFps: number | undefined;

  constructor(host: CallRoomHost, audio: RoomAudio, stats: RoomStats) {
    super(host, { selfHidden: false, swapped: false, popoutOpen: false, takeoverDismissed: false });
    this.#audio = audio;
    this.#stats = stats;
    this.#media = new StoreController(this.call, this.service.media);
    this.#presentation = new StoreController(this.call, this.service.presentation);
  }

  get selfHidden(): boolean {
    return this.s.selfHidden;
  }

  get popoutOpen(): boolean {
    return this.s.popoutOpen;
  }

  toggleSelfView(): void {
    this.set({ selfHidden: !this.s.selfHidden });
  }

  /** Before each render: the stage, the service and the pop-out follow the presentation. */
  update(): void {
    this.#syncPresentation();
    this.#followPresentationWindow();
  }

  /** Keeps the stage and the service in line with the presentation and its settings. */
  #syncPresentation(): void {
    const p = this.#presentation.value;
    const key = `${p?.presenterUuid ?? ''}|${p?.sending ? p.source : ''}`;
    if (key !== this.#lastPresentationKey) {
      // A new presentation starts in its usual place: someone else's big, your own small.
      this.#lastPresentationKey = key;
      this.s.swapped = false;
      if (p?.sending) this.s.takeoverDismissed = false;
    }
    const s = this.call.settings.get();
    if (this.service.conference.get().phase === 'in-call') {
      if (this.#lastFullMotion !== undefined && s.fullMotionPresentation !== this.#lastFullMotion) {
        this.service.setPresentationMode(s.fullMotionPresentation ? 'full' : 'still');
      }
      if (this.#lastScreenFps !== undefined && s.screenshareFrameRate !== this.#lastScreenFps) {
        if (p?.source === 'screen')
          void this.host.run(() => this.service.setScreenFrameRate(s.screenshareFrameRate));
      }
    }
    this.#lastFullMotion = s.fullMotionPresentation;
    this.#lastScreenFps = s.screenshareFrameRate;
  }

  /** What shows as the presentation: someone else's (as chosen: still or full motion), or our own. */
  #presentationView(p: PresentationState | undefined): (PresentationView & { own: boolean }) | undefined {
    if (!p) return undefined;
    if (p.presenterUuid !== undefined && !p.sending) {
      const label = msg(str`Presentation from ${p.presenterName ?? ''}`);
      // Full motion when chosen and there is a stream; stills otherwise. Whichever is missing
      // (no stills from this node, no stream when joined for control only) falls back to the other.
      if (p.mode === 'full' && p.stream) return { kind: 'video', stream: p.stream, label, own: false };
      if (p.still) return { kind: 'image', url: p.still, label, own: false };
      if (p.stream) return { kind: 'video', stream: p.stream, label, own: false };
      return {
        kind: 'waiting',
        label: msg(str`Waiting for the presentation from ${p.presenterName ?? ''}…`),
        own: false,
      };
    }
    if (p.sending && p.local)
      return { kind: 'video', stream: p.local, label: msg('Your presentation'), own: true };
    return undefined;
  }

  render(c: ConferenceState): TemplateResult {
    const media = this.#media.value;
    return html`<div class="stage" part="stage">
      ${this.#renderStageMedia(c, media?.remote, this.#presentation.value)}
      ${
        media?.local && media.local.getVideoTracks().length > 0 && !this.s.selfHidden
          ? html`<video
              class="self"
              part="self-view"
              aria-label=${msg('Your camera')}
              .srcObject=${media.local}
              autoplay
              muted
              playsinline
            ></video>`
          : nothing
      }
      ${this.#stats.render()}
    </div>`;
  }

  #renderStageMedia(
    c: ConferenceState,
    remote: MediaStream | undefined,
    p: PresentationState | undefined,
  ): TemplateResult {
    const view = this.#presentationView(p);
    // Someone else's presentation is big; your own is small. A click on the small one swaps them.
    const presentationBig = view !== undefined && (!remote || (view.own ? this.s.swapped : !this.s.swapped));
    const content = view
      ? html`<div class="presentation ${presentationBig ? 'big' : 'small'}" part="presentation">
          ${
            view.kind === 'video'
              ? html`<video
                  aria-label=${view.label}
                  .srcObject=${view.stream}
                  autoplay
                  muted
                  playsinline
                ></video>`
              : view.kind === 'image'
                ? html`<img src=${view.url} alt=${view.label} />`
                : html`<p class="placeholder">${view.label}</p>`
          }
        </div>`
      : nothing;
    const meeting = remote
      ? html`<video
          class="main ${presentationBig ? 'small' : ''}"
          part="main-video"
          aria-label=${msg('Meeting video')}
          .srcObject=${remote}
          .volume=${this.#audio.volume}
          .muted=${this.#audio.incomingMuted}
          autoplay
          playsinline
        ></video>`
      : view
        ? nothing
        : html`<p class="placeholder">
            ${
              c.mediaMode === 'none'
                ? msg('You joined for conference control and presentation only.')
                : msg('Waiting for video…')
            }
          </p>`;
    const swap =
      view && remote
        ? html`<button
            class="swap"
            part="swap"
            type="button"
            aria-label=${presentationBig ? msg('Show the video large') : msg('Show the presentation large')}
            @click=${() => this.set({ swapped: !this.s.swapped })}
          ></button>`
        : nothing;
    return html`${meeting} ${content} ${swap}`;
  }

  /** "Someone took over your presentation" (`part="presentation-notice"`), until dismissed. */
  renderTakeover(): TemplateResult | typeof nothing {
    const p = this.#presentation.value;
    if (!p?.takenOver || p.sending || this.s.takeoverDismissed) return nothing;
    return html`<p class="presentation-notice" part="presentation-notice" role="alert">
      <span
        >${
          p.presenterName
            ? msg(str`${p.presenterName} took over the presentation, so yours has stopped.`)
            : msg('Someone else took over the presentation, so yours has stopped.')
        }</span
      >
      <button type="button" @click=${() => this.set({ takeoverDismissed: true })}>${msg('Dismiss')}</button>
    </p>`;
  }

  togglePopout(): void {
    if (this.s.popoutOpen) {
      this.presentationWindow.close();
      return;
    }
    const title = msg(str`Presentation – ${this.service.conference.get().conferenceName}`);
    if (!this.presentationWindow.open(title, this.call)) {
      this.host.showNotice(
        msg('The browser blocked the presentation window. Allow pop-ups for this page and try again.'),
      );
      return;
    }
    this.set({ popoutOpen: true });
    this.#followPresentationWindow();
  }

  /** The pop-out follows the presentation and closes when it ends. */
  #followPresentationWindow(): void {
    if (!this.s.popoutOpen) return;
    const view = this.#presentationView(this.#presentation.value);
    if (!view || this.service.conference.get().phase !== 'in-call') {
      this.presentationWindow.close();
      return;
    }
    this.presentationWindow.show(view);
  }
}
