import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

export const styles = [
  tokens,
  css`
    :host {
      display: block;
      background: var(--_surface);
      border-radius: var(--_radius);
    }
    :host([hidden]) {
      display: none;
    }
    form {
      display: grid;
      gap: var(--_gap);
      padding: 1rem;
      max-width: 40rem;
    }
    section {
      display: grid;
      gap: 0.6rem;
    }
    .grid {
      grid-template-columns: repeat(auto-fit, minmax(14rem, 1fr));
    }
    /* A field and its error stay in one cell of the grid. */
    .field {
      display: grid;
      gap: 0.25rem;
    }
    .checks label.check {
      display: flex;
      gap: 0.5rem;
      align-items: center;
    }
    .devices video {
      width: 100%;
      max-width: 24rem;
      aspect-ratio: 16 / 9;
      background: var(--_video);
      border-radius: calc(var(--_radius) / 2);
      transform: scaleX(-1);
    }
    meter {
      width: 100%;
      height: 1rem;
    }
    .range {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      font-size: 0.85rem;
      color: var(--_muted-text);
    }
    .range input {
      flex: 1;
    }
    .actions {
      display: flex;
      gap: 0.5rem;
    }
  `,
];
