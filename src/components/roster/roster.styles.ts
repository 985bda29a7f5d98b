import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/** The shell's styles: the panel, its header and the empty state (the rest comes with the body). */
export const styles = [
  tokens,
  css`
    :host {
      display: block;
      min-width: 0;
      max-width: 100%;
      overflow: hidden;
      background: var(--_surface);
      border-radius: var(--_radius);
    }
    :host([hidden]) {
      display: none;
    }
    [hidden] {
      display: none !important;
    }
    .base {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      padding: 0.6rem;
      min-width: 0;
    }
    header {
      display: flex;
      align-items: center;
      justify-content: space-between;
      gap: 0.5rem;
      min-width: 0;
    }
    h2 {
      margin: 0;
      font-size: 1rem;
      font-weight: 600;
    }
    .toggle {
      padding: 0.25rem 0.6rem;
      flex: none;
    }
    /* The announcement's look comes with the body (it is empty until then). */
    .notice:empty {
      display: none;
    }
    .body {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      min-width: 0;
    }
    .empty {
      margin: 0.25rem 0;
      color: var(--_muted-text);
    }
  `,
];
