import { css } from 'lit';

/**
 * The shared styling contract: every element reads these `--pex-*` custom properties, with defaults,
 * so a page themes all of them from outside. Nothing is set on the page itself.
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
    font-family: var(--pex-font-family, system-ui, sans-serif);
    color: var(--_text);
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
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
  input,
  select {
    font: inherit;
    color: inherit;
    padding: 0.4rem 0.55rem;
    border: 1px solid #8a939c;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
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
