import { ContextConsumer } from '@lit/context';
import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { repeat } from 'lit/directives/repeat.js';
import { CallController } from '../../controllers/call-controller.js';
import { LanguageController } from '../../controllers/language-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import { PexSlideErrorEvent, PexSlideEvent } from '../../events/events.js';
import type { CallService } from '../../services/call-service.js';
import { settingsContext } from '../../services/context.js';
import { CallError } from '../../services/errors.js';
import { SCREENSHARE_FPS_STEPS, type Settings, type SettingsStore } from '../../services/settings.js';
import { sharedSettings } from '../../services/shared-settings.js';
import { SlideDeck, type DeckState, type Slide } from '../../services/slides/deck.js';
import type { SlideError } from '../../services/slides/errors.js';
import type { ConferenceState, PresentationState } from '../../services/types.js';
import { styles } from './share.styles.js';

/** What the file picker offers (the deck checks each file's bytes anyway). */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.gif,.bmp,application/pdf,image/jpeg,image/png,image/gif,image/bmp';

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
@localized()
export class PexShare extends LitElement {
  static override styles = styles;

  /** The id of the `<pex-call>` to follow (when this element is not inside it). */
  @property() call = '';
  /** A call service to use directly (stories, custom pages); wins over `call` and the context. */
  @property({ attribute: false }) service: CallService | undefined;
  /** The settings whose "screensharing quality" applies (property only); by default the call's. */
  @property({ attribute: false }) settings: SettingsStore | undefined;

  @state() private error = '';
  @state() private announcement = '';
  @state() private dragging = false;
  @state() private busy = false;
  @state() private takeoverDismissed = false;

  @query('input[type="file"]') private fileInput?: HTMLInputElement;

  readonly #call = new CallController(this, () => this.#bind());
  readonly #conference = new StoreController<ConferenceState>(this);
  readonly #presentation = new StoreController<PresentationState>(this);
  readonly #settings = new StoreController<Readonly<Settings>>(this);
  readonly #deckState = new StoreController<DeckState>(this);
  readonly #language = new LanguageController(this, sharedSettings());
  #contextSettings: SettingsStore | undefined;
  #deck: SlideDeck | undefined;
  #disposeTimer: ReturnType<typeof setTimeout> | undefined;
  #lastSending = false;
  #lastCurrent = -1;
  #lastFps: number | undefined;
  #unsubscribeSettings: (() => void) | undefined;
  #boundSettings: SettingsStore | undefined;
  #dragDepth = 0;

