import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import type { DeckState, Slide, SlideDeck } from '../../services/slides/deck.js';
import type { SlideError } from '../../services/slides/errors.js';

/** What the file picker offers (the deck checks each file's bytes anyway). */
const ACCEPT = '.pdf,.jpg,.jpeg,.png,.gif,.bmp,application/pdf,image/jpeg,image/png,image/gif,image/bmp';

/** What the images-and-PDFs area shows and does. */
export interface SlidesView {
  deck: SlideDeck;
  state: DeckState | undefined;
  /** The deck is being presented (so the controls offer Stop, and the deck cannot be emptied). */
  presenting: boolean;
  /** Files are dragged over the element. */
  dragging: boolean;
  /** Start presenting cannot be pressed now (an action is running, or Guests may not present). */
  disabled: boolean;
  /** The "Stop presenting" button. */
  stop: TemplateResult;
  add(files: File[]): void;
  start(): void;
}

/** A slide's accessible name: its number, file and page. */
function slideLabel(slide: Slide | undefined, index: number, count: number): string {
  if (!slide) return '';
  return slide.kind === 'pdf'
    ? msg(str`Slide ${index + 1} of ${count}: "${slide.fileName}", page ${slide.page} of ${slide.pages}`)
    : msg(str`Slide ${index + 1} of ${count}: "${slide.fileName}"`);
}

/**
 * Moves through the deck with the arrow keys, Page Up / Down, Home and End (not while typing in a
 * field); the focus follows in the strip of thumbnails. Returns whether the key moved.
 */
export function moveByKey(
  e: KeyboardEvent,
  deck: SlideDeck | undefined,
  root: ParentNode,
  rendered: () => Promise<unknown>,
): boolean {
  const target = e.composedPath()[0] as HTMLElement | undefined;
  if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return false;
  if (e.altKey || e.ctrlKey || e.metaKey || !deck || deck.slides.length === 0) return false;
  const moves: Record<string, () => number> = {
    ArrowLeft: () => deck.current - 1,
    ArrowUp: () => deck.current - 1,
    PageUp: () => deck.current - 1,
    ArrowRight: () => deck.current + 1,
    ArrowDown: () => deck.current + 1,
    PageDown: () => deck.current + 1,
    Home: () => 0,
    End: () => deck.slides.length - 1,
  };
  const move = moves[e.key];
  if (!move) return false;
  e.preventDefault();
  const inStrip = Boolean(target?.closest?.('[part~="strip"]'));
  deck.go(move());
  if (inStrip) {
    void rendered().then(() => {
      const button = root.querySelector<HTMLButtonElement>('[part~="thumbnail"][aria-current="true"]');
      button?.focus();
      button?.scrollIntoView?.({ block: 'nearest', inline: 'nearest' });
    });
  }
  return true;
}

function renderStrip(v: SlidesView, slides: readonly Slide[], current: number): TemplateResult {
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
            aria-label=${slideLabel(s, i, slides.length)}
            @click=${() => v.deck.go(i)}
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

function renderProgress(d: DeckState | undefined): TemplateResult | typeof nothing {
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
          ${p.total === 0 ? html`<progress></progress>` : html`<progress max=${p.total} .value=${p.done}></progress>`}
        </label>`,
    )}
  </div>`;
}

function renderFileErrors(v: SlidesView): TemplateResult | typeof nothing {
  const errors: readonly SlideError[] = v.state?.errors ?? [];
  if (errors.length === 0) return nothing;
  const problems = errors.filter((e) => e.level === 'error');
  return html`<div class="file-errors" part="file-errors" role=${problems.length ? 'alert' : 'status'}>
    <ul>
      ${errors.map((e) => html`<li class=${e.level}>${e.message}</li>`)}
    </ul>
    <button type="button" @click=${() => v.deck.clearErrors()}>${msg('Dismiss')}</button>
  </div>`;
}

function renderControls(v: SlidesView, slides: readonly Slide[], current: number): TemplateResult {
  return html`<div class="controls" part="controls">
    <button
      type="button"
      ?disabled=${current === 0}
      aria-keyshortcuts="ArrowLeft"
      @click=${() => v.deck.go(current - 1)}
    >
      ${msg('Previous')}
    </button>
    <span class="position">${msg(str`Slide ${current + 1} of ${slides.length}`)}</span>
    <button
      type="button"
      ?disabled=${current >= slides.length - 1}
      aria-keyshortcuts="ArrowRight"
      @click=${() => v.deck.go(current + 1)}
    >
      ${msg('Next')}
    </button>
    ${
      v.presenting
        ? v.stop
        : html`<button
            type="button"
            class="primary"
            part="start"
            ?disabled=${v.disabled}
            @click=${() => v.start()}
          >
            ${msg('Start presenting')}
          </button>`
    }
  </div>`;
}

/** Images and PDFs: add or drop files, their progress and problems, the preview, strip and controls. */
export function renderSlides(v: SlidesView): TemplateResult {
  const slides = v.state?.slides ?? [];
  const index = v.state?.current ?? 0;
  const current = slides[index];
  return html`<section
    class="slides ${v.dragging ? 'dragging' : ''}"
    part="slides"
    aria-labelledby="slides-title"
  >
    <h3 id="slides-title">${msg('Images and PDFs')}</h3>
    <p class="hint" id="drop-hint">
      ${msg('Add JPEG, BMP, PNG or GIF images and PDFs, or drop them here. Files stay on this device.')}
    </p>
    <div class="row">
      <button
        type="button"
        part="add"
        aria-describedby="drop-hint"
        @click=${(e: Event) => ((e.currentTarget as HTMLElement).nextElementSibling as HTMLInputElement).click()}
      >
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
          v.add(files);
        }}
      />
      ${
        slides.length > 0 && !v.presenting
          ? html`<button type="button" @click=${() => v.deck.clear()}>${msg('Remove all')}</button>`
          : nothing
      }
      ${
        current && !v.presenting
          ? html`<button type="button" @click=${() => v.deck.remove(current.fileId)}>
              ${msg(str`Remove "${current.fileName}"`)}
            </button>`
          : nothing
      }
    </div>
    ${renderProgress(v.state)} ${renderFileErrors(v)}
    ${
      slides.length > 0
        ? html`<div
              class="preview"
              part="preview"
              role="img"
              aria-label=${slideLabel(current, index, slides.length)}
            >
              ${v.deck.canvas}
            </div>
            ${renderStrip(v, slides, index)} ${renderControls(v, slides, index)}`
        : nothing
    }
  </section>`;
}
