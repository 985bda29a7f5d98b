import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { CallService } from '../../services/call-service.js';
import type { CallError } from '../../services/errors.js';
import type { ParticipantView } from '../../services/types.js';
import type { PexRoster } from './roster.js';

/** Runs a command on the call; a failure is handed to `onError`. Resolves true when it was done. */
export type RunCommand = (
  fn: (s: CallService) => Promise<unknown>,
  onError?: (error: CallError) => void,
) => Promise<boolean>;

/**
 * The roster's transfer form (Hosts): a modal dialog asking for the meeting to move a participant
 * to, the role they join it as and its PIN, checked before anything is sent; the node's refusal
 * shows in the dialog, which stays open with what was typed.
 */
export class TransferDialog {
  #for: ParticipantView | undefined;
  #error = '';

  constructor(
    private readonly host: PexRoster,
    private readonly run: RunCommand,
    private readonly changed: () => void,
  ) {}

  get #dialog(): HTMLDialogElement | null {
    return this.host.renderRoot.querySelector<HTMLDialogElement>('#transfer');
  }

  /** Opens the form for `p`, empty, with the cursor in the address. */
  open(p: ParticipantView): void {
    this.#for = p;
    this.#error = '';
    this.changed();
    void this.host.updateComplete.then(() => {
      const d = this.#dialog;
      if (d && !d.open) d.showModal();
      d?.querySelector<HTMLFormElement>('form')?.reset();
      d?.querySelector<HTMLInputElement>('input[name="alias"]')?.focus();
    });
  }

  async #submit(e: SubmitEvent): Promise<void> {
    e.preventDefault();
    const p = this.#for;
    const form = e.currentTarget as HTMLFormElement;
    if (!p) return;
    const data = new FormData(form);
    const alias = String(data.get('alias') ?? '').trim();
    const role = data.get('role') === 'host' ? 'host' : 'guest';
    const pin = String(data.get('pin') ?? '').trim();
    if (!alias) {
      this.#error = msg('Enter the address of the meeting to transfer to.');
      this.changed();
      return;
    }
    if (pin && !/^[0-9]{1,20}#?$/.test(pin)) {
      this.#error = msg('A PIN is made of digits (and may end with #).');
      this.changed();
      return;
    }
    const ok = await this.run(
      (s) => s.transfer(p.uuid, alias, role, pin),
      (error) => (this.#error = error.message),
    );
    if (ok) {
      this.#dialog?.close();
      this.#for = undefined;
    }
    this.changed();
  }

  render(): TemplateResult {
    const p = this.#for;
    return html`<dialog
      id="transfer"
      part="transfer-dialog"
      aria-labelledby="transfer-title"
      @close=${() => {
        this.#for = undefined;
        this.changed();
      }}
    >
      <form @submit=${(e: SubmitEvent) => void this.#submit(e)}>
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
        ${this.#error ? html`<p class="error" role="alert">${this.#error}</p>` : nothing}
        <div class="dialog-buttons">
          <button type="button" @click=${() => this.#dialog?.close()}>${msg('Cancel')}</button>
          <button type="submit" class="primary">${msg('Transfer')}</button>
        </div>
      </form>
    </dialog>`;
  }
}