  constructor() {
    super();
    new ContextConsumer(this, {
      context: settingsContext,
      subscribe: true,
      callback: (store) => {
        this.#contextSettings = store;
        this.#bindSettings();
      },
    });
    this.addEventListener('keydown', (e) => this.#onKeyDown(e));
    this.addEventListener('dragenter', (e) => this.#onDragEnter(e));
    this.addEventListener('dragover', (e) => this.#onDragOver(e));
    this.addEventListener('dragleave', () => this.#onDragLeave());
    this.addEventListener('drop', (e) => void this.#onDrop(e));
  }

  /** The call service in use: the `service` property, else `call="…"`, else the enclosing call. */
  get callService(): CallService | undefined {
    return this.service ?? this.#call.service;
  }

  /** The slide deck of this element (created when first needed). */
  get deck(): SlideDeck {
    if (!this.#deck) {
      this.#deck = new SlideDeck();
      this.#deckState.store = this.#deck.state;
    }
    return this.#deck;
  }

  /** The settings store in use (for the screensharing quality). */
  get settingsStore(): SettingsStore {
    const fromElement = (this.#call.element as { settings?: SettingsStore } | undefined)?.settings;
    return this.settings ?? fromElement ?? this.#contextSettings ?? sharedSettings();
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
    if (changed.has('call')) this.#call.callId = this.call || null;
    if (changed.has('service')) this.#bind();
    if (changed.has('settings') || changed.has('call')) this.#bindSettings();
    this.#observe();
  }

  #bind(): void {
    const s = this.callService;
    this.#conference.store = s?.conference;
    this.#presentation.store = s?.presentation;
    this.#bindSettings();
  }

  #bindSettings(): void {
    const store = this.settingsStore;
    this.#settings.store = store;
    this.#language.store = store;
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

  async #run(action: () => Promise<unknown>): Promise<void> {
    this.busy = true;
    this.error = '';
    try {
      await action();
    } catch (e) {
      const error = e instanceof CallError ? e : new CallError('unknown', String(e));
      this.error = error.message;
      this.callService?.report(error);
    } finally {
      this.busy = false;
    }
  }

  #go(index: number): void {
    this.deck.go(index);
  }

  #onKeyDown(e: KeyboardEvent): void {
    const target = e.composedPath()[0] as HTMLElement | undefined;
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return;
    if (e.altKey || e.ctrlKey || e.metaKey || !this.#deck || this.#deck.slides.length === 0) return;
    const d = this.#deck;
    const moves: Record<string, () => number> = {
      ArrowLeft: () => d.current - 1,
      ArrowUp: () => d.current - 1,
      PageUp: () => d.current - 1,
      ArrowRight: () => d.current + 1,
      ArrowDown: () => d.current + 1,
      PageDown: () => d.current + 1,
      Home: () => 0,
      End: () => d.slides.length - 1,
    };
    const move = moves[e.key];
    if (!move) return;
    e.preventDefault();
    const inStrip = Boolean(target?.closest?.('[part~="strip"]'));
    this.#go(move());
    if (inStrip) void this.updateComplete.then(() => this.#focusCurrentThumbnail());
  }

  #focusCurrentThumbnail(): void {
    const button = this.renderRoot.querySelector<HTMLButtonElement>(
      '[part~="thumbnail"][aria-current="true"]',
    );
    button?.focus();
    button?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
  }

  #hasFiles(e: DragEvent): boolean {
    return Boolean(e.dataTransfer?.types?.includes('Files'));
  }

  #onDragEnter(e: DragEvent): void {
    if (!this.#hasFiles(e) || !this.#canShare()) return;
    e.preventDefault();
    this.#dragDepth++;
    this.dragging = true;
  }

  #onDragOver(e: DragEvent): void {
    if (!this.#hasFiles(e) || !this.#canShare()) return;
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
  }

  #onDragLeave(): void {
    this.#dragDepth = Math.max(0, this.#dragDepth - 1);
    if (this.#dragDepth === 0) this.dragging = false;
  }

  async #onDrop(e: DragEvent): Promise<void> {
    this.#dragDepth = 0;
    this.dragging = false;
    if (!this.#canShare()) return;
    e.preventDefault();
    const files = e.dataTransfer?.files;
    if (files?.length) await this.addFiles(files);
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
      ${this.#renderScreen(p, guestsBlocked)} ${this.#renderSlides(p, deck, guestsBlocked)}
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

  #renderScreen(p: PresentationState | undefined, blocked: boolean): TemplateResult {
    const sharing = Boolean(p?.sending && p.source === 'screen');
    const supported = Boolean(navigator.mediaDevices && 'getDisplayMedia' in navigator.mediaDevices);
    const settings = this.#settings.value;
    const store = this.settingsStore;
    const fps = settings?.screenshareFrameRate ?? 5;
    const steps = SCREENSHARE_FPS_STEPS.includes(fps)
      ? SCREENSHARE_FPS_STEPS
      : [...SCREENSHARE_FPS_STEPS, fps].sort((a, b) => a - b);
    const label = (f: number): string =>
      f === steps[0]
        ? msg(str`${f} frame per second (sharpest)`)
        : f === steps.at(-1)
          ? msg(str`${f} frames per second (most motion)`)
          : msg(str`${f} frames per second`);
    return html`<div class="screen" part="screen">
      ${
        sharing
          ? this.#renderStop()
          : html`<button
              type="button"
              class="primary"
              part="share-screen"
              ?disabled=${this.busy || blocked || !supported}
              aria-describedby=${supported ? nothing : 'no-screen'}
              @click=${this.shareScreen}
            >
              ${msg('Share screen')}
            </button>`
      }
      ${supported ? nothing : html`<span id="no-screen" class="hint">${msg("This browser can't share the screen.")}</span>`}
      ${
        store.isHidden('screenshareFrameRate')
          ? nothing
          : html`<label part="quality"
              >${msg('Screensharing quality')}
              <select
                @change=${(e: Event) => {
                  const value = Number((e.target as HTMLSelectElement).value);
                  const result = store.set({ screenshareFrameRate: value });
                  if (!result.ok) this.error = result.error.message;
                }}
              >
                ${steps.map((f) => html`<option value=${f} ?selected=${f === fps}>${label(f)}</option>`)}
              </select></label
            >`
      }
    </div>`;
  }

  #renderSlides(
    p: PresentationState | undefined,
    d: DeckState | undefined,
    blocked: boolean,
  ): TemplateResult {
    const slides = d?.slides ?? [];
    const presenting = Boolean(p?.sending && p.source === 'slides');
    const current = slides[d?.current ?? 0];
    return html`<section
      class="slides ${this.dragging ? 'dragging' : ''}"
      part="slides"
      aria-labelledby="slides-title"
    >
      <h3 id="slides-title">${msg('Images and PDFs')}</h3>
      <p class="hint" id="drop-hint">
        ${msg('Add JPEG, BMP, PNG or GIF images and PDFs, or drop them here. Files stay on this device.')}
      </p>
      <div class="row">
        <button type="button" part="add" aria-describedby="drop-hint" @click=${() => this.fileInput?.click()}>
          ${msg('Add files')}
        </button>
        <input
          type="file"
          multiple
          accept=${ACCEPT}
          hidden
          aria-label=${msg('Add files')}
          @change=${(e: Event) => {
            const input = e.target as HTMLInputElement;
            const files = [...(input.files ?? [])];
            input.value = '';
            void this.addFiles(files);
          }}
        />
        ${
          slides.length > 0 && !presenting
            ? html`<button type="button" @click=${() => this.deck.clear()}>${msg('Remove all')}</button>`
            : nothing
        }
        ${
          current && !presenting
            ? html`<button type="button" @click=${() => this.deck.remove(current.fileId)}>
                ${msg(str`Remove "${current.fileName}"`)}
              </button>`
            : nothing
        }
      </div>
      ${this.#renderProgress(d)} ${this.#renderFileErrors(d)}
      ${
        slides.length > 0
          ? html`<div
                class="preview"
                part="preview"
                role="img"
                aria-label=${this.#slideLabel(current, d!.current, slides.length)}
              >
                ${this.deck.canvas}
              </div>
              ${this.#renderStrip(slides, d!.current)}
              <div class="controls" part="controls">
                <button
                  type="button"
                  ?disabled=${d!.current === 0}
                  aria-keyshortcuts="ArrowLeft"
                  @click=${() => this.#go(d!.current - 1)}
                >
                  ${msg('Previous')}
                </button>
                <span class="position">${msg(str`Slide ${d!.current + 1} of ${slides.length}`)}</span>
                <button
                  type="button"
                  ?disabled=${d!.current >= slides.length - 1}
                  aria-keyshortcuts="ArrowRight"
                  @click=${() => this.#go(d!.current + 1)}
                >
                  ${msg('Next')}
                </button>
                ${
                  presenting
                    ? this.#renderStop()
                    : html`<button
                        type="button"
                        class="primary"
                        part="start"
                        ?disabled=${this.busy || blocked}
                        @click=${this.startPresenting}
                      >
                        ${msg('Start presenting')}
                      </button>`
                }
              </div>`
          : nothing
      }
    </section>`;
  }

  #slideLabel(slide: Slide | undefined, index: number, count: number): string {
    if (!slide) return '';
    return slide.kind === 'pdf'
      ? msg(str`Slide ${index + 1} of ${count}: "${slide.fileName}", page ${slide.page} of ${slide.pages}`)
      : msg(str`Slide ${index + 1} of ${count}: "${slide.fileName}"`);
  }

  #renderStrip(slides: readonly Slide[], current: number): TemplateResult {
    return html`<ol class="strip" part="strip" aria-label=${msg('Slides')}>
      ${repeat(
        slides,
        (s) => s.id,
        (s, i) =>
          html`<li>
            <button
              type="button"
              part="thumbnail"
              class=${s.failed ? 'failed' : ''}
              tabindex=${i === current ? '0' : '-1'}
              aria-current=${i === current ? 'true' : 'false'}
              aria-label=${this.#slideLabel(s, i, slides.length)}
              @click=${() => this.#go(i)}
            >
              ${
                s.thumbnail
                  ? html`<img src=${s.thumbnail} alt="" loading="lazy" />`
                  : html`<span class="pending" aria-hidden="true">${s.failed ? '!' : i + 1}</span>`
              }
            </button>
          </li>`,
      )}
    </ol>`;
  }

  #renderProgress(d: DeckState | undefined): TemplateResult | typeof nothing {
    const preparing = d?.preparing ?? [];
    if (preparing.length === 0) return nothing;
    return html`<div class="progress" part="progress">
      ${preparing.map(
        (p) =>
          html`<label
            >${
              p.total === 0
                ? msg(str`Opening "${p.fileName}"…`)
                : msg(str`Preparing "${p.fileName}": ${p.done} of ${p.total} pages`)
            }
            ${
              p.total === 0
                ? html`<progress></progress>`
                : html`<progress max=${p.total} .value=${p.done}></progress>`
            }
          </label>`,
      )}
    </div>`;
  }

  #renderFileErrors(d: DeckState | undefined): TemplateResult | typeof nothing {
    const errors: readonly SlideError[] = d?.errors ?? [];
    if (errors.length === 0) return nothing;
    const problems = errors.filter((e) => e.level === 'error');
    return html`<div class="file-errors" part="file-errors" role=${problems.length ? 'alert' : 'status'}>
      <ul>
        ${errors.map((e) => html`<li class=${e.level}>${e.message}</li>`)}
      </ul>
      <button type="button" @click=${() => this.deck.clearErrors()}>${msg('Dismiss')}</button>
    </div>`;
  }
}
