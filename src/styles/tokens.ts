import { css, unsafeCSS } from 'lit';

/**
 * The high-contrast theme's values (black and white, bordered buttons, a thick focus ring), set as
 * the private, inherited `--_hc-*` properties. Built as text rather than written as css`` fragments:
 * declarations outside a rule are not a style sheet the build's CSS minifier can read, and one such
 * fragment left the whole file unminified.
 */
const HIGH_CONTRAST: Record<string, string> = {
  accent: 'light-dark(#0037a6,#ffe14d)',
  'accent-text': 'light-dark(#fff,#000)',
  surface: 'light-dark(#fff,#000)',
  text: 'light-dark(#000,#fff)',
  danger: 'light-dark(#a80000,#ff8f8f)',
  success: 'light-dark(#00601e,#7dfa9f)',
  'button-border': 'currentcolor',
  stage: '#000',
  'stage-muted': '#fff',
  'stage-border': '#fff',
  focus: '3px solid light-dark(#000,#ffe14d)',
  placeholder: 'light-dark(#4d4d4d,#c4c4c4)',
};
const hcDeclarations = (reset: boolean) =>
  unsafeCSS(
    Object.entries(HIGH_CONTRAST)
      .map(([name, value]) => `--_hc-${name}:${reset ? 'initial' : value};`)
      .join(''),
  );
const highContrast = hcDeclarations(false);
/** Back to the light or dark theme's values. */
const notHighContrast = hcDeclarations(true);

