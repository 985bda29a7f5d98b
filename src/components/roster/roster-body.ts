import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ElementBody } from '../../controllers/lazy-body.js';
import type { PexDtmfEvent } from '../../events/dialpad-events.js';
import type { CallService } from '../../services/call-service.js';
import type { ParticipantsState, ParticipantView, Role } from '../../services/types.js';
import { bodyStyles } from './roster-body.styles.js';
import type { PexRoster } from './roster.js';

/**
 * The in-call part of `<pex-roster>`: search, the windowed list of rows, a participant's details and
 * Host controls, the keypad and the transfer dialog. `<pex-roster>` loads this module with `import()`
 * when its call starts, so a page that only shows "Not in a call" does not download it. The body
 * renders into the element's shadow root (same parts) and keeps its own UI state, re-rendering the
 * element when that state changes.
 */

export { bodyStyles };

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

function roleLabel(p: ParticipantView): string {
  if (p.isExternal) return msg('External');
  return p.role === 'host' ? msg('Host') : msg('Guest');
}

/** Waiting people first (a Host acts on them), then yourself, then everyone else in the node's order. */
function ordered(list: readonly ParticipantView[]): ParticipantView[] {
  const waiting: ParticipantView[] = [];
  const me: ParticipantView[] = [];
  const rest: ParticipantView[] = [];
  for (const p of list) (p.isWaiting ? waiting : p.isMe ? me : rest).push(p);
  return waiting.length === 0 && me.length === 0 ? rest : [...waiting, ...me, ...rest];
}

const IN_CALL_PHASES = new Set(['in-call', 'waiting-room', 'waiting-for-host']);

let dialpad: Promise<unknown> | undefined;
/** Registers `<pex-dialpad>` (once; a failed load is tried again next time). */
function loadDialpad(): Promise<unknown> {
  dialpad ??= import('../dialpad/pex-dialpad.js').catch((e: unknown) => {
    dialpad = undefined;
    throw e;
  });
  return dialpad;
}

export class RosterBody implements ElementBody, ReactiveController {
  readonly #host: PexRoster;

  #query = '';
  #selected: string | undefined;
  #active = 0;
  #notice = '';
  #error = '';
  #dialpadFor: string | undefined;
  #transferFor: ParticipantView | undefined;
  #transferError = '';
  /** The keypad's download, while in progress (the element's `updateComplete` waits for it). */
  #dialpadLoading: Promise<unknown> | undefined;

  /** Waiting uuids already announced, so each newcomer is announced once. */
  #announced = new Set<string>();
  #lastList: ParticipantsState | undefined;
  #view: { source: readonly ParticipantView[]; query: string; rows: ParticipantView[] } | undefined;
  /** Windowing: the rows' height (measured from the rendered ones), so the visible slice follows from scrollTop. */
  #rowHeight = 0;
  #scrollTop = 0;
  #viewport = 0;
  #range = { first: 0, last: -1 };
  #resize: ResizeObserver | undefined;
  /** Padding above and below the rendered rows, in px, standing for the rows not rendered. */
  #pad = { top: 0, bottom: 0 };

  constructor(host: PexRoster) {
    this.#host = host;
    host.addController(this);
  }

