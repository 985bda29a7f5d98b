import { css } from 'lit';

/** The call's own roster and chat panels, and who waits at a locked meeting. */
export const panelsStyles = css`
  .side-panel {
    padding: 0.5rem;
    background: var(--_surface);
    color: var(--_text);
    max-height: 24rem;
    overflow: auto;
  }
  .side-panel[hidden] {
    display: none;
  }
  .waiting {
    margin: 0.25rem 0.75rem;
    padding: 0.5rem 0.75rem;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
  }
  .waiting h3 {
    margin: 0 0 0.25rem;
    font-size: 0.95rem;
  }
  .waiting ul {
    list-style: none;
    margin: 0;
    padding: 0;
  }
  .waiting li {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.15rem 0;
  }
  .waiting bdi {
    flex: 1;
    overflow-wrap: anywhere;
  }
`;
