import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { StoreController } from '../../controllers/store-controller.js';
import { panelsOf, type PanelCounts } from '../../services/panels.js';
import type { ParticipantsState } from '../../services/types.js';
import { RoomPart, type CallRoomHost } from './call-room-part.js';

interface PanelsState {
  /** The call's own roster / chat panel (when none follows the call elsewhere): loaded, open. */
  rosterLoaded: boolean;
  rosterOpen: boolean;
  chatLoaded: boolean;
  chatOpen: boolean;
}

/**
 * `<pex-call>` alone on a page: with no `<pex-roster>` following the call, a Host sees who waits at a
 * locked meeting here (`part="waiting"`); with no roster or chat, the toolbar offers its own (loaded
 * on first use, `part="roster-panel"` / `part="chat-panel"`).
 */
export class RoomPanels extends RoomPart<PanelsState> {
  readonly #participants: StoreController<ParticipantsState>;
  readonly #panels: StoreController<PanelCounts>;

  constructor(host: CallRoomHost) {
    super(host, { rosterLoaded: false, rosterOpen: false, chatLoaded: false, chatOpen: false });
    this.#participants = new StoreController(this.call, this.service.participants);
    this.#panels = new StoreController(this.call, panelsOf(this.service));
  }

  /** Rosters / chats following the call other than the room's own panel. */
  #others(kind: 'roster' | 'chat'): number {
    const own = kind === 'roster' ? this.s.rosterLoaded : this.s.chatLoaded;
    return (this.#panels.value?.[kind] ?? 0) - (own ? 1 : 0);
  }

  renderWaiting(): TemplateResult | typeof nothing {
    if (!this.service.isHost || this.#others('roster') > 0 || this.s.rosterOpen) return nothing;
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
                @click=${() => void this.host.run(() => this.service.admit(p.uuid))}
              >
                ${msg('Admit')}
              </button>
              <button
                type="button"
                aria-label=${msg(str`Reject ${p.displayName}`)}
                @click=${() => void this.host.run(() => this.service.reject(p.uuid))}
              >
                ${msg('Reject')}
              </button>
            </li>`,
        )}
      </ul>
    </section>`;
  }

  /** The toolbar's Participants and Chat buttons (when no roster / chat follows the call elsewhere). */
  renderButtons(): TemplateResult {
    const button = (kind: 'roster' | 'chat', label: string): TemplateResult | typeof nothing => {
      const open = kind === 'roster' ? this.s.rosterOpen : this.s.chatOpen;
      if (this.#others(kind) > 0 && !open) return nothing;
      return html`<button
        type="button"
        aria-expanded=${open ? 'true' : 'false'}
        aria-controls=${`${kind}-panel`}
        @click=${() => void this.#toggle(kind)}
      >
        ${label}
      </button>`;
    };
    return html`${button('roster', msg('Participants'))} ${button('chat', msg('Chat'))}`;
  }

  /** The element is loaded the first time, then kept (with its state) and shown or hidden. */
  async #toggle(kind: 'roster' | 'chat'): Promise<void> {
    if (kind === 'roster') {
      if (!this.s.rosterLoaded) await this.host.run(() => import('../roster/pex-roster.js'));
      this.set({ rosterLoaded: true, rosterOpen: !this.s.rosterOpen });
    } else {
      if (!this.s.chatLoaded) await this.host.run(() => import('../chat/pex-chat.js'));
      this.set({ chatLoaded: true, chatOpen: !this.s.chatOpen });
    }
  }

  render(): TemplateResult {
    return html`${
      this.s.rosterLoaded
        ? html`<div
            id="roster-panel"
            class="side-panel"
            part="roster-panel"
            role="region"
            aria-label=${msg('Participants')}
            ?hidden=${!this.s.rosterOpen}
          >
            <pex-roster></pex-roster>
          </div>`
        : nothing
    }
    ${
      this.s.chatLoaded
        ? html`<div
            id="chat-panel"
            class="side-panel"
            part="chat-panel"
            role="region"
            aria-label=${msg('Chat')}
            ?hidden=${!this.s.chatOpen}
          >
            <pex-chat></pex-chat>
          </div>`
        : nothing
    }`;
  }
}
