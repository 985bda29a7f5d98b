import { css } from 'lit';

/** The toolbar (and the header's buttons, which look the same) and the share panel below it. */
export const toolbarStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
    justify-content: center;
    align-items: center;
    padding: 0.5rem;
    background: var(--_stage-bar);
  }
  .toolbar button,
  header button {
    background: var(--_stage-control);
    color: var(--_stage-text);
  }
  .toolbar button[aria-pressed='true'] {
    background: var(--pex-toolbar-active, var(--_stage-text));
    color: var(--pex-toolbar-active-text, var(--_stage));
  }
  .toolbar button.danger {
    background: var(--_danger);
    color: var(--_danger-text);
  }
  .toolbar label {
    display: flex;
    align-items: center;
    gap: 0.35rem;
    color: var(--_stage-text);
  }
  /* The Speaker select keeps the panel's colours (tokens), not the toolbar label's white text. */
  .toolbar select {
    max-width: 12rem;
    color: var(--_text);
    background-color: var(--_surface);
  }
  .toolbar option {
    color: var(--_text);
    background-color: var(--_surface);
  }
  .share-panel {
    padding: 0.5rem;
    background: var(--_surface);
    color: var(--_text);
  }
  .share-panel[hidden] {
    display: none;
  }
`;
