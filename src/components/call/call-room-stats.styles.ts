import { css } from 'lit';

/** The statistics overlay on the stage. */
export const statsStyles = css`
  .stats {
    position: absolute;
    top: 0.5rem;
    inset-inline-end: 0.5rem;
    z-index: 1;
    max-width: 22rem;
    max-height: 80%;
    overflow: auto;
    padding: 0.5rem 0.75rem;
    background: var(--_stage-overlay);
    border-radius: calc(var(--_radius) / 2);
    font:
      0.8rem/1.4 ui-monospace,
      monospace;
  }
  .stats h3 {
    font-size: 0.85rem;
    margin: 0.4rem 0 0.1rem;
  }
  .stats dl {
    display: grid;
    grid-template-columns: auto auto;
    gap: 0 0.75rem;
    margin: 0;
  }
  .stats dd {
    margin: 0;
    text-align: end;
  }
`;
