import { msg } from '@lit/localize';
import { css, html, type TemplateResult } from 'lit';
import { PexCloseEvent, PexDtmfEvent } from '../../events/dialpad-events.js';
import { tokens } from '../../styles/tokens.js';
import { CallConsumer } from '../shared/call-consumer.js';

const KEYS = ['1', '2', '3', '4', '5', '6', '7', '8', '9', '*', '0', '#'] as const;

/**
 * A DTMF keypad in a floating panel that can be dragged by its title bar (or moved with the arrow
 * keys when the title bar has focus). Digits typed on the keyboard work too. It follows a call like the
 * other elements (inside `<pex-call>`, `call="<id>"` or the `service` property) for its language;
 * whoever opened it sends the digits.
 *
 * @tagname pex-dialpad
 * @summary Floating, draggable DTMF keypad.
 * @attr {'light' | 'dark' | 'high-contrast' | 'light high-contrast' | 'dark high-contrast'} theme - Colour theme. Without it, the page's `--pex-color-scheme`, then its `prefers-color-scheme` and `prefers-contrast`, decide; elements inside this one take its theme.
 *
 * @event pex-dtmf - A key was pressed (`PexDtmfEvent`: `digits`; also `detail.digits`).
 * @event pex-close - The close button (or Escape) was pressed (`PexCloseEvent`).
 *
 * @csspart panel - The floating panel.
 * @csspart handle - The title bar used to move the panel.
 * @csspart key - Each keypad button.
 *
 * @cssproperty [--pex-surface=#fff] - Panel background.
 * @cssproperty [--pex-font-family=system-ui] - Font.
 * @cssproperty [--pex-font-size=1rem] - Text size (the element does not take the page's).
 * @cssproperty [--pex-line-height=1.5] - Line height (the element does not take the page's).
 * @cssproperty [--pex-color-scheme=light dark] - `light` or `dark`: that theme for every element of the page, whatever the person's `prefers-color-scheme` (a `theme` attribute still wins).
 */
export class PexDialpad extends CallConsumer {
  static override properties = {
    label: {},
    typed: { state: true },
  };

  static override styles = [
    tokens,
    css`
      :host {
        position: absolute;
        z-index: 3;
        left: var(--_x, 1rem);
        top: var(--_y, 3rem);
      }
      .panel {
        background: var(--_surface);
        color: var(--_text);
        border-radius: var(--_radius);
        box-shadow: var(--_shadow);
        width: 12rem;
        overflow: hidden;
      }
      .handle {
        display: flex;
        align-items: center;
        justify-content: space-between;
        padding: 0.3rem 0.5rem;
        background: var(--_surface-2);
        cursor: move;
        touch-action: none;
        user-select: none;
      }
      .keys {
        display: grid;
        grid-template-columns: repeat(3, 1fr);
        gap: 0.3rem;
        padding: 0.5rem;
      }
      .keys button {
        font-size: 1.15rem;
        padding: 0.55rem 0;
      }
      output {
        display: block;
        min-height: 1.4rem;
        padding: 0 0.6rem;
        font-family: ui-monospace, monospace;
        overflow-wrap: anywhere;
      }
    `,
  ];

  /** Accessible name of the panel. */
  label = '';

  private typed = '';
  #x = 16;
  #y = 48;
  #drag: { dx: number; dy: number; id: number } | undefined;

  #press(key: string): void {
    this.typed = (this.typed + key).slice(-32);
    this.dispatchEvent(new PexDtmfEvent(key));
  }

  #move(x: number, y: number): void {
    this.#x = Math.max(0, x);
    this.#y = Math.max(0, y);
    this.style.setProperty('--_x', `${this.#x}px`);
    this.style.setProperty('--_y', `${this.#y}px`);
  }

  #onKey(e: KeyboardEvent): void {
    if ((KEYS as readonly string[]).includes(e.key)) {
      e.preventDefault();
      this.#press(e.key);
    } else if (e.key === 'Escape') {
      this.dispatchEvent(new PexCloseEvent());
    }
  }

  #onHandleKey(e: KeyboardEvent): void {
    const step = e.shiftKey ? 40 : 10;
    const moves: Record<string, [number, number]> = {
      ArrowLeft: [-step, 0],
      ArrowRight: [step, 0],
      ArrowUp: [0, -step],
      ArrowDown: [0, step],
    };
    const m = moves[e.key];
    if (!m) return;
    e.preventDefault();
    this.#move(this.#x + m[0], this.#y + m[1]);
  }

  #onPointerDown(e: PointerEvent): void {
    if ((e.target as HTMLElement).closest('button')) return;
    this.#drag = { dx: e.clientX - this.#x, dy: e.clientY - this.#y, id: e.pointerId };
    (e.currentTarget as HTMLElement).setPointerCapture(e.pointerId);
  }

  #onPointerMove(e: PointerEvent): void {
    if (this.#drag?.id !== e.pointerId) return;
    this.#move(e.clientX - this.#drag.dx, e.clientY - this.#drag.dy);
  }

  #onPointerUp(e: PointerEvent): void {
    if (this.#drag?.id === e.pointerId) this.#drag = undefined;
  }

  protected override render(): TemplateResult {
    const label = this.label || msg('Keypad');
    return html`<section class="panel" part="panel" aria-label=${label} @keydown=${this.#onKey}>
      <div
        class="handle"
        part="handle"
        tabindex="0"
        role="group"
        aria-roledescription=${msg('movable panel')}
        aria-label=${msg('Move the keypad with the arrow keys')}
        @keydown=${this.#onHandleKey}
        @pointerdown=${this.#onPointerDown}
        @pointermove=${this.#onPointerMove}
        @pointerup=${this.#onPointerUp}
        @pointercancel=${this.#onPointerUp}
      >
        <span aria-hidden="true">${label}</span>
        <button
          type="button"
          aria-label=${msg('Close keypad')}
          @click=${() => this.dispatchEvent(new PexCloseEvent())}
        >
          ×
        </button>
      </div>
      <output aria-live="polite" aria-label=${msg('Digits sent')}>${this.typed}</output>
      <div class="keys">
        ${KEYS.map((k) => html`<button type="button" part="key" @click=${() => this.#press(k)}>${k}</button>`)}
      </div>
    </section>`;
  }
}
