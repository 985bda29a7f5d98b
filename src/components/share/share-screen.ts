import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { SCREENSHARE_FPS_STEPS, type SettingsStore } from '../../services/settings.js';

/** What the screen-sharing controls show and do. */
export interface ScreenView {
  /** The screen is being shared (so the controls offer Stop). */
  sharing: boolean;
  /** Share screen cannot be pressed now (an action is running, or Guests may not present). */
  disabled: boolean;
  /** The settings whose "screensharing quality" applies. */
  store: SettingsStore;
  /** The "Stop presenting" button. */
  stop: TemplateResult;
  share(): void;
  /** Shows why a setting was refused. */
  error(message: string): void;
}

/** The frame rate's name in the quality choice. */
function label(f: number, steps: readonly number[]): string {
  return f === steps[0]
    ? msg(str`${f} frame per second (sharpest)`)
    : f === steps.at(-1)
      ? msg(str`${f} frames per second (most motion)`)
      : msg(str`${f} frames per second`);
}

/** Share screen (or Stop presenting) and the screensharing quality, which applies at once. */
export function renderScreen(v: ScreenView): TemplateResult {
  const supported = Boolean(navigator.mediaDevices && 'getDisplayMedia' in navigator.mediaDevices);
  const store = v.store;
  const fps = store.get().screenshareFrameRate ?? 5;
  const steps = SCREENSHARE_FPS_STEPS.includes(fps)
    ? SCREENSHARE_FPS_STEPS
    : [...SCREENSHARE_FPS_STEPS, fps].sort((a, b) => a - b);
  return html`<div class="screen" part="screen">
    ${
      v.sharing
        ? v.stop
        : html`<button
            type="button"
            class="primary"
            part="share-screen"
            ?disabled=${v.disabled || !supported}
            aria-describedby=${supported ? nothing : 'no-screen'}
            @click=${() => v.share()}
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
                if (!result.ok) v.error(result.error.message);
              }}
            >
              ${steps.map((f) => html`<option value=${f} ?selected=${f === fps}>${label(f, steps)}</option>`)}
            </select></label
          >`
    }
  </div>`;
}
