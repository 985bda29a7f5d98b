import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { JoinOptions } from '../../services/call-service.js';
import { canRejoin } from '../../services/errors.js';
import type { ConferenceState, MediaMode } from '../../services/types.js';
import type { PexCall } from './call.js';

/**
 * `<pex-call>`'s join form (`part="join-form"`) and what the person typed or chose on it and has not
 * joined with yet (the draft). The draft wins over values set later (a link, saved settings, the host
 * page), so nothing the person types is lost to a re-render; joining makes it the element's values.
 */
export class JoinForm {
  readonly #el: PexCall;
  /** Joins with what the form holds. */
  readonly #join: () => void;
  /** "Rejoin" after a lost connection. */
  readonly #rejoin: () => void;
  #draft: { conference?: string; name?: string; media?: MediaMode } = {};

  constructor(el: PexCall, join: () => void, rejoin: () => void) {
    this.#el = el;
    this.#join = join;
    this.#rejoin = rejoin;
  }

  /** The meeting address to join: what was typed, else the element's. */
  get conference(): string {
    return this.#draft.conference ?? this.#el.conference;
  }

  /** What the person typed becomes the element's values from here on (when joining). */
  commit(): void {
    const el = this.#el;
    el.conference = this.conference;
    el.name = this.#draft.name ?? el.name;
    el.media = this.#draft.media ?? el.media;
    this.#draft = {};
  }

  /** The form; `linkError`: a malformed link or meeting address; `notice`: e.g. refused settings. */
  render(c: ConferenceState, linkError: string, notice: string): TemplateResult {
    const el = this.#el;
    const error = c.error;
    const ended = c.phase === 'ended';
    const submit = (e: Event): void => {
      e.preventDefault();
      // The form holds what the person sees: that is what they join with.
      const data = new FormData(e.target as HTMLFormElement);
      this.#draft = {
        conference: String(data.get('conference') ?? ''),
        name: String(data.get('name') ?? ''),
        media: (String(data.get('media') ?? 'video') as MediaMode) || 'video',
      };
      this.#join();
    };
    const typed =
      (field: 'conference' | 'name') =>
      (e: Event): void => {
        this.#draft = { ...this.#draft, [field]: (e.target as HTMLInputElement).value };
      };
    const media = this.#draft.media ?? el.media;
    const mediaChoice = (value: MediaMode, label: string): TemplateResult =>
      html`<label
        ><input
          type="radio"
          name="media"
          value=${value}
          .checked=${media === value}
          @change=${() => {
            this.#draft = { ...this.#draft, media: value };
            el.requestUpdate();
          }}
        />${label}</label
      >`;
    return html`<form class="panel" part="join-form" @submit=${submit} aria-labelledby="join-title">
      <slot name="branding"></slot>
      <h2 id="join-title">${ended && !error ? msg('You left the meeting') : msg('Join a meeting')}</h2>
      ${error ? html`<p class="error" role="alert">${error.message}</p>` : nothing}
      ${linkError ? html`<p class="error" role="alert">${linkError}</p>` : nothing}
      <label
        >${msg('Meeting address')}
        <input
          name="conference"
          required
          autocomplete="off"
          spellcheck="false"
          .value=${this.conference}
          @input=${typed('conference')}
          placeholder=${msg('e.g. meet.alice')}
      /></label>
      <label
        >${msg('Your name')}
        <input
          name="name"
          required
          autocomplete="name"
          maxlength="256"
          .value=${this.#draft.name ?? (el.name || el.settings.get().displayName)}
          @input=${typed('name')}
      /></label>
      <fieldset>
        <legend>${msg('Join with')}</legend>
        ${mediaChoice('video', msg('Camera and microphone'))} ${mediaChoice('audio', msg('Audio only'))}
        ${mediaChoice('none', msg('Conference control and presentation only'))}
      </fieldset>
      ${notice ? html`<p class="error" role="alert">${notice}</p>` : nothing}
      <div class="actions">
        ${
          ended && canRejoin(error)
            ? html`<button class="primary" type="button" @click=${this.#rejoin}>${msg('Rejoin')}</button>`
            : nothing
        }
        <button class=${ended && canRejoin(error) ? '' : 'primary'} type="submit">
          ${ended ? msg('Join again') : msg('Join')}
        </button>
      </div>
    </form>`;
  }
}

/**
 * What Join sends: the element's values (after `JoinForm.commit()`), else the saved settings; the
 * element's `devices` win over the saved camera and microphone.
 */
export function joinOptions(el: PexCall, alias: string, name: string): JoinOptions {
  const s = el.settings.get();
  return {
    alias,
    displayName: name,
    mediaMode: el.media,
    bandwidth: el.bandwidth || s.bandwidth,
    forceGuest: el.forceGuest,
    muted: el.joinMuted || s.muteMicrophoneOnJoin,
    ...(el.node ? { node: el.node } : {}),
    ...(el.pin ? { pin: el.pin } : {}),
    ...(el.extension ? { extension: el.extension } : {}),
    ...(s.cameraId !== 'default' ? { cameraId: s.cameraId } : {}),
    ...(s.microphoneId !== 'default' ? { microphoneId: s.microphoneId } : {}),
    ...el.devices,
  };
}

/** "Connecting to …" with a way to cancel (`part="prompt"`), until the in-call UI is there. */
export function renderConnecting(c: ConferenceState, cancel: () => void): TemplateResult {
  return html`<section class="panel" part="prompt" aria-labelledby="panel-title">
    <h2 id="panel-title">${msg(str`Connecting to ${c.alias}…`)}</h2>
    <div class="spinner" aria-hidden="true"></div>
    <div class="actions">
      <button type="button" @click=${cancel}>${msg('Cancel')}</button>
    </div>
  </section>`;
}

/** What a screen reader hears when the call's phase changes (a polite status). */
export function announcement(c: ConferenceState): string {
  switch (c.phase) {
    case 'connecting':
      return msg('Connecting…');
    case 'in-call':
      return msg(str`You are in ${c.conferenceName}.`);
    case 'ended':
      return c.error ? c.error.message : msg('You left the meeting.');
    default:
      return '';
  }
}