/**
 * The shared styling contract: every element reads these `--pex-*` custom properties, with defaults,
 * so a page themes all of them from outside. Nothing is set on the page itself.
 *
 * Themes. Every colour default is a `light-dark(light, dark)` pair and the host's `color-scheme` is
 * `light dark`, so an element follows the page's `prefers-color-scheme`. Who decides, strongest
 * first: the element's `theme` attribute (`light`, `dark`, `high-contrast`, or `high-contrast` with
 * `light` or `dark`: `theme="dark high-contrast"`), then the page's `--pex-color-scheme` token
 * (`light` or `dark`), then the person's preference. High contrast (black and white, bordered
 * controls, a thick focus ring) is likewise chosen by the attribute, then the page's `--pex-contrast`
 * token (`more` or `no-preference`; read with a style query, so not in browsers without them), then
 * `prefers-contrast: more`. `forced-colors: active` leaves the colours to the system (a pressed
 * button in its highlight). A page's own `--pex-*` value always wins over a theme's default.
 * Elements inside an element (`<pex-share>` in `<pex-call>`, the keypad) take its theme: `theme`
 * sets the private, inherited `--_theme-scheme`, `--_contrast` and `--_hc-*`.
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
    --_accent: var(--pex-accent, var(--_hc-accent, light-dark(#0a5cd5, #8ab4f8)));
    --_accent-text: var(--pex-accent-text, var(--_hc-accent-text, light-dark(#fff, #0d1b33)));
    --_surface: var(--pex-surface, var(--_hc-surface, light-dark(#fff, #1b1f24)));
    --_surface-2: var(--pex-surface-2, var(--_hc-surface, light-dark(#f1f3f6, #2b3139)));
    --_text: var(--pex-text, var(--_hc-text, light-dark(#1b1f24, #e9ecef)));
    --_muted-text: var(--pex-muted-text, var(--_hc-text, light-dark(#555d66, #aab3bd)));
    --_danger: var(--pex-danger, var(--_hc-danger, light-dark(#c4291c, #ff9488)));
    --_danger-text: var(--pex-danger-text, var(--_hc-accent-text, light-dark(#fff, #1b1f24)));
    --_success: var(--pex-success, var(--_hc-success, light-dark(#127a3a, #6fd596)));
    --_success-text: var(--pex-success-text, var(--_hc-accent-text, light-dark(#fff, #0b2414)));
    /* Field borders (3:1 against the surface) and quieter dividers. */
    --_border: var(--pex-border, var(--_hc-text, light-dark(#8a939c, #7a848e)));
    --_divider: var(--pex-divider, var(--_hc-text, light-dark(#c9ced4, #4a525c)));
    /* Rules between rows and around boxes: the secondary surface, the text colour in high contrast. */
    --_rule: var(--_hc-text, var(--_surface-2));
    /* Buttons have no visible border, except in high contrast. */
    --_button-border: var(--_hc-button-border, transparent);
    /* Tinted backgrounds: notices, badges, your own chat messages, the drop zone. */
    --_notice: var(--_hc-surface, light-dark(#fff4d6, #3b3218));
    --_tint-danger: var(--_hc-surface, light-dark(#fde2df, #4a2421));
    --_tint-accent: var(--_hc-surface, light-dark(#e3ecfb, #1f3358));
    --_tint-success: var(--_hc-surface, light-dark(#dff3e6, #1b3a27));
    --_shadow: var(--pex-shadow, 0 6px 24px rgb(0 0 0 / 0.35));
    --_radius: var(--pex-radius, 8px);
    --_gap: var(--pex-gap, 0.75rem);
    /* The call's stage is dark in every theme: its own text and overlay colours. */
    --_stage: var(--pex-stage-background, var(--_hc-stage, #111418));
    --_stage-text: var(--pex-stage-text, #fff);
    --_stage-muted: var(--pex-stage-muted-text, var(--_hc-stage-muted, #cfd6de));
    --_stage-bar: var(--_hc-stage, rgb(0 0 0 / 0.4));
    --_stage-control: var(--_hc-stage, rgb(255 255 255 / 0.14));
    --_stage-overlay: var(--_hc-stage, rgb(0 0 0 / 0.75));
    --_stage-notice: var(--_hc-stage, rgb(255 191 71 / 0.18));
    --_stage-border: var(--_hc-stage-border, rgb(255 255 255 / 0.6));
    --_video: var(--pex-video-background, #000);
    --_backdrop: rgb(0 0 0 / 0.45);
    /* Placeholders read at 4.5:1 on the surface (the browser's own grey does not on a dark one). */
    --_placeholder: var(--pex-placeholder-text, var(--_hc-placeholder, light-dark(#646c75, #9aa4ae)));
    --_focus: var(--pex-focus-ring, var(--_hc-focus, 2px solid #ffbf47));
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
    color-scheme: var(--_theme-scheme, var(--pex-color-scheme, light dark));
    box-sizing: border-box;
  }
  /* The theme attribute; nested elements inherit these private properties. */
  :host([theme~='light']) {
    --_theme-scheme: light;
  }
  :host([theme~='dark']) {
    --_theme-scheme: dark;
  }
  :host([theme]) {
    --_contrast: no-preference;
  }
  :host([theme]:not([theme~='high-contrast'])) {
    ${notHighContrast}
  }
  :host([theme~='high-contrast']) {
    --_contrast: more;
    ${highContrast}
  }
  /* Without a theme attribute: the person's preference, then the page's --pex-contrast token, then
     the theme of the element this one is in (style queries: where supported). */
  @media (prefers-contrast: more) {
    :host(:not([theme])) {
      ${highContrast}
    }
  }
  @container style(--pex-contrast: more) {
    :host(:not([theme])) {
      ${highContrast}
    }
  }
  @container style(--pex-contrast: no-preference) {
    :host(:not([theme])) {
      ${notHighContrast}
    }
  }
  @container style(--_contrast: more) {
    :host(:not([theme])) {
      ${highContrast}
    }
  }
  @container style(--_contrast: no-preference) {
    :host(:not([theme])) {
      ${notHighContrast}
    }
  }
  /* Forced colours (Windows high contrast): the system's colours apply; a pressed button or the
     current slide, which only a background tells apart, is drawn in the system's highlight. */
  @media (forced-colors: active) {
    [aria-pressed='true'],
    [aria-current='true'] {
      forced-color-adjust: none;
      background: Highlight !important;
      color: HighlightText !important;
    }
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
    border: 1px solid var(--_button-border);
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
    color: var(--_danger-text);
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
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  ::placeholder {
    color: var(--_placeholder);
    opacity: 1;
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