  get #service(): CallService | undefined {
    return this.#host.callService;
  }

  get #isHost(): boolean {
    return Boolean(this.#service?.isHost);
  }

  get #listEl(): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>('.list');
  }

  get #transferDialog(): HTMLDialogElement | null {
    return this.#host.renderRoot.querySelector<HTMLDialogElement>('#transfer');
  }

  #changed(): void {
    this.#host.requestUpdate();
  }

  /** Work the element waits for in `updateComplete` (the keypad's download). */
  get pending(): Promise<unknown> | undefined {
    return this.#dialpadLoading;
  }

  /** The "… is waiting to join" announcement (Hosts only). */
  get notice(): string {
    return this.#isHost ? this.#notice : '';
  }

  // ---------------------------------------------------------------------------------------------
  // Lifecycle (ReactiveController hooks)

  hostConnected(): void {
    this.#resize = new ResizeObserver(() => {
      // Only read here; the render it may ask for comes after the observer's callbacks. Rows change
      // height without a render too (the page's font or --pex-line-height changed, a font loaded).
      const list = this.#listEl;
      if (!list) return;
      const h = this.#measureRows(list);
      const rowsChanged = h > 0 && Math.abs(h - this.#rowHeight) > 0.1;
      if (rowsChanged) this.#rowHeight = h;
      if (rowsChanged || list.clientHeight !== this.#viewport) {
        this.#viewport = list.clientHeight;
        this.#changed();
      }
    });
    const list = this.#listEl;
    if (list) this.#resize.observe(list);
  }

  hostDisconnected(): void {
    this.#resize?.disconnect();
    this.#resize = undefined;
  }

  hostUpdate(): void {
    const state = this.#service?.participants.get();
    if (state !== this.#lastList) {
      this.#lastList = state;
      this.#onParticipants(state?.list ?? []);
    }
  }

  hostUpdated(): void {
    const list = this.#listEl;
    if (!list) return;
    const rowsEl = list.querySelector<HTMLElement>('.rows');
    rowsEl?.style.setProperty('padding-top', `${this.#pad.top}px`);
    rowsEl?.style.setProperty('padding-bottom', `${this.#pad.bottom}px`);
    this.#resize?.observe(list);
    if (rowsEl) this.#resize?.observe(rowsEl);
    const h = this.#measureRows(list);
    const viewport = list.clientHeight;
    if ((h > 0 && Math.abs(h - this.#rowHeight) > 0.1) || (viewport > 0 && viewport !== this.#viewport)) {
      if (h > 0) this.#rowHeight = h;
      if (viewport > 0) this.#viewport = viewport;
      this.#scrollTop = list.scrollTop;
      const next = this.#window(this.#view?.rows.length ?? 0);
      if (next.first !== this.#range.first || next.last !== this.#range.last) this.#changed();
    }
  }

  #onParticipants(list: readonly ParticipantView[]): void {
    if (this.#selected && !list.some((p) => p.uuid === this.#selected)) this.#closeDetails(false);
    if (this.#dialpadFor && !list.some((p) => p.uuid === this.#dialpadFor)) this.#dialpadFor = undefined;
    const waiting = list.filter((p) => p.isWaiting);
    const waitingIds = new Set(waiting.map((p) => p.uuid));
    for (const id of this.#announced) if (!waitingIds.has(id)) this.#announced.delete(id);
    if (waiting.length === 0) {
      this.#notice = '';
      return;
    }
    if (!this.#isHost) return;
    const fresh = waiting.filter((p) => !this.#announced.has(p.uuid));
    if (fresh.length === 0) return;
    // The call's service raises pex-participant-waiting (once per call); this is the visible notice.
    for (const p of fresh) this.#announced.add(p.uuid);
    const first = fresh[0]!.displayName;
    this.#notice =
      waiting.length === 1
        ? msg(str`${first} is waiting to join.`)
        : msg(str`${first} is waiting to join (${waiting.length} waiting).`);
  }

  /** The rows to show: ordered, filtered by the search text; cached per snapshot and query. */
  #rows(list: readonly ParticipantView[]): ParticipantView[] {
    const q = this.#query.trim().toLocaleLowerCase();
    if (this.#view && this.#view.source === list && this.#view.query === q) return this.#view.rows;
    const all = ordered(list);
    const rows = q ? all.filter((p) => p.displayName.toLocaleLowerCase().includes(q)) : all;
    this.#view = { source: list, query: q, rows };
    return rows;
  }

  // ---------------------------------------------------------------------------------------------
  // Commands

  /** Runs a command on the call; a failure is shown here and becomes the call's `pex-error`. */
  #run(fn: (s: CallService) => Promise<unknown>): Promise<boolean> {
    this.#error = '';
    this.#changed();
    return this.#host.run(fn, (error) => {
      this.#error = error.message;
      this.#changed();
    });
  }

  #admit(p: ParticipantView): void {
    void this.#run((s) => s.admit(p.uuid));
  }
  #reject(p: ParticipantView): void {
    void this.#run((s) => s.reject(p.uuid));
  }
  #mute(p: ParticipantView): void {
    void this.#run((s) => s.muteParticipant(p.uuid, !p.isMuted));
  }
  #setRole(p: ParticipantView, role: Role): void {
    if (role === p.role) return;
    void this.#run((s) => s.setRole(p.uuid, role));
  }
  #setRx(p: ParticipantView, allow: boolean): void {
    void this.#run((s) => s.setRxPresentation(p.uuid, allow));
  }
  #disconnect(p: ParticipantView): void {
    // The service asks first (the cancelable pex-disconnect-request): a vetoed kick keeps the details.
    let kicked = false;
    void this.#run(async (s) => void (kicked = await s.kick(p.uuid))).then((ok) => {
      if (ok && kicked && this.#selected === p.uuid) this.#closeDetails(false);
    });
  }
  /** Makes `p` the recipient of the next chat message (a `<pex-chat>` of this call shows it). */
  #messagePrivately(p: ParticipantView): void {
    void this.#run(async (s) => s.setChatRecipient(p.uuid));
  }
  /** Opens or closes `p`'s keypad; `<pex-dialpad>` is loaded on the first press (not with the call). */
  #toggleDialpad(p: ParticipantView): void {
    if (this.#dialpadFor === p.uuid) {
      this.#dialpadFor = undefined;
      this.#changed();
      return;
    }
    if (customElements.get('pex-dialpad')) {
      this.#dialpadFor = p.uuid;
      this.#changed();
      return;
    }
    const loading = loadDialpad().then(
      () => {
        this.#dialpadFor = p.uuid;
        this.#error = '';
      },
      () => {
        this.#error = msg('The keypad could not be loaded. Check your connection and try again.');
      },
    );
    this.#dialpadLoading = loading;
    void loading.then(() => {
      if (this.#dialpadLoading === loading) this.#dialpadLoading = undefined;
      this.#changed();
    });
  }
  #dtmf(p: ParticipantView, e: PexDtmfEvent): void {
    e.stopPropagation();
    void this.#run((s) => s.sendDtmf(e.digits, p.uuid));
  }

  #openTransfer(p: ParticipantView): void {
    this.#transferFor = p;
    this.#transferError = '';
    this.#changed();
    void this.#host.updateComplete.then(() => {
      const d = this.#transferDialog;
      if (d && !d.open) d.showModal();
      d?.querySelector<HTMLFormElement>('form')?.reset();
      d?.querySelector<HTMLInputElement>('input[name="alias"]')?.focus();
    });
  }

  async #submitTransfer(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const p = this.#transferFor;
    const form = e.currentTarget as HTMLFormElement;
    if (!p) return;
    const data = new FormData(form);
    const alias = String(data.get('alias') ?? '').trim();
    const role = data.get('role') === 'host' ? 'host' : 'guest';
    const pin = String(data.get('pin') ?? '').trim();
    if (!alias) {
      this.#transferError = msg('Enter the address of the meeting to transfer to.');
      this.#changed();
      return;
    }
    if (pin && !/^[0-9]{1,20}#?$/.test(pin)) {
      this.#transferError = msg('A PIN is made of digits (and may end with #).');
      this.#changed();
      return;
    }
    const ok = await this.#run((s) => s.transfer(p.uuid, alias, role, pin));
    if (ok) {
      this.#transferDialog?.close();
      this.#transferFor = undefined;
    } else {
      this.#transferError = this.#error;
    }
    this.#changed();
  }

  // ---------------------------------------------------------------------------------------------
  // Selection and focus

  #select(p: ParticipantView, index: number): void {
    this.#active = index;
    if (this.#selected === p.uuid) {
      this.#closeDetails(true);
      return;
    }
    this.#selected = p.uuid;
    this.#dialpadFor = undefined;
    this.#changed();
    void this.#host.updateComplete.then(() =>
      this.#host.renderRoot.querySelector<HTMLElement>('#details-title')?.focus(),
    );
  }

  #closeDetails(restoreFocus: boolean): void {
    const uuid = this.#selected;
    this.#selected = undefined;
    this.#dialpadFor = undefined;
    this.#changed();
    if (restoreFocus && uuid) void this.#focusRow(this.#active);
  }

  async #focusRow(index: number): Promise<void> {
    this.#active = index;
    this.#changed();
    const list = this.#listEl;
    const h = this.#rowHeight;
    if (list && h > 0) {
      const top = index * h;
      if (top < list.scrollTop) list.scrollTop = top;
      else if (top + h > list.scrollTop + list.clientHeight) list.scrollTop = top + h - list.clientHeight;
      this.#scrollTop = list.scrollTop;
    }
    // The row is in the DOM after the next render of the window.
    for (let i = 0; i < 5; i++) {
      await this.#host.updateComplete;
      const btn = this.#host.renderRoot.querySelector<HTMLElement>(
        `.row[data-index="${index}"] .name-button`,
      );
      if (btn) {
        btn.focus({ preventScroll: true });
        return;
      }
      await new Promise((r) => requestAnimationFrame(r));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Windowing

  #onScroll(): void {
    const list = this.#listEl;
    if (!list) return;
    this.#scrollTop = list.scrollTop;
    this.#viewport = list.clientHeight;
    const next = this.#window(this.#view?.rows.length ?? 0);
    if (next.first !== this.#range.first || next.last !== this.#range.last) this.#changed();
  }

  /** The slice of rows to render: the visible ones plus a margin on both sides. */
  #window(count: number): { first: number; last: number } {
    const h = this.#rowHeight || 48;
    const viewport = this.#viewport || 480;
    const overscan = 8;
    const first = Math.max(0, Math.min(count - 1, Math.floor(this.#scrollTop / h) - overscan));
    const last = Math.min(count - 1, Math.ceil((this.#scrollTop + viewport) / h) + overscan);
    return { first, last };
  }

  /**
   * The height of one row as rendered: the rendered rows' span divided by their number (rows have no
   * fixed height — they are as tall as their text — so this follows the font and line height the
   * element resolves, fractions included); 0 when no row is rendered.
   */
  #measureRows(list: HTMLElement): number {
    const rows = list.querySelectorAll<HTMLElement>('.row');
    if (rows.length === 0) return 0;
    const top = rows[0]!.getBoundingClientRect().top;
    const bottom = rows[rows.length - 1]!.getBoundingClientRect().bottom;
    return bottom > top ? (bottom - top) / rows.length : 0;
  }

  #renderWindow(rows: ParticipantView[], host: boolean): TemplateResult {
    const count = rows.length;
    const { first, last } = (this.#range = this.#window(count));
    const h = this.#rowHeight || 48;
    const slice = rows.slice(first, last + 1);
    // The space of the rows not rendered, applied in hostUpdated() through the CSSOM: a `style`
    // attribute would be refused on pages whose CSP says `style-src 'self'`.
    this.#pad = { top: first * h, bottom: Math.max(0, count - last - 1) * h };
    return html`<div class="rows" role="list" aria-label=${msg('Participants')}>
      ${repeat(
        slice,
        (p) => p.uuid,
        (p, i) => this.#renderRow(p, first + i, count, host),
      )}
    </div>`;
  }

  #onListKey(e: KeyboardEvent, count: number): void {
    if (count === 0) return;
    const target = e.target as HTMLElement;
    if (target.closest('input, select, textarea')) return;
    const current = Math.min(this.#active, count - 1);
    let next = current;
    if (e.key === 'ArrowDown') next = Math.min(count - 1, current + 1);
    else if (e.key === 'ArrowUp') next = Math.max(0, current - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = count - 1;
    else if (e.key === 'PageDown') next = Math.min(count - 1, current + 10);
    else if (e.key === 'PageUp') next = Math.max(0, current - 10);
    else return;
    e.preventDefault();
    void this.#focusRow(next);
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  /** In the call (or waiting to be let in), or someone is listed: the list shows; else "Not in a call". */
  get #inCall(): boolean {
    const s = this.#service;
    return (
      s !== undefined &&
      (IN_CALL_PHASES.has(s.conference.get().phase) || s.participants.get().list.length > 0)
    );
  }

  /** The participant count after the title, in a call. */
  count(): TemplateResult | typeof nothing {
    return this.#inCall
      ? html` <span class="count">(${this.#service!.participants.get().list.length})</span>`
      : nothing;
  }

  /** Everything below the header: search, error, details and the list — or "Not in a call". */
  render(): TemplateResult {
    if (!this.#inCall) {
      return html`<p class="empty" part="empty"><slot name="empty">${msg('Not in a call')}</slot></p>`;
    }
    const list = this.#service?.participants.get()?.list ?? [];
    const host = this.#isHost;
    const rows = this.#rows(list);
    const selected = this.#selected ? list.find((p) => p.uuid === this.#selected) : undefined;
    const count = rows.length;
    return html`<input
        type="search"
        part="search"
        aria-label=${msg('Search participants')}
        placeholder=${msg('Search participants')}
        .value=${this.#query}
        @input=${(e: InputEvent) => {
          this.#query = (e.target as HTMLInputElement).value;
          this.#active = 0;
          this.#changed();
        }}
      />
      ${this.#error ? html`<p class="error" part="error" role="alert">${this.#error}</p>` : nothing}
      ${selected ? this.#renderDetails(selected, host) : nothing}
      ${
        count === 0
          ? html`<p class="empty" part="empty">
              ${this.#query ? msg('No participants match your search.') : msg('No participants yet.')}
            </p>`
          : nothing
      }
      <div
        class="list"
        part="list"
        ?hidden=${count === 0}
        @scroll=${() => this.#onScroll()}
        @keydown=${(e: KeyboardEvent) => this.#onListKey(e, count)}
      >
        ${this.#renderWindow(rows, host)}
      </div>`;
  }

  /** The transfer dialog (Hosts), outside the collapsible part. */
  renderDialog(): TemplateResult | typeof nothing {
    return this.#isHost ? this.#renderTransferDialog() : nothing;
  }

  #renderRow(p: ParticipantView, index: number, count: number, host: boolean): TemplateResult {
    const tab = index === Math.min(this.#active, count - 1) ? 0 : -1;
    const badges = badgesOf(p);
    const name = p.displayName;
    return html`<div
      class="row ${this.#selected === p.uuid ? 'selected' : ''}"
      part="row"
      role="listitem"
      aria-posinset=${index + 1}
      aria-setsize=${count}
      data-index=${index}
      data-uuid=${p.uuid}
    >
      <div class="who">
        <button
          type="button"
          class="name-button"
          part="name"
          tabindex=${tab}
          aria-expanded=${this.#selected === p.uuid ? 'true' : 'false'}
          aria-controls="details"
          @click=${() => this.#select(p, index)}
          @focus=${() => {
            if (this.#active === index) return;
            this.#active = index;
            this.#changed();
          }}
        >
          <bdi class="name" title=${name}>${name}</bdi>
          ${p.isMe ? html`<span class="you">${msg('(you)')}</span>` : nothing}
        </button>
        <div class="meta">
          <span class="role" part="role">${roleLabel(p)}</span>
          ${badges.map((b) => html`<span class="badge" part="badge" data-badge=${b.key}>${b.label}</span>`)}
          ${
            p.overlayText
              ? html`<bdi class="status" part="status" title=${p.overlayText}>${p.overlayText}</bdi>`
              : nothing
          }
        </div>
      </div>
      ${host ? this.#renderRowActions(p, tab) : nothing}
    </div>`;
  }

  #renderRowActions(p: ParticipantView, tab: number): TemplateResult | typeof nothing {
    if (p.isWaiting) {
      return html`<div class="actions">
        <button
          type="button"
          class="admit"
          part="admit"
          tabindex=${tab}
          aria-label=${msg(str`Admit ${p.displayName}`)}
          @click=${() => this.#admit(p)}
        >
          ${msg('Admit')}
        </button>
        <button
          type="button"
          class="danger"
          part="reject"
          tabindex=${tab}
          aria-label=${msg(str`Reject ${p.displayName}`)}
          @click=${() => this.#reject(p)}
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
        @click=${() => this.#mute(p)}
      >
        ${p.isMuted ? msg('Unmute') : msg('Mute')}
      </button>
    </div>`;
  }

  #renderDetails(p: ParticipantView, host: boolean): TemplateResult {
    const badges = badgesOf(p);
    const status = [roleLabel(p), ...badges.map((b) => b.label)].join(', ');
    return html`<section
      id="details"
      class="details"
      part="details"
      aria-labelledby="details-title"
      @keydown=${(e: KeyboardEvent) => {
        if (e.key === 'Escape' && !this.#dialpadFor) {
          e.stopPropagation();
          this.#closeDetails(true);
        }
      }}
    >
      <h3 id="details-title" tabindex="-1">
        <bdi>${p.displayName}</bdi>${p.isMe ? html` <span class="you">${msg('(you)')}</span>` : nothing}
      </h3>
      <p>${status}</p>
      ${p.uri ? html`<p><bdi>${p.uri}</bdi></p>` : nothing}
      ${p.overlayText ? html`<p class="error"><bdi>${p.overlayText}</bdi></p>` : nothing}
      ${host ? this.#renderHostControls(p) : nothing}
      <div class="buttons">
        ${
          this.#service?.canMessagePrivately(p)
            ? html`<button type="button" part="message-privately" @click=${() => this.#messagePrivately(p)}>
                ${msg('Message privately')}
              </button>`
            : nothing
        }
        <button type="button" @click=${() => this.#closeDetails(true)}>${msg('Close')}</button>
      </div>
    </section>`;
  }

  #renderHostControls(p: ParticipantView): TemplateResult {
    if (p.isWaiting) {
      return html`<div class="buttons">
        <button type="button" class="admit" @click=${() => this.#admit(p)}>${msg('Admit')}</button>
        <button type="button" class="danger" @click=${() => this.#reject(p)}>${msg('Reject')}</button>
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
              @change=${() => this.#setRole(p, 'host')}
            />${msg('Host')}</label
          >
          <label class="inline"
            ><input
              type="radio"
              name="role"
              value="guest"
              .checked=${p.role === 'guest'}
              ?disabled=${p.isMe}
              @change=${() => this.#setRole(p, 'guest')}
            />${msg('Guest')}</label
          >
        </fieldset>`;
    return html`${roleControl}
      <label class="inline"
        ><input
          type="checkbox"
          name="rx-presentation"
          .checked=${p.rxPresentation}
          @change=${(e: Event) => this.#setRx(p, (e.target as HTMLInputElement).checked)}
        />${msg('View presentation on endpoint')}</label
      >
      <div class="buttons">
        ${
          p.canMute
            ? html`<button type="button" @click=${() => this.#mute(p)}>
                ${p.isMuted ? msg('Unmute') : msg('Mute')}
              </button>`
            : nothing
        }
        ${
          p.canTransfer
            ? html`<button type="button" aria-haspopup="dialog" @click=${() => this.#openTransfer(p)}>
                ${msg('Transfer…')}
              </button>`
            : nothing
        }
        <button
          type="button"
          aria-pressed=${this.#dialpadFor === p.uuid ? 'true' : 'false'}
          @click=${() => this.#toggleDialpad(p)}
        >
          ${msg('Keypad')}
        </button>
        ${
          p.canDisconnect
            ? html`<button type="button" class="danger" @click=${() => this.#disconnect(p)}>
                ${msg('Disconnect')}
              </button>`
            : nothing
        }
      </div>
      ${
        this.#dialpadFor === p.uuid
          ? html`<pex-dialpad
              label=${msg(str`Keypad for ${p.displayName}`)}
              @pex-dtmf=${(e: PexDtmfEvent) => this.#dtmf(p, e)}
              @pex-close=${() => {
                this.#dialpadFor = undefined;
                this.#changed();
              }}
            ></pex-dialpad>`
          : nothing
      }`;
  }

  #renderTransferDialog(): TemplateResult {
    const p = this.#transferFor;
    return html`<dialog
      id="transfer"
      part="transfer-dialog"
      aria-labelledby="transfer-title"
      @close=${() => {
        this.#transferFor = undefined;
        this.#changed();
      }}
    >
      <form @submit=${(e: SubmitEvent) => void this.#submitTransfer(e)}>
        <h3 id="transfer-title">
          ${p ? html`${msg('Transfer')} <bdi>${p.displayName}</bdi>` : msg('Transfer')}
        </h3>
        <label
          >${msg('Meeting address')}
          <input name="alias" autocomplete="off" spellcheck="false" maxlength="256" required
        /></label>
        <label
          >${msg('Join as')}
          <select name="role">
            <option value="guest">${msg('Guest')}</option>
            <option value="host">${msg('Host')}</option>
          </select>
        </label>
        <label
          >${msg('PIN (if needed)')} <input name="pin" inputmode="numeric" autocomplete="off" maxlength="21"
        /></label>
        ${this.#transferError ? html`<p class="error" role="alert">${this.#transferError}</p>` : nothing}
        <div class="dialog-buttons">
          <button type="button" @click=${() => this.#transferDialog?.close()}>${msg('Cancel')}</button>
          <button type="submit" class="primary">${msg('Transfer')}</button>
        </div>
      </form>
    </dialog>`;
  }
}

/** `<pex-roster>` loads this: the body for one element. */
export function createBody(host: PexRoster): RosterBody {
  return new RosterBody(host);
}
