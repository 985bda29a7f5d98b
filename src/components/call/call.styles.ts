import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/**
 * The join form, prompts and waiting panels; the in-call styles are in `call-room.styles.ts`, the
 * device check's in `device-check.styles.ts`.
 */
export const styles = [
  tokens,
  css`
    :host {
      display: block;
      position: relative;
      background: var(--_surface);
      border-radius: var(--_radius);
      min-height: 20rem;
      container-type: inline-size;
    }
    :host([hidden]) {
      display: none;
    }
    .panel {
      display: grid;
      gap: var(--_gap);
      max-width: 34rem;
      margin: 0 auto;
      padding: 1.5rem;
    }
    h2 {
      margin: 0;
      font-size: 1.3rem;
    }
    fieldset {
      border: 1px solid var(--_divider);
      border-radius: var(--_radius);
      display: grid;
      gap: 0.35rem;
    }
    fieldset label {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
    }
    .spinner {
      width: 2rem;
      height: 2rem;
      border: 3px solid var(--_surface-2);
      border-top-color: var(--_accent);
      border-radius: 50%;
      animation: spin 1s linear infinite;
    }
    @media (prefers-reduced-motion: reduce) {
      .spinner {
        animation-duration: 4s;
      }
    }
    @keyframes spin {
      to {
        transform: rotate(1turn);
      }
    }
  `,
];
