import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { ConferenceState } from '../../services/types.js';
import { RoomPart, type CallRoomHost } from './call-room-part.js';

export const PROTOCOLS = ['auto', 'sip', 'h323', 'mssip', 'rtmp'] as const;
export type DialProtocol = (typeof PROTOCOLS)[number];

/**
 * The Host's conference menu (`part="host-menu"`, opened from the header): add a participant, lock,
 * mute all guests, start the conference, disconnect everyone; and its two dialogs (Add a participant,
 * Disconnect all).
 */
export class HostMenu extends RoomPart<{ open: boolean }> {
  constructor(host: CallRoomHost) {
    super(host, { open: false });
  }

  close(): void {
    this.set({ open: false });
  }

  #dialog(id: string): HTMLDialogElement | null {
    return this.call.renderRoot.querySelector<HTMLDialogElement>(`#${id}`);
  }

  get #dialProtocolChoice(): DialProtocol {
    return this.call.hasAttribute('dial-protocol')
      ? this.call.dialProtocol
      : this.call.settings.get().defaultDialOutProtocol;
  }

  /** The header's "Conference menu" button (Hosts only). */
  renderButton(): TemplateResult | typeof nothing {
    if (!this.service.isHost) return nothing;
    return html`<button
      type="button"
      aria-haspopup="true"
      aria-expanded=${this.s.open ? 'true' : 'false'}
      @click=${() => this.set({ open: !this.s.open })}
    >
      ${msg('Conference menu')}
    </button>`;
  }

  /** The menu, while open (Hosts only). */
  render(c: ConferenceState): TemplateResult | typeof nothing {
    if (!this.service.isHost || !this.s.open) return nothing;
    const item = (label: string, action: () => void): TemplateResult =>
      html`<button
        type="button"
        role="menuitem"
        @click=${() => {
          this.set({ open: false });
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
        if (e.key === 'Escape') this.set({ open: false });
      }}
    >
      ${item(msg('Add a participant'), () => this.#dialog('dial-dialog')?.showModal())}
      ${item(c.locked ? msg('Unlock conference') : msg('Lock conference'), () =>
        this.host.run(() => this.service.lock(!c.locked)),
      )}
      ${item(c.guestsMuted ? msg('Unmute all guests') : msg('Mute all guests'), () =>
        this.host.run(() => this.service.muteGuests(!c.guestsMuted)),
      )}
      ${!c.started ? item(msg('Start conference'), () => this.host.run(() => this.service.startConference())) : nothing}
      ${item(msg('Disconnect all participants'), () => this.#dialog('end-all-dialog')?.showModal())}
    </div>`;
  }

  /** "Disconnect everyone?" and "Add a participant". */
  renderDialogs(): TemplateResult {
    const dial = (e: Event): void => {
      e.preventDefault();
      const data = new FormData(e.target as HTMLFormElement);
      const destination = String(data.get('destination') ?? '');
      const protocol = String(data.get('protocol') ?? 'auto') as DialProtocol;
      const role = data.get('role') === 'host' ? 'host' : 'guest';
      this.#dialog('dial-dialog')?.close();
      void this.host.run(() => this.service.dial({ destination, protocol, role }));
    };
    const protocolName: Record<DialProtocol, string> = {
      auto: msg('Automatic'),
      sip: 'SIP',
      h323: 'H.323',
      mssip: msg('Lync / Skype for Business'),
      rtmp: 'RTMP',
    };
    return html`<dialog id="end-all-dialog" aria-labelledby="end-all-title">
        <form method="dialog">
          <h2 id="end-all-title">${msg('Disconnect everyone, including yourself?')}</h2>
          <div class="actions">
            <button value="cancel">${msg('Cancel')}</button>
            <button
              class="danger"
              value="end"
              @click=${() => void this.host.run(() => this.service.disconnectAll())}
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
