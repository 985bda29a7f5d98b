import { ContextProvider } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { LanguageController } from '../../controllers/language-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import {
  PexErrorEvent,
  PexJoinEvent,
  PexLeaveEvent,
  PexLeaveRequestEvent,
  PexStateChangeEvent,
} from '../../events/events.js';
import { CallService, openMedia, type JoinOptions } from '../../services/call-service.js';
import { callServiceContext, settingsContext } from '../../services/context.js';
import { CallError } from '../../services/errors.js';
import { applyDefaultDomain, parseLink } from '../../services/links.js';
import { loadAdminConfig, parseHiddenAttribute, type SettingsStore } from '../../services/settings.js';
import { sharedSettings } from '../../services/shared-settings.js';
import type { ConferenceState, MediaMode, PresentationState, StreamStats } from '../../services/types.js';
import { styles } from './call.styles.js';
import { PresentationWindow, type PresentationView } from './presentation-window.js';

const PROTOCOLS = ['auto', 'sip', 'h323', 'mssip', 'rtmp'] as const;
type DialProtocol = (typeof PROTOCOLS)[number];

/**
 * A whole conference in one tag: join form → connecting → PIN / extension prompts → waiting screens
 * → the call (main video, self view, toolbar, Host menu). It creates the CallService that other
 * `pex-*` elements inside it (by context) or elsewhere (`call="<id>"`) share.
 *
 * @tagname pex-call
 * @summary The call: join, media, toolbar and Host controls.
 *
 * @event pex-state-change - The call's phase changed (`PexStateChangeEvent`: `phase`, `previous`).
 * @event pex-join - We are in the conference (`PexJoinEvent`).
 * @event pex-leave-request - The person asked to leave; cancelable (`PexLeaveRequestEvent`).
 * @event pex-leave - The call ended (`PexLeaveEvent`: `error` when not by choice).
 * @event pex-error - A join, command or device failure (`PexErrorEvent`: localised `error.message`).
 *
 * @slot - Elements that should share this call (e.g. `<pex-roster>`), shown below the call.
 * @slot branding - Content above the join form (a logo, a welcome text).
 *
 * @csspart join-form - The form shown before joining.
 * @csspart prompt - PIN, extension and waiting panels.
 * @csspart call - The in-call layout.
 * @csspart header - The bar with the conference name and the Host menu button.
 * @csspart stage - The area with the main video and presentation.
 * @csspart main-video - The main (remote) video.
 * @csspart self-view - The picture of yourself.
 * @csspart toolbar - The in-call controls.
 * @csspart host-menu - The Host's conference menu.
 * @csspart stats - The call statistics overlay.
 * @csspart presentation - The presentation (someone else's, or your own while you present).
 * @csspart swap - The button over the small picture that swaps presentation and video.
 * @csspart share-panel - The panel with `<pex-share>` ("Share images or PDFs").
 * @csspart presentation-notice - "Someone took over your presentation".
 *
 * @cssproperty [--pex-accent=#0a5cd5] - Accent colour (primary buttons).
 * @cssproperty [--pex-accent-text=#fff] - Text on the accent colour.
 * @cssproperty [--pex-surface=#fff] - Background of panels.
 * @cssproperty [--pex-surface-2=#f1f3f6] - Background of secondary buttons.
 * @cssproperty [--pex-text=#1b1f24] - Text colour.
 * @cssproperty [--pex-danger=#c4291c] - Colour of destructive actions.
 * @cssproperty [--pex-radius=8px] - Corner radius.
 * @cssproperty [--pex-stage-background=#111418] - Background behind the video.
 * @cssproperty [--pex-font-family=system-ui] - Font.
 */
@localized()
export class PexCall extends LitElement {
  static override styles = styles;

  /** Conferencing Node origin, e.g. `https://pexip.example.com`. Empty: the page's own origin. */
  @property() node = '';
  /** Meeting alias to prefill (or join, with `join`). */
  @property() conference = '';
  /** Display name to prefill. */
  @property() name = '';
  /** Media mode to start with: `video`, `audio` (audio only) or `none` (conference control only). */
  @property() media: MediaMode = 'video';
  /** Bandwidth cap in kbps (256–1864); 0 uses the node's default. */
  @property({ type: Number }) bandwidth = 0;
  /** Join as soon as `conference` and `name` are set (e.g. from a preconfigured link). */
  @property({ type: Boolean, attribute: 'join' }) autoJoin = false;
  /** Withhold Host controls even when the PIN would make this person a Host. */
  @property({ type: Boolean, attribute: 'force-guest' }) forceGuest = false;
  /** Domain appended to aliases typed without one (e.g. `example.com`). */
  @property({ attribute: 'default-domain' }) defaultDomain = '';
  /** Ask before disconnecting. */
  @property({ type: Boolean, attribute: 'confirm-disconnect' }) confirmDisconnect = false;
  /** Join with the microphone muted. */
  @property({ type: Boolean, attribute: 'join-muted' }) joinMuted = false;
  /** Show a camera preview on the join form. */
  @property({ type: Boolean }) preview = false;
  /** Default protocol offered in "Add participant". */
  @property({ attribute: 'dial-protocol' }) dialProtocol: DialProtocol = 'auto';
  /** PIN to use when asked (property only: never reflected into the page). */
  @property({ attribute: false }) pin = '';
  /** Virtual Reception extension to use when asked (property only). */
  @property({ attribute: false }) extension = '';
  /** Camera and microphone device ids (property only); otherwise the saved settings. */
  @property({ attribute: false }) devices: { cameraId?: string; microphoneId?: string } = {};
  /**
   * A preconfigured link to apply (Web App URL or query, or `pexip://alias?pin=…`): it fills in
   * meeting, name, PIN, media and may join at once. A malformed link shows a clear error.
   */
  @property() link = '';
  /** Apply the page's own URL parameters as a link (`?conference=meet.alice&name=Bob&join=1`). */
  @property({ type: Boolean, attribute: 'use-page-link' }) usePageLink = false;
  /** URL of an administrator JSON file (`{"defaults": {…}, "hidden": ["bandwidth", …]}`). */
  @property({ attribute: 'admin-config' }) adminConfig = '';
  /** Settings the administrator hides, space- or comma-separated (e.g. `bandwidth defaultDomain`). */
  @property({ attribute: 'hidden-settings' }) hiddenSettings = '';
  /** The settings this call uses (property only); by default the page's shared, persisted settings. */
  @property({ attribute: false }) settings: SettingsStore = sharedSettings();

