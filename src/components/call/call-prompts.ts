import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { ConferenceState } from '../../services/types.js';
import type { PexCall } from './call.js';

/**
 * What `<pex-call>` shows between pressing Join and being in the call: the PIN and extension prompts
 * and the waiting screens. Loaded with the in-call UI (call-room.ts) when joining starts, so a page
 * that only shows the join form does not download them.
 */
export interface PromptHost {
  readonly element: PexCall;
  /** Runs a command; a failure becomes the visible notice and a `pex-error` event. */
  run(action: () => Promise<unknown>): Promise<void>;
  /** The visible notice (a refused command). */
  notice(): string;
  /** A command is running (the primary button waits). */
  busy(): boolean;
}

/** The call's error and the notice of a refused command. */
function alerts(c: ConferenceState, host: PromptHost): TemplateResult {
  return html`${c.error ? html`<p class="error" role="alert">${c.error.message}</p>` : nothing}
  ${host.notice() ? html`<p class="error" role="alert">${host.notice()}</p>` : nothing}`;
}

/** Join (the form's submit) and Back to the join form. */
function formActions(host: PromptHost): TemplateResult {
  return html`<div class="actions">
    <button class="primary" type="submit" ?disabled=${host.busy()}>${msg('Join')}</button>
    <button type="button" @click=${() => host.element.service.reset()}>${msg('Back')}</button>
  </div>`;
}

function panel(title: string, body: TemplateResult, actions: TemplateResult): TemplateResult {
  return html`<section class="panel" part="prompt" aria-labelledby="panel-title">
    <h2 id="panel-title">${title}</h2>
    ${body}
    <div class="actions">${actions}</div>
  </section>`;
}

/** The prompt or waiting screen for `c.phase` (needs-pin, needs-extension, waiting-room, waiting-for-host). */
export function renderPrompt(c: ConferenceState, host: PromptHost): TemplateResult {
  const leave = html`<button type="button" @click=${() => host.element.leave(true)}>${msg('Leave')}</button>`;
  switch (c.phase) {
    case 'needs-pin':
      return renderPin(c, host);
    case 'needs-extension':
      return renderExtension(c, host);
    case 'waiting-room':
      return panel(
        msg('Waiting to be let in'),
        html`<p>${msg('The meeting is locked. A Host has been told you are waiting.')}</p>`,
        leave,
      );
    default:
      return panel(
        msg('Waiting for the Host'),
        html`<p>${msg('The meeting starts when a Host joins.')}</p>`,
        leave,
      );
  }
}

function renderPin(c: ConferenceState, host: PromptHost): TemplateResult {
  const call = host.element;
  const guestChoice = Boolean(c.pinPrompt?.hostPin && !c.pinPrompt.guestPin);
  const submit = (e: Event): void => {
    e.preventDefault();
    const data = new FormData(e.target as HTMLFormElement);
    const asGuest = data.get('role') === 'guest';
    const pin = asGuest ? '' : String(data.get('pin') ?? '');
    void host.run(() => call.service.submitPin(pin));
  };
  return html`<form class="panel" part="prompt" @submit=${submit} aria-labelledby="pin-title">
    <h2 id="pin-title">${msg('This meeting needs a PIN')}</h2>
    ${alerts(c, host)}
    ${
      guestChoice
        ? html`<fieldset>
            <legend>${msg('Join as')}</legend>
            <label
              ><input type="radio" name="role" value="host" checked />${msg('Host (enter the PIN)')}</label
            >
            <label><input type="radio" name="role" value="guest" />${msg('Guest (no PIN needed)')}</label>
          </fieldset>`
        : nothing
    }
    <label
      >${msg('PIN')}
      <input
        name="pin"
        type="password"
        inputmode="numeric"
        autocomplete="off"
        pattern="[0-9]*#?"
        maxlength="21"
        ?required=${!guestChoice}
        .value=${call.pin}
    /></label>
    ${formActions(host)}
  </form>`;
}

function renderExtension(c: ConferenceState, host: PromptHost): TemplateResult {
  const call = host.element;
  const submit = (e: Event): void => {
    e.preventDefault();
    const ext = String(new FormData(e.target as HTMLFormElement).get('extension') ?? '');
    void host.run(() => call.service.submitExtension(ext));
  };
  return html`<form class="panel" part="prompt" @submit=${submit} aria-labelledby="ext-title">
    <h2 id="ext-title">${msg('Enter the meeting extension')}</h2>
    ${alerts(c, host)}
    <label
      >${msg('Extension')}
      <input name="extension" required inputmode="numeric" autocomplete="off" .value=${call.extension}
    /></label>
    ${formActions(host)}
  </form>`;
}
