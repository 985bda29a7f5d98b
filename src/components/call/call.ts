import { ContextProvider } from '@lit/context';
import { msg, str, updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { LanguageController } from '../../controllers/language-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import { CallService, type JoinOptions } from '../../services/call-service.js';
import { callServiceContext, settingsContext } from '../../services/context.js';
import { CallError, canRejoin } from '../../services/errors.js';
import { applyDefaultDomain } from '../../services/link-rules.js';
import { parseHiddenAttribute, type SettingsStore } from '../../services/settings.js';
import { sharedSettings } from '../../services/shared-settings.js';
import type { ConferenceState, MediaMode } from '../../services/types.js';
import type { CallRoom, DialProtocol } from './call-room.js';
import type { DeviceCheck, DeviceCheckPurpose } from './device-check.js';
import { styles } from './call.styles.js';

/**
 * How long a removed `<pex-call>` waits before leaving the meeting: a host page that moves the element
 * (removes and re-inserts it) keeps the call; one that removes it (route change, unmount) leaves.
 */
export const REMOVAL_GRACE_MS = 1000;

/**
 * A whole conference in one tag: join form → connecting → PIN / extension prompts → waiting screens
 * → the call (main video, self view, toolbar, Host menu). It creates the CallService that other
 * `pex-*` elements inside it (by context) or elsewhere (`call="<id>"`) share.
 *
 * @tagname pex-call
 * @summary The call: join, media, toolbar and Host controls.
 * @attr {'light' | 'dark' | 'high-contrast' | 'light high-contrast' | 'dark high-contrast'} theme - Colour theme. Without it, the page's `--pex-color-scheme`, then its `prefers-color-scheme` and `prefers-contrast`, decide; elements inside this one take its theme.
 *
 * The call's events are raised here once per call by its service, whichever elements are mounted
 * (also those a `<pex-roster>`, `<pex-chat>` or `<pex-share>` of this call started).
 *
 * @event pex-state-change - The call's phase changed (`PexStateChangeEvent`: `phase`, `previous`).
 * @event pex-join - We are in the conference (`PexJoinEvent`).
 * @event pex-leave-request - The person asked to leave (after the confirmation, when one is asked); cancelable (`PexLeaveRequestEvent`).
 * @event pex-leave - The call ended (`PexLeaveEvent`: `error` when not by choice).
 * @event pex-error - A join, command or device failure, here or in an element of this call (`PexErrorEvent`: localised `error.message`).
 * @event pex-present-request - The person asked to present (toolbar or `<pex-share>`); cancelable (`PexPresentRequestEvent`: `source`).
 * @event pex-present - Presenting started or stopped (`PexPresentEvent`: `presenting`, `source`, `reason`).
 * @event pex-disconnect-request - A Host asked to disconnect someone; cancelable (`PexDisconnectRequestEvent`: `participant`).
 * @event pex-participant-waiting - Someone new waits at the locked meeting, told to Hosts (`PexParticipantWaitingEvent`: `participant`).
 * @event pex-chat-send - A chat message is about to be sent; cancelable (`PexChatSendEvent`: `text`).
 *
 * @slot - Elements that should share this call (e.g. `<pex-roster>`), shown below the call.
 * @slot branding - Content above the join form (a logo, a welcome text).
 *
 * @csspart join-form - The form shown before joining.
 * @csspart device-check - The camera, microphone and speaker check before joining with media (or adding it).
 * @csspart preview - The camera picture in the device check.
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
 * @csspart reconnecting - "Reconnecting…" (a status) while the connection to the meeting is being
 *   restored; when it cannot be, the call ends saying why and offers Rejoin.
 * @csspart waiting - For Hosts, when no `<pex-roster>` follows the call: who waits at the locked meeting (Admit / Reject).
 * @csspart roster-panel - The call's own `<pex-roster>` ("Participants"), when none follows the call elsewhere.
 * @csspart chat-panel - The call's own `<pex-chat>` ("Chat"), when none follows the call elsewhere.
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
 * @cssproperty [--pex-font-size=1rem] - Text size (the element does not take the page's).
 * @cssproperty [--pex-line-height=1.5] - Line height (the element does not take the page's).
 * @cssproperty [--pex-color-scheme=light dark] - `light` or `dark`: that theme for every element of the page, whatever the person's `prefers-color-scheme` (a `theme` attribute still wins).
 */
export class PexCall extends LitElement {
  static override styles = styles;
  // Declared without decorators: the build lowers decorated classes' members to helpers that would
  // be a good part of what a page downloads before joining.
  static override properties = {
    node: {},
    conference: {},
    name: {},
    media: {},
    bandwidth: { type: Number },
    autoJoin: { type: Boolean, attribute: 'auto-join' },
    forceGuest: { type: Boolean, attribute: 'force-guest' },
    defaultDomain: { attribute: 'default-domain' },
    confirmDisconnect: { type: Boolean, attribute: 'confirm-disconnect' },
    joinMuted: { type: Boolean, attribute: 'join-muted' },
    preview: { type: Boolean },
    dialProtocol: { attribute: 'dial-protocol' },
    pin: { attribute: false },
    extension: { attribute: false },
    devices: { attribute: false },
    link: {},
    usePageLink: { type: Boolean, attribute: 'use-page-link' },
    adminConfig: { attribute: 'admin-config' },
    hiddenSettings: { attribute: 'hidden-settings' },
    settings: { attribute: false },
    busy: { state: true, attribute: false },
    notice: { state: true, attribute: false },
    linkError: { state: true, attribute: false },
  };

  /** Conferencing Node origin, e.g. `https://pexip.example.com`. Empty: the page's own origin. */
  node = '';
  /** Meeting alias to prefill (or join, with `auto-join`). */
  conference = '';
  /** Display name to prefill. */
  name = '';
  /** Media mode to start with: `video`, `audio` (audio only) or `none` (conference control only). */
  media: MediaMode = 'video';
  /** Bandwidth cap in kbps (256–1864); 0 uses the node's default. */
  bandwidth = 0;
  /**
   * Join as soon as `conference` and `name` are set (e.g. from a preconfigured link). The attribute
   * is `auto-join`, not `join`: frameworks that set properties on custom elements (React 19, Vue 3)
   * would otherwise overwrite the `join()` method.
   */
  autoJoin = false;
  /** Withhold Host controls even when the PIN would make this person a Host. */
  forceGuest = false;
  /** Domain appended to aliases typed without one (e.g. `example.com`). */
  defaultDomain = '';
  /** Ask before disconnecting. */
  confirmDisconnect = false;
  /** Join with the microphone muted. */
  joinMuted = false;
  /**
   * Always show the device check (camera, microphone, speakers) after the person chooses to join
   * with media, even when their "Always preview audio and video settings" setting is off. Nothing
   * opens the camera or microphone before the person presses Join.
   */
  preview = false;
  /** Default protocol offered in "Add participant". */
  dialProtocol: DialProtocol = 'auto';
  /** PIN to use when asked (property only: never reflected into the page). */
  pin = '';
  /** Virtual Reception extension to use when asked (property only). */
  extension = '';
  /** Camera and microphone device ids (property only); otherwise the saved settings. */
  devices: { cameraId?: string; microphoneId?: string } = {};
  /**
   * A preconfigured link to apply (Web App URL or query, or `pexip://alias?pin=…`): it fills in
   * meeting, name, PIN, media and may join at once. A malformed link shows a clear error.
   */
  link = '';
  /** Apply the page's own URL parameters as a link (`?conference=meet.alice&name=Bob&join=1`). */
  usePageLink = false;
  /** URL of an administrator JSON file (`{"defaults": {…}, "hidden": ["bandwidth", …]}`). */
  adminConfig = '';
  /** Settings the administrator hides, space- or comma-separated (e.g. `bandwidth defaultDomain`). */
  hiddenSettings = '';
  /** The settings this call uses (property only); by default the page's shared, persisted settings. */
  settings: SettingsStore = sharedSettings();

  /** The call service this element provides to the page. */
  readonly service = new CallService();

  private busy = false;
  private notice = '';
  private linkError = '';

  private get leaveDialog(): HTMLDialogElement | null {
    return this.renderRoot.querySelector<HTMLDialogElement>('#leave-dialog');
  }

  readonly #conference = new StoreController(this, this.service.conference);
  readonly #settings = new StoreController(this, this.settings);
  readonly #language = new LanguageController(this, this.settings);
  #appliedLink = '';
  #linkApplied: Promise<void> | undefined;
  readonly #settingsProvider: ContextProvider<typeof settingsContext>;
  #unsubscribe: (() => void) | undefined;
  /** The in-call UI, loaded when joining starts (see call-room.ts). */
  #room: CallRoom | undefined;
  #roomLoading: Promise<void> | undefined;
  #lastPhase: ConferenceState['phase'] = 'idle';
  #autoJoined = false;
  #removalTimer: ReturnType<typeof setTimeout> | undefined;
  /**
   * What the person typed or chose on the join form and has not joined with yet. It wins over values
   * set later (a link, saved settings, the host page), so nothing they type is lost to a re-render.
   */
  #draft: { conference?: string; name?: string; media?: MediaMode } = {};
  /** The device check, while shown (see device-check.ts, loaded when first needed). */
  #deviceCheck: DeviceCheck | undefined;
  #checkLoading: Promise<void> | undefined;
  /** `escalate=1` from a link: offer camera and microphone as soon as the control-only call is up. */
  #escalateOnJoin = false;

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.service.attachHost(this);
    new ContextProvider(this, { context: callServiceContext, initialValue: this.service });
    this.#settingsProvider = new ContextProvider(this, {
      context: settingsContext,
      initialValue: this.settings,
    });
  }

  override connectedCallback(): void {
    super.connectedCallback();
    // Back within the grace period: the element was moved, and the call goes on.
    clearTimeout(this.#removalTimer);
    this.#removalTimer = undefined;
    this.#unsubscribe ??= this.service.conference.subscribe((c) => this.#onConference(c));
    window.addEventListener('pagehide', this.#onPageHide);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    window.removeEventListener('pagehide', this.#onPageHide);
    // Removed (a route change, a framework unmount) or only moved? Moving puts the element back at
    // once; removal leaves the meeting and closes camera and microphone after the grace period.
    clearTimeout(this.#removalTimer);
    this.#removalTimer = setTimeout(() => void this.#removed(), REMOVAL_GRACE_MS);
  }

  async #removed(): Promise<void> {
    this.#removalTimer = undefined;
    if (this.isConnected) return;
    this.#deviceCheck?.cancel();
    try {
      await this.service.leave({ force: true });
    } finally {
      // pex-leave has gone out (the element is detached: listeners on it still hear it).
      if (!this.isConnected) {
        this.#unsubscribe?.();
        this.#unsubscribe = undefined;
      }
    }
  }

  /** The tab closes or navigates away: the others see us leave now, not when the token expires. */
  readonly #onPageHide = (): void => {
    this.#deviceCheck?.cancel();
    this.service.abandon();
  };

  protected override willUpdate(changed: PropertyValues<this>): void {
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
        this.#linkApplied = this.#applyLink(query, true);
      }
    }
    if (changed.has('link') && this.link && this.link !== this.#appliedLink)
      this.#linkApplied = this.#applyLink(this.link, false);
    if ((changed.has('hiddenSettings') || changed.has('settings')) && this.hiddenSettings) {
      const hidden = parseHiddenAttribute(this.hiddenSettings);
      if (hidden.ok) this.settings.setAdminConfig({ hidden: hidden.value });
      else this.notice = hidden.error.message;
    }
    if (changed.has('adminConfig') && this.adminConfig) void this.#loadAdminConfig(this.adminConfig);
  }

  async #loadAdminConfig(url: string): Promise<void> {
    let result: Awaited<ReturnType<typeof import('../../services/admin-config.js').loadAdminConfig>>;
    try {
      const { loadAdminConfig } = await import('../../services/admin-config.js');
      result = await loadAdminConfig(url);
    } catch (e) {
      console.error('pex-call: could not load the administrator configuration', e);
      return;
    }
    if (!result.ok) {
      this.notice = result.error.message;
      return;
    }
    const applied = this.settings.setAdminConfig(result.value);
    if (!applied.ok) this.notice = applied.error.message;
  }

  /**
   * Fills the form from a preconfigured link (and joins when the link says so). The link parser is
   * loaded on first use; `updateComplete` waits for it.
   */
  async #applyLink(input: string, fromPage: boolean): Promise<void> {
    this.#appliedLink = input;
    let parseLink: typeof import('../../services/links.js').parseLink;
    try {
      ({ parseLink } = await import('../../services/links.js'));
    } catch (e) {
      this.#appliedLink = '';
      console.error('pex-call: could not load the link parser', e);
      return;
    }
    // A newer link was set while the parser loaded: that one wins.
    if (input !== this.#appliedLink) return;
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
    this.#escalateOnJoin = l.escalate;
    if (l.autoJoin) this.autoJoin = true;
  }

  /** Also waits for a link being applied and for the in-call UI being loaded. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await Promise.all([this.#linkApplied, this.#roomLoading, this.#checkLoading]);
    return super.getUpdateComplete();
  }

  protected override updated(): void {
    // `auto-join` may be set after the first render (e.g. by a script reading a link): join once.
    if (this.autoJoin && !this.#autoJoined && this.conference && this.name) {
      this.#autoJoined = true;
      if (this.service.conference.get().phase === 'idle') void this.#join();
    }
  }

  // ------------------------------------------------------------------------------------------
  // Public API

  /** The pop-out presentation window, while open (for tests and host pages that style it). */
  get presentationWindow(): Window | null {
    return this.#room?.presentationWindow ?? null;
  }

  /**
   * Joins with the current attributes and what the person typed (what the Join button does). With
   * media, and when the `preview` attribute or the person's setting asks for it, the device check is
   * shown first and the call starts when the person confirms it.
   */
  join(): Promise<void> {
    return this.#join();
  }

  /**
   * Leaves (asking first when `confirm-disconnect` is set, unless `confirmed`). The service raises
   * the cancelable `pex-leave-request` when the leave is about to happen.
   */
  async leave(confirmed = false): Promise<void> {
    const confirm = this.confirmDisconnect || this.settings.get().confirmOnDisconnect;
    if (confirm && !confirmed && this.leaveDialog) {
      this.leaveDialog.showModal();
      return;
    }
    await this.service.leave();
  }

  // ------------------------------------------------------------------------------------------

  #onConference(c: ConferenceState): void {
    if (c.phase === this.#lastPhase) return;
    this.#lastPhase = c.phase;
    if (c.phase === 'in-call') {
      this.service.setPresentationMode(this.settings.get().fullMotionPresentation ? 'full' : 'still');
      this.settings.rememberMedia(c.alias, c.mediaMode);
      if (this.#escalateOnJoin && c.mediaMode === 'none') {
        this.#escalateOnJoin = false;
        this.#escalate('video', true);
      }
    }
    // A device check for adding media does not outlive the call.
    if (c.phase !== 'in-call' && this.#deviceCheck?.purpose === 'escalate') this.#deviceCheck.cancel();
    if (c.phase !== 'idle' && c.phase !== 'ended') void this.#loadRoom();
    this.#room?.phaseChanged(c.phase);
  }

  async #join(): Promise<void> {
    // A link being applied may still bring the PIN, name or media to join with.
    await this.#linkApplied;
    const s = this.settings.get();
    const conference = this.#draft.conference ?? this.conference;
    const domain = this.defaultDomain || s.defaultDomain;
    const alias = applyDefaultDomain(conference, domain || undefined);
    if (!alias.ok && conference.trim()) {
      this.linkError = alias.error.message;
      return;
    }
    this.linkError = '';
    // What the person typed becomes the element's values from here on.
    const typedName = this.#draft.name ?? this.name;
    this.conference = conference;
    this.name = typedName;
    this.media = this.#draft.media ?? this.media;
    this.#draft = {};
    const name = typedName.trim() || s.displayName.trim();
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
    const mode = this.media;
    // Nothing is opened for the check when the join cannot start (e.g. no name): the service says why.
    if (mode !== 'none' && options.alias && name && (this.preview || s.previewBeforeJoining)) {
      await this.#showDeviceCheck(mode, 'join', (stream) => void this.#connect({ ...options, stream }));
      return;
    }
    await this.#connect(options);
  }

  async #connect(options: JoinOptions): Promise<void> {
    const room = this.#loadRoom();
    try {
      await this.service.join(options);
    } catch {
      // The service moved to `ended` with the error; #onConference reports it.
    }
    await room;
  }

  /** "Rejoin" after a lost connection: the same meeting, name and media, at once. */
  async #rejoin(): Promise<void> {
    this.notice = '';
    const room = this.#loadRoom();
    try {
      await this.service.rejoin();
    } catch {
      // The service moved to `ended` with the error; #onConference reports it.
    }
    await room;
  }

  /** Adds media to a control-only call, through the device check when the person wants it. */
  #escalate(mode: 'video' | 'audio', fromLink = false): void {
    if (fromLink || this.preview || this.settings.get().previewBeforeJoining) {
      void this.#showDeviceCheck(
        mode,
        'escalate',
        (stream) => void this.#run(() => this.service.escalate(mode, stream)),
      );
      return;
    }
    void this.#run(() => this.service.escalate(mode));
  }

  /** Shows the device check (loading it the first time); `onConfirm` gets the checked stream. */
  #showDeviceCheck(
    mode: 'video' | 'audio',
    purpose: DeviceCheckPurpose,
    onConfirm: (stream: MediaStream) => void,
  ): Promise<void> {
    this.#deviceCheck?.cancel();
    const loading = import('./device-check.js').then(
      ({ DeviceCheck }) => {
        const check: DeviceCheck = new DeviceCheck({
          host: this,
          settings: this.settings,
          mode,
          purpose,
          onConfirm: (stream) => {
            if (this.#deviceCheck === check) this.#deviceCheck = undefined;
            onConfirm(stream);
            this.requestUpdate();
          },
          onCancel: () => {
            if (this.#deviceCheck === check) this.#deviceCheck = undefined;
            this.requestUpdate();
          },
          onError: (error) => this.service.report(error),
        });
        this.#deviceCheck = check;
        this.requestUpdate();
      },
      (e: unknown) => {
        console.error('pex-call: could not load the device check', e);
        this.notice = new CallError('network', String(e)).message;
      },
    );
    this.#checkLoading = loading;
    return loading;
  }

  /** Loads the in-call UI once; until it is there, the call shows the connecting panel. */
  #loadRoom(): Promise<void> {
    this.#roomLoading ??= import('./call-room.js').then(
      ({ CallRoom }) => {
        this.#room = new CallRoom({
          element: this,
          run: (action) => this.#run(action),
          notice: () => this.notice,
          showNotice: (text) => (this.notice = text),
          escalate: (mode) => this.#escalate(mode),
          busy: () => this.busy,
        });
        this.requestUpdate();
      },
      (e: unknown) => {
        // A failed download (e.g. offline) is tried again the next time the call moves on.
        this.#roomLoading = undefined;
        console.error('pex-call: could not load the in-call UI', e);
      },
    );
    return this.#roomLoading;
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
      this.service.report(error);
    } finally {
      this.busy = false;
    }
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
        return this.#deviceCheck ? this.#deviceCheck.render() : this.#renderJoinForm(c);
      case 'connecting':
        return this.#renderConnecting(c);
      case 'needs-pin':
      case 'needs-extension':
      case 'waiting-room':
      case 'waiting-for-host':
        // The prompts after Join come with the in-call UI (loaded when joining starts).
        return this.#room ? this.#room.renderPrompt(c) : this.#renderConnecting(c);
      case 'in-call':
        return this.#room
          ? html`${this.#deviceCheck?.render() ?? nothing}${this.#room.render(c)}`
          : this.#renderConnecting(c);
      case 'ended':
        return this.#deviceCheck ? this.#deviceCheck.render() : this.#renderJoinForm(c);
    }
  }

  #renderConnecting(c: ConferenceState): TemplateResult {
    return this.#renderPanel(
      msg(str`Connecting to ${c.alias}…`),
      html`<div class="spinner" aria-hidden="true"></div>`,
      html`<button type="button" @click=${() => this.service.leave()}>${msg('Cancel')}</button>`,
    );
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
      // The form holds what the person sees: that is what they join with.
      const data = new FormData(e.target as HTMLFormElement);
      this.#draft = {
        conference: String(data.get('conference') ?? ''),
        name: String(data.get('name') ?? ''),
        media: (String(data.get('media') ?? 'video') as MediaMode) || 'video',
      };
      void this.#join();
    };
    const typed =
      (field: 'conference' | 'name') =>
      (e: Event): void => {
        this.#draft = { ...this.#draft, [field]: (e.target as HTMLInputElement).value };
      };
    const media = this.#draft.media ?? this.media;
    const mediaChoice = (value: MediaMode, label: string): TemplateResult =>
      html`<label
        ><input
          type="radio"
          name="media"
          value=${value}
          .checked=${media === value}
          @change=${() => {
            this.#draft = { ...this.#draft, media: value };
            this.requestUpdate();
          }}
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
          .value=${this.#draft.conference ?? this.conference}
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
          .value=${this.#draft.name ?? (this.name || (this.#settings.value?.displayName ?? ''))}
          @input=${typed('name')}
      /></label>
      <fieldset>
        <legend>${msg('Join with')}</legend>
        ${mediaChoice('video', msg('Camera and microphone'))} ${mediaChoice('audio', msg('Audio only'))}
        ${mediaChoice('none', msg('Conference control and presentation only'))}
      </fieldset>
      ${this.notice ? html`<p class="error" role="alert">${this.notice}</p>` : nothing}
      <div class="actions">
        ${
          ended && canRejoin(error)
            ? html`<button class="primary" type="button" @click=${() => void this.#rejoin()}>
                ${msg('Rejoin')}
              </button>`
            : nothing
        }
        <button class=${ended && canRejoin(error) ? '' : 'primary'} type="submit">
          ${ended ? msg('Join again') : msg('Join')}
        </button>
      </div>
    </form>`;
  }
}
