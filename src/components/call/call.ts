import { ContextProvider } from '@lit/context';
import { updateWhenLocaleChanges } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { LanguageController } from '../../controllers/language-controller.js';
import { LazyBody } from '../../controllers/lazy-body.js';
import { StoreController } from '../../controllers/store-controller.js';
import { CallService, type JoinOptions } from '../../services/call-service.js';
import { callServiceContext, settingsContext } from '../../services/context.js';
import { CallError } from '../../services/errors.js';
import { applyDefaultDomain } from '../../services/link-rules.js';
import type { SettingsStore } from '../../services/settings.js';
import { sharedSettings } from '../../services/shared-settings.js';
import type { ConferenceState, MediaMode } from '../../services/types.js';
import { CallConfig } from './call-config.js';
import { DeviceCheckSlot } from './call-device-check.js';
import type { CallRoom } from './call-room.js';
import { CallLifetime } from './call-lifetime.js';
import { announcement, JoinForm, joinOptions, renderConnecting } from './call-join-form.js';
import type { DialProtocol } from './call-room-host-menu.js';
import { styles } from './call.styles.js';

export { REMOVAL_GRACE_MS } from './call-lifetime.js';

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
  readonly #settingsProvider: ContextProvider<typeof settingsContext>;
  #lastPhase: ConferenceState['phase'] = 'idle';
  #autoJoined = false;
  /** The link and the administrator's settings (see call-config.ts). */
  readonly #config = new CallConfig(this, (shown) => Object.assign(this, shown));
  /** The join form and what the person typed on it (see call-join-form.ts). */
  readonly #form = new JoinForm(
    this,
    () => void this.#join(),
    () => void this.#rejoin(),
  );
  /** The device check, while shown (see call-device-check.ts). */
  readonly #check = new DeviceCheckSlot(this, (notice) => (this.notice = notice));
  /**
   * The in-call UI (call-room.ts), loaded once when joining starts, so a page that only shows the
   * join form does not download it. Until it is there, the call shows the connecting panel.
   */
  readonly #inCall = new LazyBody<PexCall, CallRoom>(this, () =>
    import('./call-room.js').then(({ CallRoom }) => ({
      createBody: () =>
        new CallRoom({
          element: this,
          run: (action) => this.#run(action),
          notice: () => this.notice,
          showNotice: (text) => (this.notice = text),
          escalate: (mode) => this.#escalate(mode),
          busy: () => this.busy,
        }),
    })),
  );

  constructor() {
    super();
    updateWhenLocaleChanges(this);
    this.service.attachHost(this);
    // Following the call while connected; leaving it when removed (see call-lifetime.ts).
    new CallLifetime(
      this,
      (c) => this.#onConference(c),
      () => this.#check.cancel(),
    );
    new ContextProvider(this, { context: callServiceContext, initialValue: this.service });
    this.#settingsProvider = new ContextProvider(this, {
      context: settingsContext,
      initialValue: this.settings,
    });
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('settings')) {
      this.#settingsProvider.setValue(this.settings);
      this.#settings.store = this.settings;
      this.#language.store = this.settings;
    }
    this.#config.willUpdate(changed);
  }

  /** Also waits for a link being applied and for the in-call UI being loaded. */
  protected override async getUpdateComplete(): Promise<boolean> {
    await Promise.all([this.#config.linkApplied, this.#inCall.loading, this.#check.loading]);
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
    return this.#inCall.value?.presentationWindow ?? null;
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
      if (this.#config.escalateOnJoin && c.mediaMode === 'none') {
        this.#config.escalateOnJoin = false;
        this.#escalate('video', true);
      }
    }
    // A device check for adding media does not outlive the call.
    if (c.phase !== 'in-call' && this.#check.purpose === 'escalate') this.#check.cancel();
    if (c.phase !== 'idle' && c.phase !== 'ended') void this.#inCall.want();
    this.#inCall.value?.phaseChanged(c.phase);
  }

  async #join(): Promise<void> {
    // A link being applied may still bring the PIN, name or media to join with.
    await this.#config.linkApplied;
    const s = this.settings.get();
    const conference = this.#form.conference;
    const domain = this.defaultDomain || s.defaultDomain;
    const alias = applyDefaultDomain(conference, domain || undefined);
    if (!alias.ok && conference.trim()) {
      this.linkError = alias.error.message;
      return;
    }
    this.linkError = '';
    // What the person typed becomes the element's values from here on.
    this.#form.commit();
    const name = this.name.trim() || s.displayName.trim();
    if (name && name !== s.displayName) this.settings.set({ displayName: name });
    const options = joinOptions(this, alias.ok ? alias.value : '', name);
    const mode = this.media;
    // Nothing is opened for the check when the join cannot start (e.g. no name): the service says why.
    if (mode !== 'none' && options.alias && name && (this.preview || s.previewBeforeJoining)) {
      await this.#check.show(mode, 'join', (stream) => void this.#connect({ ...options, stream }));
      return;
    }
    await this.#connect(options);
  }

  async #connect(options: JoinOptions): Promise<void> {
    const room = this.#inCall.want();
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
    const room = this.#inCall.want();
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
      void this.#check.show(
        mode,
        'escalate',
        (stream) => void this.#run(() => this.service.escalate(mode, stream)),
      );
      return;
    }
    void this.#run(() => this.service.escalate(mode));
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
      <p class="visually-hidden" role="status" aria-live="polite">${announcement(c)}</p>
      <slot></slot>`;
  }

  #connecting(c: ConferenceState): TemplateResult {
    return renderConnecting(c, () => void this.service.leave());
  }

  #renderPhase(c: ConferenceState): TemplateResult {
    switch (c.phase) {
      case 'idle':
        return this.#check.render() ?? this.#form.render(c, this.linkError, this.notice);
      case 'connecting':
        return this.#connecting(c);
      case 'needs-pin':
      case 'needs-extension':
      case 'waiting-room':
      case 'waiting-for-host':
        // The prompts after Join come with the in-call UI (loaded when joining starts).
        return this.#inCall.value?.renderPrompt(c) ?? this.#connecting(c);
      case 'in-call':
        return this.#inCall.value
          ? html`${this.#check.render() ?? nothing}${this.#inCall.value.render(c)}`
          : this.#connecting(c);
      case 'ended':
        return this.#check.render() ?? this.#form.render(c, this.linkError, this.notice);
    }
  }
}