  /** The call service this element provides to the page. */
  readonly service = new CallService();

  @state() private menuOpen = false;
  @state() private selfHidden = false;
  @state() private statsOpen = false;
  @state() private stats: StreamStats[] = [];
  @state() private swapped = false;
  @state() private busy = false;
  @state() private notice = '';
  @state() private previewStream: MediaStream | undefined;
  @state() private speakers: MediaDeviceInfo[] = [];
  @state() private volume = 1;
  @state() private speakerId = '';
  @state() private dialpadOpen = false;
  @state() private linkError = '';
  @state() private sharePanelOpen = false;
  @state() private shareLoaded = false;
  @state() private popoutOpen = false;
  @state() private takeoverDismissed = false;

  @query('#leave-dialog') private leaveDialog?: HTMLDialogElement;
  @query('#dial-dialog') private dialDialog?: HTMLDialogElement;
  @query('#end-all-dialog') private endAllDialog?: HTMLDialogElement;

  readonly #conference = new StoreController(this, this.service.conference);
  readonly #media = new StoreController(this, this.service.media);
  readonly #presentation = new StoreController(this, this.service.presentation);
  readonly #settings = new StoreController(this, this.settings);
  readonly #language = new LanguageController(this, this.settings);
  #appliedLink = '';
  readonly #settingsProvider: ContextProvider<typeof settingsContext>;
  #unsubscribe: (() => void) | undefined;
  #statsTimer: ReturnType<typeof setInterval> | undefined;
  #lastPhase: ConferenceState['phase'] = 'idle';
  #autoJoined = false;

  constructor() {
    super();
    new ContextProvider(this, { context: callServiceContext, initialValue: this.service });
    this.#settingsProvider = new ContextProvider(this, {
      context: settingsContext,
      initialValue: this.settings,
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    this.#unsubscribe = this.service.conference.subscribe((c) => this.#onConference(c));
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#presentationWindow.close();
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#stopStats();
    this.#stopPreview();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    this.#syncPresentation();
    this.#followPresentationWindow();
    if (changed.has('settings')) {
      this.#settingsProvider.setValue(this.settings);
      this.#settings.store = this.settings;
      this.#language.store = this.settings;
    }
    if (changed.has('usePageLink') && this.usePageLink && !this.#appliedLink) {
      const query = location.search;
      // Only a page URL that carries link parameters is a link; plain pages are left alone.
      if (
        /[?&](conference|name|join|pin|role|media|audioonly|escalate|extension|forceguest|bw)=/i.test(query)
      ) {
        this.#applyLink(query, true);
      }
    }
    if (changed.has('link') && this.link && this.link !== this.#appliedLink)
      this.#applyLink(this.link, false);
    if ((changed.has('hiddenSettings') || changed.has('settings')) && this.hiddenSettings) {
      const hidden = parseHiddenAttribute(this.hiddenSettings);
      if (hidden.ok) this.settings.setAdminConfig({ hidden: hidden.value });
      else this.notice = hidden.error.message;
    }
    if (changed.has('adminConfig') && this.adminConfig) void this.#loadAdminConfig(this.adminConfig);
  }

  async #loadAdminConfig(url: string): Promise<void> {
    const result = await loadAdminConfig(url);
    if (!result.ok) {
      this.notice = result.error.message;
      return;
    }
    const applied = this.settings.setAdminConfig(result.value);
    if (!applied.ok) this.notice = applied.error.message;
  }

