import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { adoptStyles } from '../../controllers/lazy-body.js';
import { StoreController } from '../../controllers/store-controller.js';
import type { CallService } from '../../services/call-service.js';
import { panelsOf, type PanelCounts } from '../../services/panels.js';
import { DEFAULT_DEVICE_ID } from '../../services/settings.js';
import type {
  CallPhase,
  ConferenceState,
  MediaState,
  ParticipantsState,
  PresentationState,
  StreamStats,
} from '../../services/types.js';
import { renderPrompt } from './call-prompts.js';
import type { PexCall } from './call.js';
import { roomStyles } from './call-room.styles.js';
import {
  PresentationWindow,
  setSpeaker,
  type PresentationView,
  type SinkElement,
} from './presentation-window.js';

/**
 * The in-call part of `<pex-call>`: header, Host menu, stage (video, presentation, stills, pop-out),
 * toolbar, statistics, the share panel and the dialogs. `<pex-call>` loads this module with `import()`
 * when joining starts, so a page that only shows the join form does not download it. The room renders
 * into the element's shadow root (same parts, same styles) and keeps its own UI state, re-rendering the
 * element when that state changes.
 */

export const PROTOCOLS = ['auto', 'sip', 'h323', 'mssip', 'rtmp'] as const;
export type DialProtocol = (typeof PROTOCOLS)[number];

/** What the room needs from `<pex-call>` beyond the element's public API. */
export interface CallRoomHost {
  /** The element the room renders into. */
  readonly element: PexCall;
  /** Runs a command; a failure becomes the visible notice and a `pex-error` event. */
  run(action: () => Promise<unknown>): Promise<void>;
  /** The visible notice (a failed command, a blocked pop-out window). */
  notice(): string;
  /** Shows a notice. */
  showNotice(text: string): void;
  /** Adds media to a control-only call ("Join with video"), through the device check when wanted. */
  escalate(mode: 'video' | 'audio'): void;
  /** A command is running. */
  busy(): boolean;
}

/** The room's own UI state; a change re-renders the element. */
interface RoomState {
  menuOpen: boolean;
  selfHidden: boolean;
  statsOpen: boolean;
  stats: StreamStats[];
  swapped: boolean;
  volume: number;
  /** "Mute incoming audio": the call's sound is off (the volume is kept). */
  incomingMuted: boolean;
  /** The saved speaker that could not be used (call audio plays on the default one instead). */
  speakerGone: string;
  speakers: MediaDeviceInfo[];
  dialpadOpen: boolean;
  sharePanelOpen: boolean;
  shareLoaded: boolean;
  popoutOpen: boolean;
  takeoverDismissed: boolean;
  /** The call's own roster / chat panel (when none follows the call elsewhere): loaded, open. */
  rosterLoaded: boolean;
  rosterOpen: boolean;
  chatLoaded: boolean;
  chatOpen: boolean;
}

