import { css } from 'lit';

/** The Host's conference menu. */
export const hostMenuStyles = css`
  .menu {
    position: absolute;
    top: 2.75rem;
    inset-inline-start: 0.75rem;
    z-index: 2;
    display: grid;
    min-width: 14rem;
    padding: 0.35rem;
    gap: 0.2rem;
    background: var(--_surface);
    color: var(--_text);
    border-radius: var(--_radius);
    box-shadow: var(--_shadow);
  }
  .menu button {
    text-align: start;
    background: transparent;
    color: inherit;
  }
  .menu button:hover,
  .menu button:focus-visible {
    background: var(--_surface-2);
  }
`;
