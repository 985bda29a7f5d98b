import { msg, str } from '@lit/localize';
import { html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { StoreController } from '../../controllers/store-controller.js';
import { PexSlideErrorEvent, PexSlideEvent } from '../../events/events.js';
import type { CallService } from '../../services/call-service.js';
import type { Settings, SettingsStore } from '../../services/settings.js';
import { SlideDeck, type DeckState } from '../../services/slides/deck.js';
import type { ConferenceState, PresentationState } from '../../services/types.js';
import { CallConsumer } from '../shared/call-consumer.js';
import { FileDrop } from './share-drop.js';
import { renderScreen } from './share-screen.js';
import { moveByKey, renderSlides } from './share-slides.js';
import { styles } from './share.styles.js';

/**
 * Presenting: share the screen (at the "screensharing quality" frame rate, changeable while sharing)
 * or images and PDFs as slides. Files are added with "Add files" or dropped on the element, several at
 * once, images and PDFs mixed; each image is one slide and each PDF page another. A strip of
 * thumbnails, Previous / Next (or the arrow keys), Start and Stop presenting. Files never leave the
 * device: slides are drawn here and sent as the presentation video (at most 5 frames per second).
 * PowerPoint and other files get a clear message; a damaged, password-protected or oversized file is
 * reported and the rest of the deck stays usable; progress shows while a long PDF is prepared.
 *
 * It follows the call of the enclosing `<pex-call>`, or the one named by `call="<id>"`, or the
 * `service` property; without a call it says how to start sharing.
 *
 * @tagname pex-share
 * @summary Share the screen, or images and PDFs as slides, with previous/next and stop.
 * @attr {'light' | 'dark' | 'high-contrast' | 'light high-contrast' | 'dark high-contrast'} theme - Colour theme. Without it, the page's `--pex-color-scheme`, then its `prefers-color-scheme` and `prefers-contrast`, decide; elements inside this one take its theme.
 *
 * Presenting is the call's: its cancelable `pex-present-request`, `pex-present` and `pex-error` are
 * raised once per call by the call's service on the `<pex-call>` (however many `<pex-share>` follow
 * it). The events about this element's own deck are raised here.
 *
 * @event pex-slide - The current slide changed (`PexSlideEvent`: `index`, `count`).
 * @event pex-slide-error - Added files could not all become slides (`PexSlideErrorEvent`: `errors`).
 *
 * @slot heading - Replaces the "Share" title.
 * @slot empty - Replaces the text shown without a call.
 *
 * @csspart base - The whole panel.
 * @csspart header - The title bar.
 * @csspart status - What is being presented now (also announced politely).
 * @csspart notice - A notice: someone else took over, or Guests may not present.
 * @csspart error - Why the last action failed.
 * @csspart screen - The screen-sharing controls.
 * @csspart share-screen - The "Share screen" button.
 * @csspart quality - The screensharing quality (frame rate) choice.
 * @csspart slides - The images-and-PDFs area (also the drop zone).
 * @csspart add - The "Add files" button.
 * @csspart progress - Progress while files are prepared.
 * @csspart file-errors - Problems with added files.
 * @csspart preview - The current slide as it is sent.
 * @csspart strip - The strip of thumbnails.
 * @csspart thumbnail - One thumbnail button.
 * @csspart controls - Previous, the slide number, Next.
 * @csspart start - The "Start presenting" button.
 * @csspart stop - The "Stop presenting" button.
 * @csspart empty - The empty state.
 *
 * @cssproperty [--pex-share-thumbnail-width=7.5rem] - Width of a thumbnail.
 * @cssproperty [--pex-share-drop-highlight=#e3ecfb] - Background of the drop zone while files are dragged over it.
 * @cssproperty [--pex-share-notice-background=#fff4d6] - Background of notices (taken over, Guests may not present).
 * @cssproperty [--pex-accent=#0a5cd5] - Primary buttons and the current thumbnail.
 * @cssproperty [--pex-surface=#fff] - Panel background.
 * @cssproperty [--pex-surface-2=#f1f3f6] - Secondary buttons and the drop zone.
 * @cssproperty [--pex-text=#1b1f24] - Text colour.
 * @cssproperty [--pex-muted-text=#555d66] - Hints.
 * @cssproperty [--pex-danger=#c4291c] - Errors and "Stop presenting".
 * @cssproperty [--pex-radius=8px] - Corner radius.
 * @cssproperty [--pex-font-family=system-ui] - Font.
 * @cssproperty [--pex-font-size=1rem] - Text size (the element does not take the page's).
 * @cssproperty [--pex-line-height=1.5] - Line height (the element does not take the page's).
 * @cssproperty [--pex-color-scheme=light dark] - `light` or `dark`: that theme for every element of the page, whatever the person's `prefers-color-scheme` (a `theme` attribute still wins).
 */
export class PexShare extends CallConsumer {
  static override properties = {
    error: { state: true },
    announcement: { state: true },
    busy: { state: true },
    takeoverDismissed: { state: true },
  };

  static override styles = styles;

  private error = '';
  private announcement = '';
  private busy = false;
  private takeoverDismissed = false;

  readonly #conference = new StoreController<ConferenceState>(this);
  readonly #presentation = new StoreController<PresentationState>(this);
  readonly #settings = new StoreController<Readonly<Settings>>(this);
  readonly #deckState = new StoreController<DeckState>(this);
  readonly #drop = new FileDrop(
    this,
    () => this.#canShare(),
    (files) => this.addFiles(files),
  );
  #deck: SlideDeck | undefined;
  #disposeTimer: ReturnType<typeof setTimeout> | undefined;
  #lastSending = false;
  #lastCurrent = -1;
  #lastFps: number | undefined;
  #unsubscribeSettings: (() => void) | undefined;
  #boundSettings: SettingsStore | undefined;

  constructor() {
    super();
    this.addEventListener('keydown', (e) =>
      moveByKey(e, this.#deck, this.renderRoot, () => this.updateComplete),
    );
  }

  /** The slide deck of this element (created when first needed). */
  get deck(): SlideDeck {
    if (!this.#deck) {
      this.#deck = new SlideDeck();
      this.#deckState.store = this.#deck.state;
    }
    return this.#deck;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    clearTimeout(this.#disposeTimer);
    this.#disposeTimer = undefined;
    this.#bindSettings();
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    this.#unsubscribeSettings?.();
    this.#unsubscribeSettings = undefined;
    this.#boundSettings = undefined;
    // Moved elsewhere in the page: keep the deck. Really gone: stop presenting it and free it.
    this.#disposeTimer = setTimeout(() => {
      this.#disposeTimer = undefined;
      if (this.isConnected) return;
      const p = this.callService?.presentation.get();
      if (p?.sending && p.source === 'slides') void this.callService?.stopPresenting().catch(() => undefined);
      this.#deck?.dispose();
      this.#deck = undefined;
      this.#deckState.store = undefined;
    }, 0);
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
    this.#observe();
  }

  protected override bind(): void {
    super.bind();
    const s = this.callService;
    this.#conference.store = s?.conference;
    this.#presentation.store = s?.presentation;
    this.#bindSettings();
  }

  #bindSettings(): void {
    const store = this.settingsStore;
    this.#settings.store = store;
    if (store === this.#boundSettings && this.#unsubscribeSettings) return;
    this.#unsubscribeSettings?.();
    this.#unsubscribeSettings = undefined;
    this.#boundSettings = undefined;
    if (!this.isConnected) return;
    this.#boundSettings = store;
    this.#lastFps = store.get().screenshareFrameRate;
    // A new "screensharing quality" applies to a screen being shared at once.
    this.#unsubscribeSettings = store.subscribe((s) => {
      if (s.screenshareFrameRate === this.#lastFps) return;
      this.#lastFps = s.screenshareFrameRate;
      const service = this.callService;
      if (service?.presentation.get().source === 'screen') {
        void this.#run(() => service.setScreenFrameRate(s.screenshareFrameRate));
      }
    });
  }

  /** Turns state changes into announcements and slide events (the call's service raises `pex-present`). */
  #observe(): void {
    const p = this.#presentation.value;
    const sending = Boolean(p?.sending);
    const source = p?.source === 'screen' || p?.source === 'slides' ? p.source : undefined;
    if (sending !== this.#lastSending) {
      this.#lastSending = sending;
      if (sending) {
        this.takeoverDismissed = false;
        this.announcement =
          source === 'screen' ? msg('You are sharing your screen.') : msg('You are presenting slides.');
      } else {
        this.announcement = msg('You stopped presenting.');
      }
    }
    const d = this.#deckState.value;
    if (d && d.current !== this.#lastCurrent) {
      this.#lastCurrent = d.current;
      if (d.slides.length > 0) {
        this.dispatchEvent(new PexSlideEvent(d.current, d.slides.length));
        if (sending && source === 'slides') {
          this.announcement = msg(str`Slide ${d.current + 1} of ${d.slides.length}`);
        }
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Commands

  /** Adds files to the deck (what "Add files" and dropping do). */
  async addFiles(files: Iterable<File> | ArrayLike<File>): Promise<void> {
    const list = Array.from(files as ArrayLike<File>);
    if (list.length === 0) return;
    this.error = '';
    this.deck.clearErrors();
    const { errors } = await this.deck.add(list);
    if (errors.length) this.dispatchEvent(new PexSlideErrorEvent(errors));
  }

  /** Shares the screen (the browser asks which). */
  async shareScreen(): Promise<void> {
    const s = this.callService;
    if (!s) return;
    await this.#run(() => s.presentScreen(this.settingsStore.get().screenshareFrameRate));
  }

  /** Presents the deck from the current slide. */
  async startPresenting(): Promise<void> {
    const s = this.callService;
    if (!s) return;
    await this.#run(() => s.presentSlides(this.deck));
  }

  /** Stops presenting (the screen or the slides). */
  async stopPresenting(): Promise<void> {
    const s = this.callService;
    if (!s) return;
    await this.#run(() => s.stopPresenting());
  }

  /** Runs an action on the call (busy meanwhile); a failure is shown and becomes the call's `pex-error`. */
  async #run(action: (s: CallService) => Promise<unknown>): Promise<void> {
    this.busy = true;
    this.error = '';
    await this.run(action, (error) => (this.error = error.message));
    this.busy = false;
  }

  #canShare(): boolean {
    return this.callService !== undefined && this.#conference.value?.phase === 'in-call';
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  /** The one "Stop presenting" button, shown by both the screen and the slides panels. */
  #renderStop(): TemplateResult {
    return html`<button
      type="button"
      class="danger"
      part="stop"
      ?disabled=${this.busy}
      @click=${this.stopPresenting}
    >
      ${msg('Stop presenting')}
    </button>`;
  }

  protected override render(): TemplateResult {
    return html`<section class="base" part="base" aria-labelledby="title">
      <header part="header">
        <h2 id="title"><slot name="heading">${msg('Share')}</slot></h2>
      </header>
      <div class="visually-hidden" role="status" aria-live="polite">${this.announcement}</div>
      ${this.#canShare() ? this.#renderBody() : this.#renderEmpty()}
    </section>`;
  }

  #renderEmpty(): TemplateResult {
    return html`<p class="empty" part="empty">
      <slot name="empty"
        >${msg('Not in a call. Join a meeting to share your screen, or images and PDFs.')}</slot
      >
    </p>`;
  }

  #renderBody(): TemplateResult {
    const c = this.#conference.value!;
    const p = this.#presentation.value;
    const deck = this.#deckState.value;
    const guestsBlocked = c.role === 'guest' && !c.guestsCanPresent;
    const showTakeover = Boolean(p?.takenOver && !p.sending && !this.takeoverDismissed);
    return html`
      ${this.#renderStatus(p, deck)}
      ${
        showTakeover
          ? html`<div class="notice" part="notice" role="alert">
              <span
                >${
                  p?.presenterName
                    ? msg(str`${p.presenterName} took over the presentation, so yours has stopped.`)
                    : msg('Someone else took over the presentation, so yours has stopped.')
                }</span
              >
              <button type="button" @click=${() => (this.takeoverDismissed = true)}>${msg('Dismiss')}</button>
            </div>`
          : nothing
      }
      ${
        guestsBlocked
          ? html`<p class="notice" part="notice">
              ${msg('Guests are not allowed to present in this meeting.')}
            </p>`
          : nothing
      }
      ${this.error ? html`<p class="error" part="error" role="alert">${this.error}</p>` : nothing}
      ${renderScreen({
        sharing: Boolean(p?.sending && p.source === 'screen'),
        disabled: this.busy || guestsBlocked,
        store: this.settingsStore,
        stop: this.#renderStop(),
        share: () => void this.shareScreen(),
        error: (message) => (this.error = message),
      })}
      ${renderSlides({
        deck: this.deck,
        state: deck,
        presenting: Boolean(p?.sending && p.source === 'slides'),
        dragging: this.#drop.dragging,
        disabled: this.busy || guestsBlocked,
        stop: this.#renderStop(),
        add: (files) => void this.addFiles(files),
        start: () => void this.startPresenting(),
      })}
    `;
  }

  #renderStatus(p: PresentationState | undefined, deck: DeckState | undefined): TemplateResult {
    let text: string;
    if (p?.sending && p.source === 'screen') text = msg('You are sharing your screen.');
    else if (p?.sending && p.source === 'slides' && deck?.slides.length) {
      text = msg(str`You are presenting slide ${deck.current + 1} of ${deck.slides.length}.`);
    } else if (p?.sending) text = msg('You are presenting.');
    else if (p?.presenterName) text = msg(str`${p.presenterName} is presenting. Presenting now takes over.`);
    else text = msg('Nobody is presenting.');
    return html`<p class="status" part="status">${text}</p>`;
  }
}
