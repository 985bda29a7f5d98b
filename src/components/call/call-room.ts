import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { adoptStyles } from '../../controllers/lazy-body.js';
import type { CallService } from '../../services/call-service.js';
import type { CallPhase, ConferenceState } from '../../services/types.js';
import { renderPrompt } from './call-prompts.js';
import type { PexCall } from './call.js';
import { RoomAudio } from './call-room-audio.js';
import { HostMenu } from './call-room-host-menu.js';
import { RoomPanels } from './call-room-panels.js';
import type { CallRoomHost } from './call-room-part.js';
import { RoomStage } from './call-room-stage.js';
import { RoomStats } from './call-room-stats.js';
import { RoomToolbar } from './call-room-toolbar.js';
import { roomStyles } from './call-room.styles.js';

export type { CallRoomHost } from './call-room-part.js';
export { PROTOCOLS, type DialProtocol } from './call-room-host-menu.js';

/**
 * The in-call part of `<pex-call>`: header, Host menu, stage (video, presentation, stills, pop-out),
 * toolbar, statistics, the share panel and the dialogs. `<pex-call>` loads this module with `import()`
 * when joining starts, so a page that only shows the join form does not download it. The room lays
 * out its parts, one concern each (`call-room-*.ts`): they render into the element's shadow root (same
 * parts, same styles) and keep their own UI state, re-rendering the element when that state changes.
 */
export class CallRoom implements ReactiveController {
  readonly #host: CallRoomHost;
  readonly #call: PexCall;
  /** The call's service (the same as `<pex-call>`'s). */
  private readonly service: CallService;
  readonly #audio: RoomAudio;
  readonly #stats: RoomStats;
  readonly #stage: RoomStage;
  readonly #panels: RoomPanels;
  readonly #toolbar: RoomToolbar;
  readonly #menu: HostMenu;

  constructor(host: CallRoomHost) {
    this.#host = host;
    this.#call = host.element;
    this.service = host.element.service;
    this.#audio = new RoomAudio(host);
    this.#stats = new RoomStats(host);
    this.#stage = new RoomStage(host, this.#audio, this.#stats);
    this.#panels = new RoomPanels(host);
    this.#toolbar = new RoomToolbar(host, {
      stage: this.#stage,
      audio: this.#audio,
      stats: this.#stats,
      panels: this.#panels,
    });
    this.#menu = new HostMenu(host);
    this.#call.addController(this);
    adoptStyles(this.#call.renderRoot, roomStyles);
    // Loaded after the call was already up (a slow network): catch up on what joining does.
    if (this.service.conference.get().phase === 'in-call') this.phaseChanged('in-call');
  }

  hostUpdate(): void {
    this.#stage.update();
  }

  hostUpdated(): void {
    this.#audio.apply(this.#stage.presentationWindow);
  }

  hostConnected(): void {
    this.#audio.connect();
  }

  hostDisconnected(): void {
    this.#stage.presentationWindow.close();
    this.#stats.stop();
    this.#audio.disconnect();
  }

  /** `<pex-call>` tells the room when the call's phase changes. */
  phaseChanged(phase: CallPhase): void {
    if (phase === 'in-call') void this.#audio.loadSpeakers();
    if (phase === 'ended') {
      this.#stage.presentationWindow.close();
      this.#stats.stop();
      this.#toolbar.closePanels();
      this.#menu.close();
    }
  }

  /** The pop-out presentation window, while open. */
  get presentationWindow(): Window | null {
    return this.#stage.presentationWindow.window;
  }

  /** The PIN and extension prompts and the waiting screens (before the call proper). */
  renderPrompt(c: ConferenceState): TemplateResult {
    return renderPrompt(c, this.#host);
  }

  /** The in-call layout: header, Host menu, stage, toolbar, panels and dialogs. */
  render(c: ConferenceState): TemplateResult {
    const host = this.service.isHost;
    return html`<section class="call" part="call" aria-label=${msg(str`Meeting ${c.conferenceName}`)}>
      <header part="header">
        ${this.#menu.renderButton()}
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
      ${this.#menu.render(c)} ${this.#panels.renderWaiting()} ${this.#stage.render(c)}
      ${this.#host.notice() ? html`<p class="error room-notice" role="alert">${this.#host.notice()}</p>` : nothing}
      ${this.#stage.renderTakeover()} ${this.#toolbar.render(c)} ${this.#toolbar.renderSharePanel()}
      ${this.#panels.render()} ${this.#toolbar.renderDialpad()} ${this.#renderLeaveDialog()}
      ${this.#menu.renderDialogs()}
    </section>`;
  }

  /** "Leave the meeting?" (`confirm-disconnect`, or the person's setting). */
  #renderLeaveDialog(): TemplateResult {
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
    </dialog>`;
  }
}
