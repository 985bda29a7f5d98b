import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { PexDtmfEvent } from '../../events/dialpad-events.js';
import type { ParticipantView, Role } from '../../services/types.js';
import { badgesOf, roleLabel } from './roster-rows.js';

/** What the roster's rows and a participant's details can do (the roster body does it). */
export interface RosterActions {
  select(p: ParticipantView, index: number): void;
  /** A row's name button got the focus (it becomes the row reached with Tab). */
  focused(index: number): void;
  close(restoreFocus: boolean): void;
  admit(p: ParticipantView): void;
  reject(p: ParticipantView): void;
  mute(p: ParticipantView): void;
  setRole(p: ParticipantView, role: Role): void;
  setRx(p: ParticipantView, allow: boolean): void;
  disconnect(p: ParticipantView): void;
  messagePrivately(p: ParticipantView): void;
  canMessagePrivately(p: ParticipantView): boolean;
  openTransfer(p: ParticipantView): void;
  toggleDialpad(p: ParticipantView): void;
  closeDialpad(): void;
  dtmf(p: ParticipantView, e: PexDtmfEvent): void;
  /** Whose keypad is open, if anyone's. */
  readonly dialpadFor: string | undefined;
}

/** Role, "View presentation on endpoint", Mute, Transfer, Keypad and Disconnect (Hosts). */
function hostControls(p: ParticipantView, a: RosterActions): TemplateResult {
  if (p.isWaiting) {
    return html`<div class="buttons">
      <button type="button" class="admit" @click=${() => a.admit(p)}>${msg('Admit')}</button>
      <button type="button" class="danger" @click=${() => a.reject(p)}>${msg('Reject')}</button>
    </div>`;
  }
  const roleControl = p.isExternal
    ? html`<p>${msg("An External participant's role cannot be changed.")}</p>`
    : html`<fieldset>
        <legend>${msg('Role')}</legend>
        <label class="inline"
          ><input
            type="radio"
            name="role"
            value="host"
            .checked=${p.role === 'host'}
            @change=${() => a.setRole(p, 'host')}
          />${msg('Host')}</label
        >
        <label class="inline"
          ><input
            type="radio"
            name="role"
            value="guest"
            .checked=${p.role === 'guest'}
            ?disabled=${p.isMe}
            @change=${() => a.setRole(p, 'guest')}
          />${msg('Guest')}</label
        >
      </fieldset>`;
  const keypad = a.dialpadFor === p.uuid;
  return html`${roleControl}
    <label class="inline"
      ><input
        type="checkbox"
        name="rx-presentation"
        .checked=${p.rxPresentation}
        @change=${(e: Event) => a.setRx(p, (e.target as HTMLInputElement).checked)}
      />${msg('View presentation on endpoint')}</label
    >
    <div class="buttons">
      ${
        p.canMute
          ? html`<button type="button" @click=${() => a.mute(p)}>
              ${p.isMuted ? msg('Unmute') : msg('Mute')}
            </button>`
          : nothing
      }
      ${
        p.canTransfer
          ? html`<button type="button" aria-haspopup="dialog" @click=${() => a.openTransfer(p)}>
              ${msg('Transfer…')}
            </button>`
          : nothing
      }
      <button type="button" aria-pressed=${keypad ? 'true' : 'false'} @click=${() => a.toggleDialpad(p)}>
        ${msg('Keypad')}
      </button>
      ${
        p.canDisconnect
          ? html`<button type="button" class="danger" @click=${() => a.disconnect(p)}>
              ${msg('Disconnect')}
            </button>`
          : nothing
      }
    </div>
    ${
      keypad
        ? html`<pex-dialpad
            label=${msg(str`Keypad for ${p.displayName}`)}
            @pex-dtmf=${(e: PexDtmfEvent) => a.dtmf(p, e)}
            @pex-close=${() => a.closeDialpad()}
          ></pex-dialpad>`
        : nothing
    }`;
}

/** The selected participant's details: name, role and badges, address, status; Host controls. */
export function renderDetails(p: ParticipantView, host: boolean, a: RosterActions): TemplateResult {
  const status = [roleLabel(p), ...badgesOf(p).map((b) => b.label)].join(', ');
  return html`<section
    id="details"
    class="details"
    part="details"
    aria-labelledby="details-title"
    @keydown=${(e: KeyboardEvent) => {
      if (e.key === 'Escape' && !a.dialpadFor) {
        e.stopPropagation();
        a.close(true);
      }
    }}
  >
    <h3 id="details-title" tabindex="-1">
      <bdi>${p.displayName}</bdi>${p.isMe ? html` <span class="you">${msg('(you)')}</span>` : nothing}
    </h3>
    <p>${status}</p>
    ${p.uri ? html`<p><bdi>${p.uri}</bdi></p>` : nothing}
    ${p.overlayText ? html`<p class="error"><bdi>${p.overlayText}</bdi></p>` : nothing}
    ${host ? hostControls(p, a) : nothing}
    <div class="buttons">
      ${
        a.canMessagePrivately(p)
          ? html`<button type="button" part="message-privately" @click=${() => a.messagePrivately(p)}>
              ${msg('Message privately')}
            </button>`
          : nothing
      }
      <button type="button" @click=${() => a.close(true)}>${msg('Close')}</button>
    </div>
  </section>`;
}
