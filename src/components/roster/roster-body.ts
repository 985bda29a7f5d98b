import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { ElementBody } from '../../controllers/lazy-body.js';
import { VirtualListController } from '../../controllers/virtual-list.js';
import type { CallService } from '../../services/call-service.js';
import type { CallError } from '../../services/errors.js';
import type { ParticipantsState, ParticipantView } from '../../services/types.js';
import { bodyStyles } from './roster-body.styles.js';
import { renderDetails, type RosterActions } from './roster-details.js';
import { ordered, renderRow } from './roster-rows.js';
import { TransferDialog } from './roster-transfer.js';
import type { PexRoster } from './roster.js';

/**
 * The in-call part of `<pex-roster>`: search, the windowed list of rows, a participant's details and
 * Host controls, the keypad and the transfer dialog. `<pex-roster>` loads this module with `import()`
 * when its call starts, so a page that only shows "Not in a call" does not download it. The body
 * renders into the element's shadow root (same parts) and keeps its own UI state, re-rendering the
 * element when that state changes.
 */

export { bodyStyles };

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
  /** The keypad's download, while in progress (the element's `updateComplete` waits for it). */
  #dialpadLoading: Promise<unknown> | undefined;

  /** Waiting uuids already announced, so each newcomer is announced once. */
  #announced = new Set<string>();
  #lastList: ParticipantsState | undefined;
  #view: { source: readonly ParticipantView[]; query: string; rows: ParticipantView[] } | undefined;
  /** The list is windowed: only the rows in view (and a margin) are rendered. */
  readonly #window: VirtualListController;
  readonly #transfer: TransferDialog;
  /** What rows and details do (their templates are in roster-rows.ts and roster-details.ts). */
  readonly #actions: RosterActions;

  constructor(host: PexRoster) {
    this.#host = host;
    host.addController(this);
    this.#window = new VirtualListController(host, { list: () => this.#listEl });
    this.#transfer = new TransferDialog(
      host,
      (fn, onError) => this.#run(fn, onError),
      () => this.#changed(),
    );
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const body = this;
    this.#actions = {
      select: (p, index) => this.#select(p, index),
      focused: (index) => {
        if (this.#active === index) return;
        this.#active = index;
        this.#changed();
      },
      close: (restoreFocus) => this.#closeDetails(restoreFocus),
      admit: (p) => void this.#run((s) => s.admit(p.uuid)),
      reject: (p) => void this.#run((s) => s.reject(p.uuid)),
      mute: (p) => void this.#run((s) => s.muteParticipant(p.uuid, !p.isMuted)),
      setRole: (p, role) => {
        if (role !== p.role) void this.#run((s) => s.setRole(p.uuid, role));
      },
      setRx: (p, allow) => void this.#run((s) => s.setRxPresentation(p.uuid, allow)),
      disconnect: (p) => this.#disconnect(p),
      // Makes `p` the recipient of the next chat message (a <pex-chat> of this call shows it).
      messagePrivately: (p) => void this.#run(async (s) => s.setChatRecipient(p.uuid)),
      canMessagePrivately: (p) => Boolean(this.#service?.canMessagePrivately(p)),
      openTransfer: (p) => this.#transfer.open(p),
      toggleDialpad: (p) => this.#toggleDialpad(p),
      closeDialpad: () => {
        this.#dialpadFor = undefined;
        this.#changed();
      },
      dtmf: (p, e) => {
        e.stopPropagation();
        void this.#run((s) => s.sendDtmf(e.digits, p.uuid));
      },
      get dialpadFor() {
        return body.#dialpadFor;
      },
    };
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

  hostUpdate(): void {
    const state = this.#service?.participants.get();
    if (state !== this.#lastList) {
      this.#lastList = state;
      this.#onParticipants(state?.list ?? []);
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
  #run(fn: (s: CallService) => Promise<unknown>, onError?: (error: CallError) => void): Promise<boolean> {
    this.#error = '';
    this.#changed();
    return this.#host.run(fn, (error) => {
      this.#error = error.message;
      onError?.(error);
      this.#changed();
    });
  }

  #disconnect(p: ParticipantView): void {
    // The service asks first (the cancelable pex-disconnect-request): a vetoed kick keeps the details.
    let kicked = false;
    void this.#run(async (s) => void (kicked = await s.kick(p.uuid))).then((ok) => {
      if (ok && kicked && this.#selected === p.uuid) this.#closeDetails(false);
    });
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
    this.#window.scrollToRow(index);
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

  #renderWindow(rows: ParticipantView[], host: boolean): TemplateResult {
    const count = rows.length;
    const { first, last } = this.#window.range(count);
    const slice = rows.slice(first, last + 1);
    return html`<div class="rows" role="list" aria-label=${msg('Participants')}>
      ${repeat(
        slice,
        (p) => p.uuid,
        (p, i) =>
          renderRow(
            p,
            {
              index: first + i,
              count,
              selected: this.#selected === p.uuid,
              active: first + i === Math.min(this.#active, count - 1),
              host,
            },
            this.#actions,
          ),
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
      ${selected ? renderDetails(selected, host, this.#actions) : nothing}
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
        @scroll=${() => this.#window.onScroll()}
        @keydown=${(e: KeyboardEvent) => this.#onListKey(e, count)}
      >
        ${this.#renderWindow(rows, host)}
      </div>`;
  }

  /** The transfer dialog (Hosts), outside the collapsible part. */
  renderDialog(): TemplateResult | typeof nothing {
    return this.#isHost ? this.#transfer.render() : nothing;
  }
}

/** `<pex-roster>` loads this: the body for one element. */
export function createBody(host: PexRoster): RosterBody {
  return new RosterBody(host);
}