export class CallRoom implements ReactiveController {
  readonly #host: CallRoomHost;
  readonly #call: PexCall;
  /** The call's service (the same as `<pex-call>`'s). */
  private readonly service: CallService;
  readonly #media: StoreController<MediaState>;
  readonly #presentation: StoreController<PresentationState>;
  readonly #participants: StoreController<ParticipantsState>;
  readonly #panels: StoreController<PanelCounts>;
  readonly #presentationWindow = new PresentationWindow(() => this.#set({ popoutOpen: false }));
  readonly #s: RoomState = {
    menuOpen: false,
    selfHidden: false,
    statsOpen: false,
    stats: [],
    swapped: false,
    volume: 1,
    incomingMuted: false,
    speakerGone: '',
    speakers: [],
    dialpadOpen: false,
    sharePanelOpen: false,
    shareLoaded: false,
    popoutOpen: false,
    takeoverDismissed: false,
    rosterLoaded: false,
    rosterOpen: false,
    chatLoaded: false,
    chatOpen: false,
  };
  #statsTimer: ReturnType<typeof setInterval> | undefined;
  /** The audio output each element playing the call was last asked to use. */
  readonly #sinks = new WeakMap<SinkElement, string>();
  #lastSpeakerSetting = '';
  readonly #onDeviceChange = (): void => void this.#loadSpeakers();

  constructor(host: CallRoomHost) {
    this.#host = host;
    this.#call = host.element;
    this.service = host.element.service;
    this.#media = new StoreController(this.#call, this.service.media);
    this.#presentation = new StoreController(this.#call, this.service.presentation);
    this.#participants = new StoreController(this.#call, this.service.participants);
    this.#panels = new StoreController(this.#call, panelsOf(this.service));
    this.#call.addController(this);
    adoptStyles(this.#call.renderRoot, roomStyles);
    // Loaded after the call was already up (a slow network): catch up on what joining does.
    if (this.service.conference.get().phase === 'in-call') this.phaseChanged('in-call');
  }

  #set(patch: Partial<RoomState>): void {
    Object.assign(this.#s, patch);
    this.#call.requestUpdate();
  }

  #dialog(id: string): HTMLDialogElement | null {
    return this.#call.renderRoot.querySelector<HTMLDialogElement>(`#${id}`);
  }

  hostUpdate(): void {
    this.#syncPresentation();
    this.#followPresentationWindow();
  }

  hostUpdated(): void {
    this.#applySpeaker();
  }

  hostConnected(): void {
    navigator.mediaDevices?.addEventListener?.('devicechange', this.#onDeviceChange);
  }

  hostDisconnected(): void {
    this.#presentationWindow.close();
    this.#stopStats();
    navigator.mediaDevices?.removeEventListener?.('devicechange', this.#onDeviceChange);
  }

  /** `<pex-call>` tells the room when the call's phase changes. */
  phaseChanged(phase: CallPhase): void {
    if (phase === 'in-call') void this.#loadSpeakers();
    if (phase === 'ended') {
      this.#presentationWindow.close();
      this.#stopStats();
      this.#set({ sharePanelOpen: false, menuOpen: false });
    }
  }

  /** The pop-out presentation window, while open. */
  get presentationWindow(): Window | null {
    return this.#presentationWindow.window;
  }

  async #loadSpeakers(): Promise<void> {
    const all = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
    this.#set({
      speakers: all.filter(
        (d) =>
          d.kind === 'audiooutput' &&
          d.deviceId &&
          d.deviceId !== DEFAULT_DEVICE_ID &&
          d.deviceId !== 'communications',
      ),
    });
  }

  // ------------------------------------------------------------------------------------------
  // Speakers: the saved "Audio Output" setting plays every element that carries call audio (main
  // video, presentation video, the pop-out's video); a change from the toolbar or <pex-settings>
  // applies at once; a speaker that cannot be used falls back to the default with a notice.

  /** The audio output to use now: `''` is the browser's default. */
  #speakerSink(): string {
    const id = this.#call.settings.get().speakerId;
    return id === DEFAULT_DEVICE_ID || id === this.#s.speakerGone ? '' : id;
  }

  #applySpeaker(): void {
    const setting = this.#call.settings.get().speakerId;
    if (setting !== this.#lastSpeakerSetting) {
      // A new choice gets a fresh try, even one that failed before.
      this.#lastSpeakerSetting = setting;
      this.#s.speakerGone = '';
    }
    const sink = this.#speakerSink();
    const elements = [
      ...this.#call.renderRoot.querySelectorAll<SinkElement>('video.main, [part~="presentation"] video'),
    ];
    for (const el of elements) {
      if (typeof el.setSinkId !== 'function' || (this.#sinks.get(el) ?? el.sinkId ?? '') === sink) continue;
      this.#sinks.set(el, sink);
      setSpeaker(el, sink).catch((e: unknown) => this.#speakerFailed(el, sink, e));
    }
    // The pop-out is another document, with its own device ids.
    const popout = this.#presentationWindow.video;
    if (popout && this.#sinks.get(popout) !== sink) {
      this.#sinks.set(popout, sink);
      const label = this.#s.speakers.find((d) => d.deviceId === sink)?.label ?? '';
      this.#presentationWindow
        .setSpeaker(sink, label)
        .catch((e: unknown) => this.#speakerFailed(popout, sink, e));
    }
  }

  #speakerFailed(el: SinkElement, sink: string, e: unknown): void {
    // Only the choice still wanted falls back; an outdated one was already replaced.
    if (this.#sinks.get(el) === sink) this.#sinks.delete(el);
    if (sink === '' || sink !== this.#speakerSink()) return;
    this.#host.showNotice(
      (e as Error | undefined)?.name === 'NotFoundError'
        ? msg('The chosen speaker is no longer available, so the call plays on the default speaker.')
        : msg('The chosen speaker cannot be used, so the call plays on the default speaker.'),
    );
    this.#set({ speakerGone: sink });
  }

  /** The toolbar's Speaker choice is saved, so <pex-settings> and the next call use it too. */
  #setSpeaker(deviceId: string): void {
    const saved = this.#call.settings.set({ speakerId: deviceId || DEFAULT_DEVICE_ID });
    if (!saved.ok) this.#host.showNotice(saved.error.message);
  }

  #toggleStats(): void {
    if (!this.#s.statsOpen) {
      this.#set({ statsOpen: true });
      const poll = async (): Promise<void> => {
        this.#set({ stats: await this.service.stats() });
      };
      void poll();
      this.#statsTimer = setInterval(() => void poll(), 1000);
    } else {
      this.#stopStats();
    }
  }

  #stopStats(): void {
    clearInterval(this.#statsTimer);
    this.#statsTimer = undefined;
    this.#set({ statsOpen: false });
  }

  get #dialProtocolChoice(): DialProtocol {
    return this.#call.hasAttribute('dial-protocol')
      ? this.#call.dialProtocol
      : this.#call.settings.get().defaultDialOutProtocol;
  }

  /** The PIN and extension prompts and the waiting screens (before the call proper). */
  renderPrompt(c: ConferenceState): TemplateResult {
    return renderPrompt(c, this.#host);
  }

  /** The in-call layout: header, Host menu, stage, toolbar, panels and dialogs. */
  render(c: ConferenceState): TemplateResult {
    const media = this.#media.value;
    const pres = this.#presentation.value;
    const host = this.service.isHost;
    return html`<section class="call" part="call" aria-label=${msg(str`Meeting ${c.conferenceName}`)}>
      <header part="header">
        ${
          host
            ? html`<button
                type="button"
                aria-haspopup="true"
                aria-expanded=${this.#s.menuOpen ? 'true' : 'false'}
                @click=${() => this.#set({ menuOpen: !this.#s.menuOpen })}
              >
                ${msg('Conference menu')}
              </button>`
            : nothing
        }
        <h2>${c.conferenceName}</h2>
        ${c.locked ? html`<span class="badge">${msg('Locked')}</span>` : nothing}
        ${c.guestsMuted ? html`<span class="badge">${msg('Guests muted')}</span>` : nothing}
        ${!c.started ? html`<span class="badge">${msg('Not started')}</span>` : nothing}
        <span class="badge">${host ? msg('Host') : msg('Guest')}</span>
      </header>
      ${
        c.reconnecting
          ? html`<p class="room-notice" part="reconnecting" role="status">${msg('Reconnecting…')}</p>`
          : nothing
      }
      ${host && this.#s.menuOpen ? this.#renderHostMenu(c) : nothing} ${this.#renderWaiting()}
      <div class="stage" part="stage">
        ${this.#renderStageMedia(c, media?.remote, pres)}
        ${
          media?.local && media.local.getVideoTracks().length > 0 && !this.#s.selfHidden
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
        ${this.#s.statsOpen ? this.#renderStats() : nothing}
      </div>
      ${this.#host.notice() ? html`<p class="error room-notice" role="alert">${this.#host.notice()}</p>` : nothing}
      ${this.#renderTakeover(pres)} ${this.#renderToolbar(c)} ${this.#renderSharePanel()}
      ${this.#renderOwnPanels()}
      ${
        this.#s.dialpadOpen
          ? html`<pex-dialpad
              label=${msg('Keypad')}
              @pex-dtmf=${(e: CustomEvent<{ digits: string }>) =>
                void this.#host.run(() => this.service.sendDtmf(e.detail.digits))}
              @pex-close=${() => this.#set({ dialpadOpen: false })}
            ></pex-dialpad>`
          : nothing
      }
      ${this.#renderDialogs()}
    </section>`;
  }

  // ------------------------------------------------------------------------------------------
  // Presentation: the stage shows it big with the meeting video small (a click swaps them);
  // stills (about 1 a second) or full motion; a pop-out window; sharing from the toolbar.

  #lastPresentationKey = '';
  #lastFullMotion: boolean | undefined;
  #lastScreenFps: number | undefined;

  /** Keeps the stage and the service in line with the presentation and its settings. */
  #syncPresentation(): void {
    const p = this.#presentation.value;
    const key = `${p?.presenterUuid ?? ''}|${p?.sending ? p.source : ''}`;
    if (key !== this.#lastPresentationKey) {
      // A new presentation starts in its usual place: someone else's big, your own small.
      this.#lastPresentationKey = key;
      this.#s.swapped = false;
      if (p?.sending) this.#s.takeoverDismissed = false;
    }
    const s = this.#call.settings.get();
    if (this.service.conference.get().phase === 'in-call') {
      if (this.#lastFullMotion !== undefined && s.fullMotionPresentation !== this.#lastFullMotion) {
        this.service.setPresentationMode(s.fullMotionPresentation ? 'full' : 'still');
      }
      if (this.#lastScreenFps !== undefined && s.screenshareFrameRate !== this.#lastScreenFps) {
        if (p?.source === 'screen')
          void this.#host.run(() => this.service.setScreenFrameRate(s.screenshareFrameRate));
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

  #renderStageMedia(
    c: ConferenceState,
    remote: MediaStream | undefined,
    p: PresentationState | undefined,
  ): TemplateResult {
    const view = this.#presentationView(p);
    // Someone else's presentation is big; your own is small. A click on the small one swaps them.
    const presentationBig =
      view !== undefined && (!remote || (view.own ? this.#s.swapped : !this.#s.swapped));
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
          .volume=${this.#s.volume}
          .muted=${this.#s.incomingMuted}
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
            @click=${() => this.#set({ swapped: !this.#s.swapped })}
          ></button>`
        : nothing;
    return html`${meeting} ${content} ${swap}`;
  }

  #renderTakeover(p: PresentationState | undefined): TemplateResult | typeof nothing {
    if (!p?.takenOver || p.sending || this.#s.takeoverDismissed) return nothing;
    return html`<p class="presentation-notice" part="presentation-notice" role="alert">
      <span
        >${
          p.presenterName
            ? msg(str`${p.presenterName} took over the presentation, so yours has stopped.`)
            : msg('Someone else took over the presentation, so yours has stopped.')
        }</span
      >
      <button type="button" @click=${() => this.#set({ takeoverDismissed: true })}>${msg('Dismiss')}</button>
    </p>`;
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
        aria-expanded=${this.#s.sharePanelOpen ? 'true' : 'false'}
        aria-controls="share-panel"
        @click=${() => void this.#toggleSharePanel()}
      >
        ${msg('Share images or PDFs')}
      </button>
      ${
        p?.sending
          ? html`<button
              type="button"
              @click=${() => void this.#host.run(() => this.service.stopPresenting())}
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
          ? html`<button type="button" @click=${() => this.#togglePopout()}>
              ${this.#s.popoutOpen ? msg('Close presentation window') : msg('Open presentation in new window')}
            </button>`
          : nothing
      }`;
  }

  #renderSharePanel(): TemplateResult | typeof nothing {
    if (!this.#s.shareLoaded) return nothing;
    return html`<div
      id="share-panel"
      class="share-panel"
      part="share-panel"
      ?hidden=${!this.#s.sharePanelOpen}
    >
      <pex-share></pex-share>
    </div>`;
  }

  async #shareScreen(): Promise<void> {
    await this.#host.run(() => this.service.presentScreen(this.#call.settings.get().screenshareFrameRate));
  }

  /** "Share images or PDFs": `<pex-share>` is loaded the first time, then kept (with its slides). */
  async #toggleSharePanel(): Promise<void> {
    if (!this.#s.shareLoaded) {
      await this.#host.run(() => import('../share/pex-share.js'));
      this.#s.shareLoaded = true;
    }
    this.#set({ sharePanelOpen: !this.#s.sharePanelOpen });
  }

  #togglePopout(): void {
    if (this.#s.popoutOpen) {
      this.#presentationWindow.close();
      return;
    }
    const title = msg(str`Presentation – ${this.service.conference.get().conferenceName}`);
    if (!this.#presentationWindow.open(title)) {
      this.#host.showNotice(
        msg('The browser blocked the presentation window. Allow pop-ups for this page and try again.'),
      );
      return;
    }
    this.#set({ popoutOpen: true });
    this.#followPresentationWindow();
  }

  /** The pop-out follows the presentation and closes when it ends. */
  #followPresentationWindow(): void {
    if (!this.#s.popoutOpen) return;
    const view = this.#presentationView(this.#presentation.value);
    if (!view || this.service.conference.get().phase !== 'in-call') {
      this.#presentationWindow.close();
      return;
    }
    this.#presentationWindow.show(view);
  }

  #renderToolbar(c: ConferenceState): TemplateResult {
    const media = this.#media.value;
    const hasAudio = Boolean(media?.local?.getAudioTracks().length);
    const hasVideo = Boolean(media?.local?.getVideoTracks().length);
    return html`<div class="toolbar" part="toolbar" role="toolbar" aria-label=${msg('Call controls')}>
      ${
        hasAudio
          ? html`<button
              type="button"
              aria-pressed=${media?.micMuted ? 'true' : 'false'}
              @click=${() => void this.#host.run(() => this.service.setMicMuted(!media?.micMuted))}
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
              @click=${() => void this.#host.run(() => this.service.setCameraMuted(!media?.cameraMuted))}
            >
              ${msg('Turn camera off')}
            </button>`
          : nothing
      }
      ${
        c.mediaMode === 'none'
          ? html`<button type="button" @click=${() => this.#host.escalate('video')}>
                ${msg('Join with video')}
              </button>
              <button type="button" @click=${() => this.#host.escalate('audio')}>
                ${msg('Join with audio only')}
              </button>`
          : nothing
      }
      ${
        hasVideo
          ? html`<button
              type="button"
              aria-pressed=${this.#s.selfHidden ? 'true' : 'false'}
              @click=${() => this.#set({ selfHidden: !this.#s.selfHidden })}
            >
              ${msg('Hide self view')}
            </button>`
          : nothing
      }
      ${
        c.mediaMode !== 'none'
          ? html`<button
                type="button"
                aria-pressed=${this.#s.incomingMuted ? 'true' : 'false'}
                @click=${() => this.#set({ incomingMuted: !this.#s.incomingMuted })}
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
                  .value=${String(this.#s.volume)}
                  @input=${(e: Event) => this.#set({ volume: Number((e.target as HTMLInputElement).value) })}
              /></label>
              ${this.#renderSpeakerChoice()}`
          : nothing
      }
      ${this.#renderPresentationTools()} ${this.#renderPanelButtons()}
      <button
        type="button"
        aria-pressed=${this.#s.statsOpen ? 'true' : 'false'}
        @click=${() => this.#toggleStats()}
      >
        ${msg('Statistics')}
      </button>
      <button
        type="button"
        aria-pressed=${this.#s.dialpadOpen ? 'true' : 'false'}
        @click=${() => void this.#toggleDialpad()}
      >
        ${msg('Keypad')}
      </button>
      <button type="button" @click=${() => void this.#toggleFullscreen()}>${msg('Full screen')}</button>
      <button class="danger" type="button" @click=${() => void this.#call.leave()}>
        ${msg('Disconnect')}
      </button>
    </div>`;
  }

  // ------------------------------------------------------------------------------------------
  // <pex-call> alone on a page: with no <pex-roster> following the call, a Host sees who waits at a
  // locked meeting here; with no roster or chat, the toolbar offers its own (loaded on first use).

  /** Rosters / chats following the call other than the room's own panel. */
  #others(kind: 'roster' | 'chat'): number {
    const own = kind === 'roster' ? this.#s.rosterLoaded : this.#s.chatLoaded;
    return (this.#panels.value?.[kind] ?? 0) - (own ? 1 : 0);
  }

  #renderWaiting(): TemplateResult | typeof nothing {
    if (!this.service.isHost || this.#others('roster') > 0 || this.#s.rosterOpen) return nothing;
    const waiting = (this.#participants.value?.list ?? []).filter((p) => p.isWaiting);
    if (waiting.length === 0) return nothing;
    return html`<section class="waiting" part="waiting" aria-label=${msg('Waiting to join')}>
      <h3>${msg('Waiting to join')}</h3>
      <ul>
        ${waiting.map(
          (p) =>
            html`<li>
              <bdi>${p.displayName}</bdi>
              <button
                type="button"
                class="primary"
                aria-label=${msg(str`Admit ${p.displayName}`)}
                @click=${() => void this.#host.run(() => this.service.admit(p.uuid))}
              >
                ${msg('Admit')}
              </button>
              <button
                type="button"
                aria-label=${msg(str`Reject ${p.displayName}`)}
                @click=${() => void this.#host.run(() => this.service.reject(p.uuid))}
              >
                ${msg('Reject')}
              </button>
            </li>`,
        )}
      </ul>
    </section>`;
  }

  #renderPanelButtons(): TemplateResult {
    const button = (kind: 'roster' | 'chat', label: string): TemplateResult | typeof nothing => {
      const open = kind === 'roster' ? this.#s.rosterOpen : this.#s.chatOpen;
      if (this.#others(kind) > 0 && !open) return nothing;
      return html`<button
        type="button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${`${kind}-panel`}
        @click=${() => void this.#togglePanel(kind)}
      >
        ${label}
      </button>`;
    };
    return html`${button('roster', msg('Participants'))} ${button('chat', msg('Chat'))}`;
  }

  /** The element is loaded the first time, then kept (with its state) and shown or hidden. */
  async #togglePanel(kind: 'roster' | 'chat'): Promise<void> {
    if (kind === 'roster') {
      if (!this.#s.rosterLoaded) await this.#host.run(() => import('../roster/pex-roster.js'));
      this.#set({ rosterLoaded: true, rosterOpen: !this.#s.rosterOpen });
    } else {
      if (!this.#s.chatLoaded) await this.#host.run(() => import('../chat/pex-chat.js'));
      this.#set({ chatLoaded: true, chatOpen: !this.#s.chatOpen });
    }
  }

  #renderOwnPanels(): TemplateResult {
    return html`${
      this.#s.rosterLoaded
        ? html`<div
            id="roster-panel"
            class="side-panel"
            part="roster-panel"
            role="region"
            aria-label=${msg('Participants')}
            ?hidden=${!this.#s.rosterOpen}
          >
            <pex-roster></pex-roster>
          </div>`
        : nothing
    }
    ${
      this.#s.chatLoaded
        ? html`<div
            id="chat-panel"
            class="side-panel"
            part="chat-panel"
            role="region"
            aria-label=${msg('Chat')}
            ?hidden=${!this.#s.chatOpen}
          >
            <pex-chat></pex-chat>
          </div>`
        : nothing
    }`;
  }

  /** The keypad is loaded the first time it is opened. */
  async #toggleDialpad(): Promise<void> {
    if (!this.#s.dialpadOpen) await import('../dialpad/pex-dialpad.js');
    this.#set({ dialpadOpen: !this.#s.dialpadOpen });
  }

  /** The toolbar's Speaker select (the saved setting; a speaker that has gone shows as Default). */
  #renderSpeakerChoice(): TemplateResult | typeof nothing {
    if (this.#s.speakers.length === 0 || this.#call.settings.isHidden('speakerId')) return nothing;
    const current = this.#speakerSink() || DEFAULT_DEVICE_ID;
    return html`<label
      >${msg('Speaker')}
      <select name="speaker" @change=${(e: Event) => this.#setSpeaker((e.target as HTMLSelectElement).value)}>
        <option value=${DEFAULT_DEVICE_ID} ?selected=${current === DEFAULT_DEVICE_ID}>
          ${msg('Default')}
        </option>
        ${this.#s.speakers.map(
          (d, i) =>
            html`<option value=${d.deviceId} ?selected=${current === d.deviceId}>
              ${d.label || msg(str`Speaker ${i + 1}`)}
            </option>`,
        )}
      </select></label
    >`;
  }

  async #toggleFullscreen(): Promise<void> {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await this.#host.run(() => this.#call.requestFullscreen());
  }

  #renderStats(): TemplateResult {
    const label: Record<StreamStats['stream'], string> = {
      audio: msg('Audio'),
      video: msg('Video'),
      presentation: msg('Presentation'),
    };
    return html`<section class="stats" part="stats" aria-label=${msg('Call statistics')}>
      ${this.#s.stats.length === 0 ? html`<p>${msg('No media statistics yet.')}</p>` : nothing}
      ${this.#s.stats.map(
        (s) =>
          html`<h3>${label[s.stream]} ${s.direction === 'in' ? msg('received') : msg('sent')}</h3>
            <dl>
              ${
                s.codec
                  ? html`<dt>${msg('Codec')}</dt>
                      <dd>${s.codec}</dd>`
                  : nothing
              }
              ${
                s.bitrateKbps !== undefined
                  ? html`<dt>${msg('Bitrate')}</dt>
                      <dd>${s.bitrateKbps} kbps</dd>`
                  : nothing
              }
              ${
                s.packetsLost !== undefined
                  ? html`<dt>${msg('Packets lost')}</dt>
                      <dd>${s.packetsLost}</dd>`
                  : nothing
              }
              ${
                s.lossPercent !== undefined
                  ? html`<dt>${msg('Packet loss')}</dt>
                      <dd>${s.lossPercent.toFixed(1)} %</dd>`
                  : nothing
              }
              ${
                s.jitterMs !== undefined
                  ? html`<dt>${msg('Jitter')}</dt>
                      <dd>${s.jitterMs} ms</dd>`
                  : nothing
              }
              ${
                s.resolution
                  ? html`<dt>${msg('Resolution')}</dt>
                      <dd>${s.resolution}</dd>`
                  : nothing
              }
              ${
                s.fps !== undefined
                  ? html`<dt>${msg('Frame rate')}</dt>
                      <dd>${Math.round(s.fps)} fps</dd>`
                  : nothing
              }
            </dl>`,
      )}
      <p>${msg('Server version')}: ${this.service.serverVersion || msg('unknown')}</p>
    </section>`;
  }

  #renderHostMenu(c: ConferenceState): TemplateResult {
    const item = (label: string, action: () => void): TemplateResult =>
      html`<button
        type="button"
        role="menuitem"
        @click=${() => {
          this.#set({ menuOpen: false });
          action();
        }}
      >
        ${label}
      </button>`;
    return html`<div
      class="menu"
      part="host-menu"
      role="menu"
      aria-label=${msg('Conference menu')}
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape') this.#set({ menuOpen: false });
      }}
    >
      ${item(msg('Add a participant'), () => this.#dialog('dial-dialog')?.showModal())}
      ${item(c.locked ? msg('Unlock conference') : msg('Lock conference'), () =>
        this.#host.run(() => this.service.lock(!c.locked)),
      )}
      ${item(c.guestsMuted ? msg('Unmute all guests') : msg('Mute all guests'), () =>
        this.#host.run(() => this.service.muteGuests(!c.guestsMuted)),
      )}
      ${!c.started ? item(msg('Start conference'), () => this.#host.run(() => this.service.startConference())) : nothing}
      ${item(msg('Disconnect all participants'), () => this.#dialog('end-all-dialog')?.showModal())}
    </div>`;
  }

  #renderDialogs(): TemplateResult {
    const dial = (e: Event): void => {
      e.preventDefault();
      const data = new FormData(e.target as HTMLFormElement);
      const destination = String(data.get('destination') ?? '');
      const protocol = String(data.get('protocol') ?? 'auto') as DialProtocol;
      const role = data.get('role') === 'host' ? 'host' : 'guest';
      this.#dialog('dial-dialog')?.close();
      void this.#host.run(() => this.service.dial({ destination, protocol, role }));
    };
    const protocolName: Record<DialProtocol, string> = {
      auto: msg('Automatic'),
      sip: 'SIP',
      h323: 'H.323',
      mssip: msg('Lync / Skype for Business'),
      rtmp: 'RTMP',
    };
    return html`<dialog id="leave-dialog" aria-labelledby="leave-title">
        <form method="dialog">
          <h2 id="leave-title">${msg('Leave the meeting?')}</h2>
          <div class="actions">
            <button value="stay">${msg('Stay')}</button>
            <button class="danger" value="leave" @click=${() => void this.service.leave()}>
              ${msg('Disconnect')}
            </button>
          </div>
        </form>
      </dialog>
      <dialog id="end-all-dialog" aria-labelledby="end-all-title">
        <form method="dialog">
          <h2 id="end-all-title">${msg('Disconnect everyone, including yourself?')}</h2>
          <div class="actions">
            <button value="cancel">${msg('Cancel')}</button>
            <button
              class="danger"
              value="end"
              @click=${() => void this.#host.run(() => this.service.disconnectAll())}
            >
              ${msg('Disconnect all')}
            </button>
          </div>
        </form>
      </dialog>
      <dialog id="dial-dialog" aria-labelledby="dial-title">
        <form @submit=${dial}>
          <h2 id="dial-title">${msg('Add a participant')}</h2>
          <label
            >${msg('Address')}
            <input
              name="destination"
              required
              autocomplete="off"
              placeholder="alice@example.com"
              maxlength="256"
          /></label>
          <label
            >${msg('Protocol')}
            <select name="protocol">
              ${PROTOCOLS.map(
                (p) =>
                  html`<option value=${p} ?selected=${p === this.#dialProtocolChoice}>
                    ${protocolName[p]}
                  </option>`,
              )}
            </select></label
          >
          <label
            >${msg('Role')}
            <select name="role">
              <option value="guest">${msg('Guest')}</option>
              <option value="host">${msg('Host')}</option>
            </select></label
          >
          <div class="actions">
            <button class="primary" type="submit">${msg('Call')}</button>
            <button type="button" @click=${() => this.#dialog('dial-dialog')?.close()}>
              ${msg('Cancel')}
            </button>
          </div>
        </form>
      </dialog>`;
  }
}
