import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { StoreController } from '../../controllers/store-controller.js';
import type { ParticipantsState } from '../../services/types.js';
import { CallPanel } from '../shared/call-panel.js';
import type { RosterBody } from './roster-body.js';
import { styles } from './roster.styles.js';

/**
 * The participant list of a call: everyone's name, role (Host, Guest, External) and state badges
 * (being called, waiting to join, streaming/recording, speaking, muted, camera off, presenting, hand
 * raised), a search box, and — for Hosts — per-participant controls: admit or reject someone waiting
 * at a locked conference, mute, change role, view presentation on endpoint, transfer, DTMF keypad and
 * disconnect. Everyone can pick "Message privately" for another participant who can chat (not a
 * dial-out, gateway or streaming call), so the next message in `<pex-chat>` goes to that person only.
 * A newcomer waiting to join is announced to Hosts (visibly and to screen readers).
 *
 * It follows the call of the enclosing `<pex-call>`, or the one named by `call="<id>"`, or the
 * `service` property; without a call it says "Not in a call". The list is windowed: only the visible
 * rows (plus a margin) are in the DOM, so thousands of participants stay smooth; rows are as tall as
 * their text (the windowing measures them), so a larger font or line height never clips a row.
 * Arrow keys (and Home/End) move between rows.
 *
 * @tagname pex-roster
 * @summary Participant list with search, badges and Host controls.
 * @attr {'light' | 'dark' | 'high-contrast' | 'light high-contrast' | 'dark high-contrast'} theme - Colour theme. Without it, the page's `--pex-color-scheme`, then its `prefers-color-scheme` and `prefers-contrast`, decide; elements inside this one take its theme.
 *
 * @event pex-disconnect-request - A Host pressed Disconnect; cancelable (`PexDisconnectRequestEvent`:
 *   `participant`). Cancel it to keep the participant (e.g. to ask first). Raised by the call's service on its `<pex-call>`.
 * @event pex-participant-waiting - Someone new waits to join a locked conference; Hosts only
 *   (`PexParticipantWaitingEvent`: `participant`). Raised once per call on its `<pex-call>`.
 * @event pex-toggle - The list was collapsed or expanded (`PexToggleEvent`: `open`).
 * @event pex-error - A Host command failed (`PexErrorEvent`: localised `error.message`). Raised once on the call's `<pex-call>`.
 *
 * @slot heading - Replaces the "Participants" title.
 * @slot empty - Replaces the "Not in a call" text.
 *
 * @csspart base - The whole panel.
 * @csspart header - Title bar with the count and the collapse button.
 * @csspart toggle - The collapse/expand button.
 * @csspart notice - The "… is waiting to join" announcement (Hosts).
 * @csspart body - Everything below the header (hidden when collapsed).
 * @csspart search - The search box.
 * @csspart list - The scrolling list of rows.
 * @csspart row - One participant.
 * @csspart name - The participant's name (a button that opens the details).
 * @csspart role - The role text.
 * @csspart badge - Each state badge (`data-badge` says which).
 * @csspart status - The node's status text for a participant (e.g. "Call failed: Busy").
 * @csspart admit - The Admit button of a waiting participant.
 * @csspart reject - The Reject button of a waiting participant.
 * @csspart details - The selected participant's details and Host controls.
 * @csspart message-privately - The "Message privately" button in a participant's details.
 * @csspart transfer-dialog - The transfer form.
 * @csspart error - The last command's error.
 * @csspart empty - The empty state.
 *
 * @cssproperty [--pex-roster-max-height=24rem] - Height of the list before it scrolls.
 * @cssproperty [--pex-roster-row-height=3.75rem] - Minimum height of a row (rows grow to fit their text).
 * @cssproperty [--pex-font-family=system-ui] - Font.
 * @cssproperty [--pex-font-size=1rem] - Text size (the element does not take the page's).
 * @cssproperty [--pex-line-height=1.5] - Line height (the element does not take the page's).
 * @cssproperty [--pex-roster-notice-background=#fff4d6] - Background of the waiting announcement.
 * @cssproperty [--pex-roster-waiting=#fde2df] - Background of the "Waiting to join" badge.
 * @cssproperty [--pex-roster-calling=#e3ecfb] - Background of the "Being called" badge.
 * @cssproperty [--pex-roster-speaking=#dff3e6] - Background of the "Speaking" badge.
 * @cssproperty [--pex-surface=#fff] - Panel background.
 * @cssproperty [--pex-surface-2=#f1f3f6] - Badges, selected row, buttons.
 * @cssproperty [--pex-text=#1b1f24] - Text colour.
 * @cssproperty [--pex-muted-text=#555d66] - Secondary text.
 * @cssproperty [--pex-success=#127a3a] - Admit button.
 * @cssproperty [--pex-danger=#c4291c] - Reject and Disconnect buttons.
 * @cssproperty [--pex-radius=8px] - Corner radius.
 * @cssproperty [--pex-color-scheme=light dark] - `light` or `dark`: that theme for every element of the page, whatever the person's `prefers-color-scheme` (a `theme` attribute still wins).
 */
export class PexRoster extends CallPanel<RosterBody> {
  static override styles = styles;

  private readonly participantsStore = new StoreController<ParticipantsState>(this);

  constructor() {
    super('roster', () => import('./roster-body.js'));
  }

  protected override bind(): void {
    super.bind();
    this.participantsStore.store = this.callService?.participants;
  }

  /** A call under way, or a roster left from one. */
  protected override started(): boolean {
    return this.callUnderWay() || Boolean(this.participantsStore.value?.list.length);
  }

  /** Also waits for the in-call UI (and a keypad) being downloaded, so it is there afterwards. */
  protected override async getUpdateComplete(): Promise<boolean> {
    let done = await super.getUpdateComplete();
    for (;;) {
      const body = this.lazyBody.value;
      const pending = body ? body.pending : this.lazyBody.loading;
      if (!pending) return done;
      await pending;
      done = await super.getUpdateComplete();
    }
  }

  protected override render(): TemplateResult {
    const body = this.lazyBody.value;
    return this.renderPanel(
      html`<slot name="heading">${msg('Participants')}</slot>${body?.count() ?? nothing}`,
      [msg('Show participants'), msg('Hide participants')],
      html`<p class="notice" part="notice" role="status">${body?.notice ?? ''}</p>`,
      body ? body.render() : this.renderEmpty(),
      body?.renderDialog(),
    );
  }
}