  /** Fills the form from a preconfigured link (and joins when the link says so). */
  #applyLink(input: string, fromPage: boolean): void {
    this.#appliedLink = input;
    const parsed = parseLink(input);
    if (!parsed.ok) {
      this.linkError = parsed.error.message;
      return;
    }
    const l = parsed.value;
    this.linkError = '';
    // A link read from the embedding page's own URL names the page, not a Conferencing Node.
    if (l.node && !fromPage) this.node = l.node;
    if (l.alias) this.conference = l.alias;
    if (l.displayName) this.name = l.displayName;
    if (l.bandwidth) this.bandwidth = l.bandwidth;
    if (l.access.kind === 'pin') this.pin = l.access.pin;
    if (l.access.kind === 'guest') this.pin = 'none';
    if (l.extension) this.extension = l.extension;
    if (l.forceGuest) this.forceGuest = true;
    this.media = this.settings.mediaForLink(l.alias, l.media, this.media);
    if (l.autoJoin) this.autoJoin = true;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('preview') || changed.has('media')) void this.#syncPreview();
    // `join` may be set after the first render (e.g. by a script reading a link): join once.
    if (this.autoJoin && !this.#autoJoined && this.conference && this.name) {
      this.#autoJoined = true;
      if (this.service.conference.get().phase === 'idle') void this.#join();
    }
  }

  // ------------------------------------------------------------------------------------------
  // Public API

  /** Joins with the current attributes (what the Join button does). */
  join(): Promise<void> {
    return this.#join();
  }

  /** Leaves (asking first when `confirm-disconnect` is set, unless `confirmed`). */
  async leave(confirmed = false): Promise<void> {
    if (!this.dispatchEvent(new PexLeaveRequestEvent())) return;
    const confirm = this.confirmDisconnect || this.settings.get().confirmOnDisconnect;
    if (confirm && !confirmed && this.leaveDialog) {
      this.leaveDialog.showModal();
      return;
    }
    await this.service.leave();
  }

  // ------------------------------------------------------------------------------------------

  #onConference(c: ConferenceState): void {
    const previous = this.#lastPhase;
    if (c.phase === previous) return;
    this.#lastPhase = c.phase;
    this.dispatchEvent(new PexStateChangeEvent(c.phase, previous));
    if (c.phase === 'in-call') {
      this.service.setPresentationMode(this.settings.get().fullMotionPresentation ? 'full' : 'still');
      this.settings.rememberMedia(c.alias, c.mediaMode);
      this.dispatchEvent(new PexJoinEvent(c.alias, c.conferenceName));
      this.#stopPreview();
      void this.#loadSpeakers();
    }
    if (c.phase === 'ended') {
      this.#presentationWindow.close();
      this.sharePanelOpen = false;
      this.menuOpen = false;
      this.#stopStats();
      this.dispatchEvent(new PexLeaveEvent(c.error));
      if (c.error) this.dispatchEvent(new PexErrorEvent(c.error));
    }
  }

  async #join(): Promise<void> {
    const s = this.settings.get();
    const domain = this.defaultDomain || s.defaultDomain;
    const alias = applyDefaultDomain(this.conference, domain || undefined);
    if (!alias.ok && this.conference.trim()) {
      this.linkError = alias.error.message;
      return;
    }
    this.linkError = '';
    const name = this.name.trim() || s.displayName.trim();
    if (name && name !== s.displayName) this.settings.set({ displayName: name });
    const devices = {
      ...(s.cameraId !== 'default' ? { cameraId: s.cameraId } : {}),
      ...(s.microphoneId !== 'default' ? { microphoneId: s.microphoneId } : {}),
      ...this.devices,
    };
    const options: JoinOptions = {
      alias: alias.ok ? alias.value : '',
      displayName: name,
      mediaMode: this.media,
      bandwidth: this.bandwidth || s.bandwidth,
      forceGuest: this.forceGuest,
      muted: this.joinMuted || s.muteMicrophoneOnJoin,
      ...(this.node ? { node: this.node } : {}),
      ...(this.pin ? { pin: this.pin } : {}),
      ...(this.extension ? { extension: this.extension } : {}),
      ...devices,
    };
    const preview = this.previewStream;
    if (preview && this.media === 'video' && preview.getAudioTracks().length > 0) {
      options.stream = preview;
      this.previewStream = undefined;
    } else {
      this.#stopPreview();
    }
    try {
      await this.service.join(options);
    } catch {
      // The service moved to `ended` with the error; #onConference reports it.
    }
  }

  async #syncPreview(): Promise<void> {
    const phase = this.service.conference.get().phase;
    const preview = this.preview || this.settings.get().previewBeforeJoining;
    const want = preview && this.media === 'video' && (phase === 'idle' || phase === 'ended');
    if (!want) {
      this.#stopPreview();
      return;
    }
    if (this.previewStream || !navigator.mediaDevices?.getUserMedia) return;
    try {
      // Camera and microphone: the same stream is then handed to the call when joining.
      const s = this.settings.get();
      this.previewStream = await openMedia('video', { cameraId: s.cameraId, microphoneId: s.microphoneId });
      if (!this.isConnected) this.#stopPreview();
    } catch (e) {
      this.notice = (e as CallError).message;
    }
  }

  #stopPreview(): void {
    this.previewStream?.getTracks().forEach((t) => t.stop());
    this.previewStream = undefined;
  }

  async #loadSpeakers(): Promise<void> {
    const all = (await navigator.mediaDevices?.enumerateDevices?.()) ?? [];
    this.speakers = all.filter((d) => d.kind === 'audiooutput' && d.deviceId);
  }

  /** Runs a command; a failure becomes a visible notice and a `pex-error` event. */
  async #run(action: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    this.notice = '';
    try {
      await action();
    } catch (e) {
      const error = e instanceof CallError ? e : new CallError('unknown', String(e));
      this.notice = error.message;
      this.dispatchEvent(new PexErrorEvent(error));
    } finally {
      this.busy = false;
    }
  }

  #toggleStats(): void {
    this.statsOpen = !this.statsOpen;
    if (this.statsOpen) {
      const poll = async (): Promise<void> => {
        this.stats = await this.service.stats();
      };
      void poll();
      this.#statsTimer = setInterval(() => void poll(), 1000);
    } else {
      this.#stopStats();
    }
  }

  #stopStats(): void {
    clearInterval(this.#statsTimer);
    this.#statsTimer = undefined;
    this.statsOpen = false;
  }

  get #dialProtocol(): DialProtocol {
    return this.hasAttribute('dial-protocol')
      ? this.dialProtocol
      : this.settings.get().defaultDialOutProtocol;
  }

  // ------------------------------------------------------------------------------------------
  // Rendering

  protected override render(): TemplateResult {
    const c = this.#conference.value as ConferenceState;
    return html`${this.#renderPhase(c)}
      <p class="visually-hidden" role="status" aria-live="polite">${this.#announcement(c)}</p>
      <slot></slot>`;
  }

  #announcement(c: ConferenceState): string {
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

  #renderPhase(c: ConferenceState): TemplateResult {
    switch (c.phase) {
      case 'idle':
        return this.#renderJoinForm(c);
      case 'connecting':
        return this.#renderPanel(
          msg(str`Connecting to ${c.alias}…`),
          html`<div class="spinner" aria-hidden="true"></div>`,
          html`<button type="button" @click=${() => this.service.leave()}>${msg('Cancel')}</button>`,
        );
      case 'needs-pin':
        return this.#renderPin(c);
      case 'needs-extension':
        return this.#renderExtension(c);
      case 'waiting-room':
        return this.#renderPanel(
          msg('Waiting to be let in'),
          html`<p>${msg('The meeting is locked. A Host has been told you are waiting.')}</p>`,
          html`<button type="button" @click=${() => this.leave(true)}>${msg('Leave')}</button>`,
        );
      case 'waiting-for-host':
        return this.#renderPanel(
          msg('Waiting for the Host'),
          html`<p>${msg('The meeting starts when a Host joins.')}</p>`,
          html`<button type="button" @click=${() => this.leave(true)}>${msg('Leave')}</button>`,
        );
      case 'in-call':
        return this.#renderCall(c);
      case 'ended':
        return this.#renderJoinForm(c);
    }
  }

  #renderPanel(title: string, body: TemplateResult, actions: TemplateResult): TemplateResult {
    return html`<section class="panel" part="prompt" aria-labelledby="panel-title">
      <h2 id="panel-title">${title}</h2>
      ${body}
      <div class="actions">${actions}</div>
    </section>`;
  }

  #renderJoinForm(c: ConferenceState): TemplateResult {
    const error = c.error;
    const ended = c.phase === 'ended';
    const submit = (e: Event): void => {
      e.preventDefault();
      const data = new FormData(e.target as HTMLFormElement);
      this.conference = String(data.get('conference') ?? '');
      this.name = String(data.get('name') ?? '');
      this.media = (String(data.get('media') ?? 'video') as MediaMode) || 'video';
      void this.#join();
    };
    const mediaChoice = (value: MediaMode, label: string): TemplateResult =>
      html`<label
        ><input
          type="radio"
          name="media"
          value=${value}
          .checked=${this.media === value}
          @change=${() => (this.media = value)}
        />${label}</label
      >`;
    return html`<form class="panel" part="join-form" @submit=${submit} aria-labelledby="join-title">
      <slot name="branding"></slot>
      <h2 id="join-title">${ended && !error ? msg('You left the meeting') : msg('Join a meeting')}</h2>
      ${error ? html`<p class="error" role="alert">${error.message}</p>` : nothing}
      ${this.linkError ? html`<p class="error" role="alert">${this.linkError}</p>` : nothing}
      <label
        >${msg('Meeting address')}
        <input
          name="conference"
          required
          autocomplete="off"
          spellcheck="false"
          .value=${this.conference}
          placeholder=${msg('e.g. meet.alice')}
      /></label>
      <label
        >${msg('Your name')}
        <input
          name="name"
          required
          autocomplete="name"
          maxlength="256"
          .value=${this.name || (this.#settings.value?.displayName ?? '')}
      /></label>
      <fieldset>
        <legend>${msg('Join with')}</legend>
        ${mediaChoice('video', msg('Camera and microphone'))} ${mediaChoice('audio', msg('Audio only'))}
        ${mediaChoice('none', msg('Conference control and presentation only'))}
      </fieldset>
      ${
        this.previewStream
          ? html`<video
              class="preview"
              part="preview"
              aria-label=${msg('Camera preview')}
              .srcObject=${this.previewStream}
              autoplay
              muted
              playsinline
            ></video>`
          : nothing
      }
      ${this.notice ? html`<p class="error" role="alert">${this.notice}</p>` : nothing}
      <div class="actions">
        <button class="primary" type="submit">${ended ? msg('Join again') : msg('Join')}</button>
      </div>
    </form>`;
  }

  #renderPin(c: ConferenceState): TemplateResult {
    const guestChoice = Boolean(c.pinPrompt?.hostPin && !c.pinPrompt.guestPin);
    const submit = (e: Event): void => {
      e.preventDefault();
      const data = new FormData(e.target as HTMLFormElement);
      const asGuest = data.get('role') === 'guest';
      const pin = asGuest ? '' : String(data.get('pin') ?? '');
      void this.#run(() => this.service.submitPin(pin));
    };
    return html`<form class="panel" part="prompt" @submit=${submit} aria-labelledby="pin-title">
      <h2 id="pin-title">${msg('This meeting needs a PIN')}</h2>
      ${c.error ? html`<p class="error" role="alert">${c.error.message}</p>` : nothing}
      ${this.notice ? html`<p class="error" role="alert">${this.notice}</p>` : nothing}
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
          .value=${this.pin}
      /></label>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Join')}</button>
        <button type="button" @click=${() => this.service.reset()}>${msg('Back')}</button>
      </div>
    </form>`;
  }

  #renderExtension(c: ConferenceState): TemplateResult {
    const submit = (e: Event): void => {
      e.preventDefault();
      const ext = String(new FormData(e.target as HTMLFormElement).get('extension') ?? '');
      void this.#run(() => this.service.submitExtension(ext));
    };
    return html`<form class="panel" part="prompt" @submit=${submit} aria-labelledby="ext-title">
      <h2 id="ext-title">${msg('Enter the meeting extension')}</h2>
      ${c.error ? html`<p class="error" role="alert">${c.error.message}</p>` : nothing}
      ${this.notice ? html`<p class="error" role="alert">${this.notice}</p>` : nothing}
      <label
        >${msg('Extension')}
        <input name="extension" required inputmode="numeric" autocomplete="off" .value=${this.extension}
      /></label>
      <div class="actions">
        <button class="primary" type="submit" ?disabled=${this.busy}>${msg('Join')}</button>
        <button type="button" @click=${() => this.service.reset()}>${msg('Back')}</button>
      </div>
    </form>`;
  }

  #renderCall(c: ConferenceState): TemplateResult {
    const media = this.#media.value;
    const pres = this.#presentation.value;
    const host = this.service.isHost;
    return html`<section class="call" part="call" aria-label=${msg(str`Meeting ${c.conferenceName}`)}>
      <header part="header">
        ${
          host
            ? html`<button
                type="button"
                aria-haspopup="true"
                aria-expanded=${this.menuOpen ? 'true' : 'false'}
                @click=${() => (this.menuOpen = !this.menuOpen)}
              >
                ${msg('Conference menu')}
              </button>`
            : nothing
        }
        <h2>${c.conferenceName}</h2>
        ${c.locked ? html`<span class="badge">${msg('Locked')}</span>` : nothing}
        ${c.guestsMuted ? html`<span class="badge">${msg('Guests muted')}</span>` : nothing}
        ${!c.started ? html`<span class="badge">${msg('Not started')}</span>` : nothing}
        <span class="badge">${host ? msg('Host') : msg('Guest')}</span>
      </header>
      ${host && this.menuOpen ? this.#renderHostMenu(c) : nothing}
      <div class="stage" part="stage">
        ${this.#renderStageMedia(c, media?.remote, pres)}
        ${
          media?.local && media.local.getVideoTracks().length > 0 && !this.selfHidden
            ? html`<video
                class="self"
                part="self-view"
                aria-label=${msg('Your camera')}
                .srcObject=${media.local}
                autoplay
                muted
                playsinline
              ></video>`
            : nothing
        }
        ${this.statsOpen ? this.#renderStats() : nothing}
      </div>
      ${this.notice ? html`<p class="error" role="alert" style="margin:0.25rem 0.75rem">${this.notice}</p>` : nothing}
      ${this.#renderTakeover(pres)} ${this.#renderToolbar(c)} ${this.#renderSharePanel()}
      ${
        this.dialpadOpen
          ? html`<pex-dialpad
              label=${msg('Keypad')}
              @pex-dtmf=${(e: CustomEvent<{ digits: string }>) =>
                void this.#run(() => this.service.sendDtmf(e.detail.digits))}
              @pex-close=${() => (this.dialpadOpen = false)}
            ></pex-dialpad>`
          : nothing
      }
      ${this.#renderDialogs()}
    </section>`;
  }

  // ------------------------------------------------------------------------------------------
  // Presentation: the stage shows it big with the meeting video small (a click swaps them);
  // stills (about 1 a second) or full motion; a pop-out window; sharing from the toolbar.

  readonly #presentationWindow = new PresentationWindow(() => (this.popoutOpen = false));
  #lastPresentationKey = '';
  #lastFullMotion: boolean | undefined;
  #lastScreenFps: number | undefined;

  /** Keeps the stage and the service in line with the presentation and its settings. */
  #syncPresentation(): void {
    const p = this.#presentation.value;
    const key = `${p?.presenterUuid ?? ''}|${p?.sending ? p.source : ''}`;
    if (key !== this.#lastPresentationKey) {
      // A new presentation starts in its usual place: someone else's big, your own small.
      this.#lastPresentationKey = key;
      this.swapped = false;
      if (p?.sending) this.takeoverDismissed = false;
    }
    const s = this.#settings.value;
    if (s && this.service.conference.get().phase === 'in-call') {
      if (this.#lastFullMotion !== undefined && s.fullMotionPresentation !== this.#lastFullMotion) {
        this.service.setPresentationMode(s.fullMotionPresentation ? 'full' : 'still');
      }
      if (this.#lastScreenFps !== undefined && s.screenshareFrameRate !== this.#lastScreenFps) {
        if (p?.source === 'screen')
          void this.#run(() => this.service.setScreenFrameRate(s.screenshareFrameRate));
      }
    }
    this.#lastFullMotion = s?.fullMotionPresentation;
    this.#lastScreenFps = s?.screenshareFrameRate;
  }

  /** What shows as the presentation: someone else's (as chosen: still or full motion), or our own. */
  #presentationView(p: PresentationState | undefined): (PresentationView & { own: boolean }) | undefined {
    if (!p) return undefined;
    if (p.presenterUuid !== undefined && !p.sending) {
      const label = msg(str`Presentation from ${p.presenterName ?? ''}`);
      // Full motion when chosen and there is a stream; stills otherwise. Whichever is missing
      // (no stills from this node, no stream when joined for control only) falls back to the other.
      if (p.mode === 'full' && p.stream) return { kind: 'video', stream: p.stream, label, own: false };
      if (p.still) return { kind: 'image', url: p.still, label, own: false };
      if (p.stream) return { kind: 'video', stream: p.stream, label, own: false };
      return {
        kind: 'waiting',
        label: msg(str`Waiting for the presentation from ${p.presenterName ?? ''}…`),
        own: false,
      };
    }
    if (p.sending && p.local)
      return { kind: 'video', stream: p.local, label: msg('Your presentation'), own: true };
    return undefined;
  }

  #renderStageMedia(
    c: ConferenceState,
    remote: MediaStream | undefined,
    p: PresentationState | undefined,
  ): TemplateResult {
    const view = this.#presentationView(p);
    // Someone else's presentation is big; your own is small. A click on the small one swaps them.
    const presentationBig = view !== undefined && (!remote || (view.own ? this.swapped : !this.swapped));
    const content = view
      ? html`<div class="presentation ${presentationBig ? 'big' : 'small'}" part="presentation">
          ${
            view.kind === 'video'
              ? html`<video
                  aria-label=${view.label}
                  .srcObject=${view.stream}
                  autoplay
                  muted
                  playsinline
                ></video>`
              : view.kind === 'image'
                ? html`<img src=${view.url} alt=${view.label} />`
                : html`<p class="placeholder">${view.label}</p>`
          }
        </div>`
      : nothing;
    const meeting = remote
      ? html`<video
          class="main ${presentationBig ? 'small' : ''}"
          part="main-video"
          aria-label=${msg('Meeting video')}
          .srcObject=${remote}
          .volume=${this.volume}
          autoplay
          playsinline
        ></video>`
      : view
        ? nothing
        : html`<p class="placeholder">
            ${
              c.mediaMode === 'none'
                ? msg('You joined for conference control and presentation only.')
                : msg('Waiting for video…')
            }
          </p>`;
    const swap =
      view && remote
        ? html`<button
            class="swap"
            part="swap"
            type="button"
            aria-label=${presentationBig ? msg('Show the video large') : msg('Show the presentation large')}
            @click=${() => (this.swapped = !this.swapped)}
          ></button>`
        : nothing;
    return html`${meeting} ${content} ${swap}`;
  }

  #renderTakeover(p: PresentationState | undefined): TemplateResult | typeof nothing {
    if (!p?.takenOver || p.sending || this.takeoverDismissed) return nothing;
    return html`<p class="presentation-notice" part="presentation-notice" role="alert">
      <span
        >${
          p.presenterName
            ? msg(str`${p.presenterName} took over the presentation, so yours has stopped.`)
            : msg('Someone else took over the presentation, so yours has stopped.')
        }</span
      >
      <button type="button" @click=${() => (this.takeoverDismissed = true)}>${msg('Dismiss')}</button>
    </p>`;
  }

  #renderPresentationTools(): TemplateResult {
    const p = this.#presentation.value;
    const receiving = Boolean(p?.presenterUuid !== undefined && !p?.sending);
    const hasView = receiving || Boolean(p?.sending);
    return html`${
        p?.source === 'screen'
          ? nothing
          : html`<button type="button" @click=${() => void this.#shareScreen()}>
              ${msg('Share screen')}
            </button>`
      }
      <button
        type="button"
        aria-expanded=${this.sharePanelOpen ? 'true' : 'false'}
        aria-controls="share-panel"
        @click=${() => void this.#toggleSharePanel()}
      >
        ${msg('Share images or PDFs')}
      </button>
      ${
        p?.sending
          ? html`<button type="button" @click=${() => void this.#run(() => this.service.stopPresenting())}>
              ${msg('Stop presenting')}
            </button>`
          : nothing
      }
      ${
        receiving
          ? html`<button
              type="button"
              @click=${() => this.service.setPresentationMode(p?.mode === 'full' ? 'still' : 'full')}
            >
              ${p?.mode === 'full' ? msg('View still image presentation') : msg('View full motion presentation')}
            </button>`
          : nothing
      }
      ${
        hasView
          ? html`<button type="button" @click=${() => this.#togglePopout()}>
              ${this.popoutOpen ? msg('Close presentation window') : msg('Open presentation in new window')}
            </button>`
          : nothing
      }`;
  }

  #renderSharePanel(): TemplateResult | typeof nothing {
    if (!this.shareLoaded) return nothing;
    return html`<div id="share-panel" class="share-panel" part="share-panel" ?hidden=${!this.sharePanelOpen}>
      <pex-share></pex-share>
    </div>`;
  }

  async #shareScreen(): Promise<void> {
    await this.#run(() => this.service.presentScreen(this.settings.get().screenshareFrameRate));
  }

  /** "Share images or PDFs": `<pex-share>` is loaded the first time, then kept (with its slides). */
  async #toggleSharePanel(): Promise<void> {
    if (!this.shareLoaded) {
      await this.#run(() => import('../share/pex-share.js'));
      this.shareLoaded = true;
    }
    this.sharePanelOpen = !this.sharePanelOpen;
  }

  #togglePopout(): void {
    if (this.popoutOpen) {
      this.#presentationWindow.close();
      return;
    }
    const title = msg(str`Presentation – ${this.service.conference.get().conferenceName}`);
    if (!this.#presentationWindow.open(title)) {
      this.notice = msg(
        'The browser blocked the presentation window. Allow pop-ups for this page and try again.',
      );
      return;
    }
    this.popoutOpen = true;
    this.#followPresentationWindow();
  }

  /** The pop-out follows the presentation and closes when it ends. */
  #followPresentationWindow(): void {
    if (!this.popoutOpen) return;
    const view = this.#presentationView(this.#presentation.value);
    if (!view || this.service.conference.get().phase !== 'in-call') {
      this.#presentationWindow.close();
      return;
    }
    this.#presentationWindow.show(view);
  }

  /** The pop-out presentation window, while open (for tests and host pages that style it). */
  get presentationWindow(): Window | null {
    return this.#presentationWindow.window;
  }

  #renderToolbar(c: ConferenceState): TemplateResult {
    const media = this.#media.value;
    const hasAudio = Boolean(media?.local?.getAudioTracks().length);
    const hasVideo = Boolean(media?.local?.getVideoTracks().length);
    return html`<div class="toolbar" part="toolbar" role="toolbar" aria-label=${msg('Call controls')}>
      ${
        hasAudio
          ? html`<button
              type="button"
              aria-pressed=${media?.micMuted ? 'true' : 'false'}
              @click=${() => void this.#run(() => this.service.setMicMuted(!media?.micMuted))}
            >
              ${msg('Mute microphone')}
            </button>`
          : nothing
      }
      ${
        hasVideo
          ? html`<button
              type="button"
              aria-pressed=${media?.cameraMuted ? 'true' : 'false'}
              @click=${() => void this.#run(() => this.service.setCameraMuted(!media?.cameraMuted))}
            >
              ${msg('Turn camera off')}
            </button>`
          : nothing
      }
      ${
        c.mediaMode === 'none'
          ? html`<button type="button" @click=${() => void this.#run(() => this.service.escalate('video'))}>
                ${msg('Join with video')}
              </button>
              <button type="button" @click=${() => void this.#run(() => this.service.escalate('audio'))}>
                ${msg('Join with audio only')}
              </button>`
          : nothing
      }
      ${
        hasVideo
          ? html`<button
              type="button"
              aria-pressed=${this.selfHidden ? 'true' : 'false'}
              @click=${() => (this.selfHidden = !this.selfHidden)}
            >
              ${msg('Hide self view')}
            </button>`
          : nothing
      }
      ${
        c.mediaMode !== 'none'
          ? html`<label
                >${msg('Volume')}
                <input
                  type="range"
                  min="0"
                  max="1"
                  step="0.05"
                  .value=${String(this.volume)}
                  @input=${(e: Event) => (this.volume = Number((e.target as HTMLInputElement).value))}
              /></label>
              ${
                this.speakers.length > 0
                  ? html`<label
                      >${msg('Speaker')}
                      <select
                        @change=${(e: Event) => void this.#setSpeaker((e.target as HTMLSelectElement).value)}
                      >
                        <option value="" ?selected=${this.speakerId === ''}>${msg('Default')}</option>
                        ${this.speakers.map(
                          (d) =>
                            html`<option value=${d.deviceId} ?selected=${this.speakerId === d.deviceId}>
                              ${d.label || d.deviceId}
                            </option>`,
                        )}
                      </select></label
                    >`
                  : nothing
              }`
          : nothing
      }
      ${this.#renderPresentationTools()}
      <button type="button" aria-pressed=${this.statsOpen ? 'true' : 'false'} @click=${this.#toggleStats}>
        ${msg('Statistics')}
      </button>
      <button
        type="button"
        aria-pressed=${this.dialpadOpen ? 'true' : 'false'}
        @click=${() => void this.#toggleDialpad()}
      >
        ${msg('Keypad')}
      </button>
      <button type="button" @click=${() => void this.#toggleFullscreen()}>${msg('Full screen')}</button>
      <button class="danger" type="button" @click=${() => void this.leave()}>${msg('Disconnect')}</button>
    </div>`;
  }

  /** The keypad is loaded the first time it is opened. */
  async #toggleDialpad(): Promise<void> {
    if (!this.dialpadOpen) await import('../dialpad/pex-dialpad.js');
    this.dialpadOpen = !this.dialpadOpen;
  }

  async #setSpeaker(deviceId: string): Promise<void> {
    this.speakerId = deviceId;
    const video = this.renderRoot.querySelector<
      HTMLVideoElement & { setSinkId?: (id: string) => Promise<void> }
    >('video.main');
    await this.#run(async () => video?.setSinkId?.(deviceId));
  }

  async #toggleFullscreen(): Promise<void> {
    if (document.fullscreenElement) await document.exitFullscreen();
    else await this.#run(() => this.requestFullscreen());
  }

  #renderStats(): TemplateResult {
    const label: Record<StreamStats['stream'], string> = {
      audio: msg('Audio'),
      video: msg('Video'),
      presentation: msg('Presentation'),
    };
    return html`<section class="stats" part="stats" aria-label=${msg('Call statistics')}>
      ${this.stats.length === 0 ? html`<p>${msg('No media statistics yet.')}</p>` : nothing}
      ${this.stats.map(
        (s) =>
          html`<h3 style="font-size:0.85rem;margin:0.4rem 0 0.1rem">
              ${label[s.stream]} ${s.direction === 'in' ? msg('received') : msg('sent')}
            </h3>
            <dl>
              ${
                s.codec
                  ? html`<dt>${msg('Codec')}</dt>
                      <dd>${s.codec}</dd>`
                  : nothing
              }
              ${
                s.bitrateKbps !== undefined
                  ? html`<dt>${msg('Bitrate')}</dt>
                      <dd>${s.bitrateKbps} kbps</dd>`
                  : nothing
              }
              ${
                s.packetsLost !== undefined
                  ? html`<dt>${msg('Packets lost')}</dt>
                      <dd>${s.packetsLost}</dd>`
                  : nothing
              }
              ${
                s.lossPercent !== undefined
                  ? html`<dt>${msg('Packet loss')}</dt>
                      <dd>${s.lossPercent.toFixed(1)} %</dd>`
                  : nothing
              }
              ${
                s.jitterMs !== undefined
                  ? html`<dt>${msg('Jitter')}</dt>
                      <dd>${s.jitterMs} ms</dd>`
                  : nothing
              }
              ${
                s.resolution
                  ? html`<dt>${msg('Resolution')}</dt>
                      <dd>${s.resolution}</dd>`
                  : nothing
              }
              ${
                s.fps !== undefined
                  ? html`<dt>${msg('Frame rate')}</dt>
                      <dd>${s.fps}</dd>`
                  : nothing
              }
            </dl>`,
      )}
      <p>${msg('Server version')}: ${this.service.serverVersion || msg('unknown')}</p>
    </section>`;
  }

  #renderHostMenu(c: ConferenceState): TemplateResult {
    const item = (label: string, action: () => void): TemplateResult =>
      html`<button
        type="button"
        role="menuitem"
        @click=${() => {
          this.menuOpen = false;
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
        if (e.key === 'Escape') this.menuOpen = false;
      }}
    >
      ${item(msg('Add a participant'), () => this.dialDialog?.showModal())}
      ${item(c.locked ? msg('Unlock conference') : msg('Lock conference'), () =>
        this.#run(() => this.service.lock(!c.locked)),
      )}
      ${item(c.guestsMuted ? msg('Unmute all guests') : msg('Mute all guests'), () =>
        this.#run(() => this.service.muteGuests(!c.guestsMuted)),
      )}
      ${!c.started ? item(msg('Start conference'), () => this.#run(() => this.service.startConference())) : nothing}
      ${item(msg('Disconnect all participants'), () => this.endAllDialog?.showModal())}
    </div>`;
  }

  #renderDialogs(): TemplateResult {
    const dial = (e: Event): void => {
      e.preventDefault();
      const data = new FormData(e.target as HTMLFormElement);
      const destination = String(data.get('destination') ?? '');
      const protocol = String(data.get('protocol') ?? 'auto') as DialProtocol;
      const role = data.get('role') === 'host' ? 'host' : 'guest';
      this.dialDialog?.close();
      void this.#run(() => this.service.dial({ destination, protocol, role }));
    };
    const protocolName: Record<DialProtocol, string> = {
      auto: msg('Automatic'),
      sip: 'SIP',
      h323: 'H.323',
      mssip: msg('Lync / Skype for Business'),
      rtmp: 'RTMP',
    };
    return html`<dialog id="leave-dialog" aria-labelledby="leave-title">
        <form method="dialog">
          <h2 id="leave-title">${msg('Leave the meeting?')}</h2>
          <div class="actions">
            <button value="stay">${msg('Stay')}</button>
            <button class="danger" value="leave" @click=${() => void this.service.leave()}>
              ${msg('Disconnect')}
            </button>
          </div>
        </form>
      </dialog>
      <dialog id="end-all-dialog" aria-labelledby="end-all-title">
        <form method="dialog">
          <h2 id="end-all-title">${msg('Disconnect everyone, including yourself?')}</h2>
          <div class="actions">
            <button value="cancel">${msg('Cancel')}</button>
            <button
              class="danger"
              value="end"
              @click=${() => void this.#run(() => this.service.disconnectAll())}
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
                  html`<option value=${p} ?selected=${p === this.#dialProtocol}>${protocolName[p]}</option>`,
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
            <button type="button" @click=${() => this.dialDialog?.close()}>${msg('Cancel')}</button>
          </div>
        </form>
      </dialog>`;
  }
}
