import { css } from 'lit';

/**
 * The shared styling contract: every element reads these `--pex-*` custom properties, with defaults,
 * so a page themes all of them from outside. Nothing is set on the page itself.
 *
 * The host also resets every inherited property a page's own CSS could pass down (font, line height,
 * colour, letter and word spacing, text transform, alignment, indent and shadow, white space, cursor,
 * writing mode, list style, colour scheme…) to the element's tokens, so a page with odd text styles
 * does not clip, stretch or hide what the element draws. A page that wants another font, size or line
 * height says so with `--pex-font-family`, `--pex-font-size` and `--pex-line-height` (which win).
 * `direction` is not reset: an element follows its page (right-to-left on a right-to-left page) and
 * lays out with logical properties. Every box in the shadow tree is `border-box` by its own rule, not
 * by inheriting from the host (a page's `* { box-sizing: content-box !important }` reaches the host).
 */
export const tokens = css`
  :host {
    --_accent: var(--pex-accent, #0a5cd5);
    --_accent-text: var(--pex-accent-text, #fff);
    --_surface: var(--pex-surface, #fff);
    --_surface-2: var(--pex-surface-2, #f1f3f6);
    --_text: var(--pex-text, #1b1f24);
    --_muted-text: var(--pex-muted-text, #555d66);
    --_danger: var(--pex-danger, #c4291c);
    --_success: var(--pex-success, #127a3a);
    --_radius: var(--pex-radius, 8px);
    --_gap: var(--pex-gap, 0.75rem);
    --_stage: var(--pex-stage-background, #111418);
    --_focus: var(--pex-focus-ring, 2px solid #ffbf47);
    /* Inherited from the page unless reset here. */
    font-style: normal;
    font-variant: normal;
    font-weight: 400;
    font-stretch: normal;
    font-size: var(--pex-font-size, 1rem);
    line-height: var(--pex-line-height, 1.5);
    font-family: var(--pex-font-family, system-ui, sans-serif);
    font-kerning: auto;
    font-feature-settings: normal;
    font-variation-settings: normal;
    font-size-adjust: none;
    font-optical-sizing: auto;
    color: var(--_text);
    -webkit-text-fill-color: currentcolor;
    -webkit-text-stroke-width: 0;
    letter-spacing: normal;
    word-spacing: normal;
    text-transform: none;
    text-align: start;
    text-align-last: auto;
    text-indent: 0;
    text-shadow: none;
    text-emphasis: none;
    text-underline-offset: auto;
    text-underline-position: auto;
    white-space: normal;
    text-wrap-style: auto;
    word-break: normal;
    overflow-wrap: normal;
    line-break: auto;
    hyphens: manual;
    tab-size: 8;
    text-rendering: auto;
    writing-mode: horizontal-tb;
    text-orientation: mixed;
    list-style: disc outside none;
    quotes: auto;
    border-collapse: separate;
    border-spacing: 0;
    caption-side: top;
    empty-cells: show;
    cursor: auto;
    caret-color: auto;
    accent-color: auto;
    color-scheme: var(--pex-color-scheme, light);
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: border-box;
  }
  :focus-visible {
    outline: var(--_focus);
    outline-offset: 2px;
  }
  .visually-hidden {
    position: absolute;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  button {
    font: inherit;
    color: inherit;
    background: var(--_surface-2);
    border: 1px solid transparent;
    border-radius: var(--_radius);
    padding: 0.45rem 0.9rem;
    cursor: pointer;
  }
  button.primary {
    background: var(--_accent);
    color: var(--_accent-text);
  }
  button.danger {
    background: var(--_danger);
    color: #fff;
  }
  button:disabled {
    opacity: 0.55;
    cursor: not-allowed;
  }
  /* Form fields keep the panel's colours whatever the text around them (a white toolbar label). */
  input,
  select {
    font: inherit;
    color: var(--_text);
    padding: 0.4rem 0.55rem;
    border: 1px solid #8a939c;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  option,
  optgroup {
    color: var(--_text);
    background-color: var(--_surface);
  }
  label {
    display: grid;
    gap: 0.25rem;
    font-size: 0.92rem;
  }
  .error {
    color: var(--_danger);
  }
`;
