import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { ParticipantView } from '../../services/types.js';
import type { RosterActions } from './roster-details.js';

type BadgeKey =
  'calling' | 'waiting' | 'streaming' | 'speaking' | 'muted' | 'camera-off' | 'presenting' | 'hand-raised';

/** The badges a participant shows, in reading order, with their (localised) names. */
export function badgesOf(p: ParticipantView): { key: BadgeKey; label: string }[] {
  const out: { key: BadgeKey; label: string }[] = [];
  if (p.isCalling) out.push({ key: 'calling', label: msg('Being called') });
  if (p.isWaiting) out.push({ key: 'waiting', label: msg('Waiting to join') });
  if (p.isStreaming) out.push({ key: 'streaming', label: msg('Streaming or recording') });
  if (p.isSpeaking) out.push({ key: 'speaking', label: msg('Speaking') });
  if (p.isMuted) out.push({ key: 'muted', label: msg('Muted') });
  if (p.isCameraMuted) out.push({ key: 'camera-off', label: msg('Camera off') });
  if (p.isPresenting) out.push({ key: 'presenting', label: msg('Presenting') });
  if (p.handRaised) out.push({ key: 'hand-raised', label: msg('Hand raised') });
  return out;
}

/** A participant's role as shown: Host, Guest or External. */
export function roleLabel(p: ParticipantView): string {
  if (p.isExternal) return msg('External');
  return p.role === 'host' ? msg('Host') : msg('Guest');
}

/** Waiting people first (a Host acts on them), then yourself, then everyone else in the node's order. */
export function ordered(list: readonly ParticipantView[]): ParticipantView[] {
  const waiting: ParticipantView[] = [];
  const me: ParticipantView[] = [];
  const rest: ParticipantView[] = [];
  for (const p of list) (p.isWaiting ? waiting : p.isMe ? me : rest).push(p);
  return waiting.length === 0 && me.length === 0 ? rest : [...waiting, ...me, ...rest];
}

/** Where a row stands: its index of `count`, whether it is the selected one and the one in the tab order. */
export interface RowState {
  index: number;
  count: number;
  selected: boolean;
  /** The row is the one reached with Tab (the others with the arrow keys). */
  active: boolean;
  /** The viewer is a Host (rows offer Admit / Reject and Mute). */
  host: boolean;
}

/** Admit and Reject for someone waiting, else Mute / Unmute (Hosts). */
function rowActions(p: ParticipantView, tab: number, a: RosterActions): TemplateResult | typeof nothing {
  if (p.isWaiting) {
    return html`<div class="actions">
      <button
        type="button"
        class="admit"
        part="admit"
        tabindex=${tab}
        aria-label=${msg(str`Admit ${p.displayName}`)}
        @click=${() => a.admit(p)}
      >
        ${msg('Admit')}
      </button>
      <button
        type="button"
        class="danger"
        part="reject"
        tabindex=${tab}
        aria-label=${msg(str`Reject ${p.displayName}`)}
        @click=${() => a.reject(p)}
      >
        ${msg('Reject')}
      </button>
    </div>`;
  }
  if (!p.canMute || p.isCalling) return nothing;
  return html`<div class="actions">
    <button
      type="button"
      class="mute"
      tabindex=${tab}
      aria-label=${p.isMuted ? msg(str`Unmute ${p.displayName}`) : msg(str`Mute ${p.displayName}`)}
      @click=${() => a.mute(p)}
    >
      ${p.isMuted ? msg('Unmute') : msg('Mute')}
    </button>
  </div>`;
}

/** One participant's row: name (a button that opens the details), role, badges, status, actions. */
export function renderRow(p: ParticipantView, r: RowState, a: RosterActions): TemplateResult {
  const tab = r.active ? 0 : -1;
  const name = p.displayName;
  return html`<div
    class="row ${r.selected ? 'selected' : ''}"
    part="row"
    role="listitem"
    aria-posinset=${r.index + 1}
    aria-setsize=${r.count}
    data-index=${r.index}
    data-uuid=${p.uuid}
  >
    <div class="who">
      <button
        type="button"
        class="name-button"
        part="name"
        tabindex=${tab}
        aria-expanded=${r.selected ? 'true' : 'false'}
        aria-controls="details"
        @click=${() => a.select(p, r.index)}
        @focus=${() => a.focused(r.index)}
      >
        <bdi class="name" title=${name}>${name}</bdi>
        ${p.isMe ? html`<span class="you">${msg('(you)')}</span>` : nothing}
      </button>
      <div class="meta">
        <span class="role" part="role">${roleLabel(p)}</span>
        ${badgesOf(p).map((b) => html`<span class="badge" part="badge" data-badge=${b.key}>${b.label}</span>`)}
        ${
          p.overlayText
            ? html`<bdi class="status" part="status" title=${p.overlayText}>${p.overlayText}</bdi>`
            : nothing
        }
      </div>
    </div>
    ${r.host ? rowActions(p, tab, a) : nothing}
  </div>`;
}
