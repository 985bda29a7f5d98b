import { css } from 'lit';

/** The in-call roster's styles (search, list, rows, details, transfer dialog), adopted with the body. */
export const bodyStyles = css`
  .notice {
    margin: 0;
    padding: 0.4rem 0.6rem;
    border-radius: calc(var(--_radius) / 2);
    background: var(--pex-roster-notice-background, var(--_notice));
    color: var(--_text);
    overflow-wrap: anywhere;
  }
  input[type='search'] {
    width: 100%;
    min-width: 0;
  }
  .list {
    max-height: var(--pex-roster-max-height, 24rem);
    min-height: 0;
    overflow: auto;
    overscroll-behavior: contain;
    scrollbar-gutter: stable;
  }
  /* No fixed height: a row is as tall as its text (at least the row height), and the windowing
       measures the rows it renders, so a larger font or line height never clips a row. */
  .row {
    width: 100%;
    min-height: var(--pex-roster-row-height, 3.75rem);
    overflow: hidden;
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    align-items: center;
    column-gap: 0.4rem;
    padding: 0.3rem 0.2rem;
    border-bottom: 1px solid var(--_rule);
    min-width: 0;
  }
  .row.selected {
    background: var(--_surface-2);
  }
  .who {
    display: grid;
    gap: 0.15rem;
    min-width: 0;
  }
  .name-button {
    display: flex;
    align-items: center;
    gap: 0.35rem;
    min-width: 0;
    max-width: 100%;
    padding: 0.1rem 0.25rem;
    background: none;
    border-color: transparent;
    text-align: start;
  }
  .name {
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    unicode-bidi: isolate;
    font-weight: 500;
  }
  .you {
    flex: none;
    color: var(--_muted-text);
  }
  .meta {
    display: flex;
    flex-wrap: nowrap;
    align-items: center;
    gap: 0.3rem;
    min-width: 0;
    overflow: hidden;
    padding-inline-start: 0.25rem;
    font-size: 0.8rem;
    color: var(--_muted-text);
  }
  .role {
    flex: none;
  }
  .badge {
    flex: none;
    display: inline-flex;
    align-items: center;
    gap: 0.2rem;
    padding: 0 0.35rem;
    border-radius: 999px;
    background: var(--_surface-2);
    color: var(--_text);
    white-space: nowrap;
  }
  .badge::before {
    content: '';
    width: 0.45rem;
    height: 0.45rem;
    border-radius: 50%;
    background: currentColor;
    opacity: 0.6;
  }
  .badge[data-badge='waiting'] {
    background: var(--pex-roster-waiting, var(--_tint-danger));
    color: var(--_danger);
  }
  .badge[data-badge='calling'] {
    background: var(--pex-roster-calling, var(--_tint-accent));
  }
  .badge[data-badge='speaking'] {
    background: var(--pex-roster-speaking, var(--_tint-success));
    color: var(--_success);
  }
  .status {
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    unicode-bidi: isolate;
    color: var(--_danger);
  }
  .actions {
    display: flex;
    gap: 0.25rem;
    flex: none;
  }
  .actions button {
    padding: 0.25rem 0.5rem;
    font-size: 0.85rem;
  }
  button.admit {
    background: var(--_success);
    color: var(--_success-text);
  }
  .details {
    position: relative;
    display: grid;
    gap: 0.5rem;
    padding: 0.6rem;
    border: 1px solid var(--_rule);
    border-radius: var(--_radius);
    min-width: 0;
  }
  .details h3 {
    margin: 0;
    font-size: 1rem;
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .details p {
    margin: 0;
    overflow-wrap: anywhere;
  }
  .details .buttons {
    display: flex;
    flex-wrap: wrap;
    gap: 0.4rem;
  }
  fieldset {
    border: 1px solid var(--_rule);
    border-radius: calc(var(--_radius) / 2);
    margin: 0;
    padding: 0.3rem 0.6rem 0.5rem;
    display: flex;
    flex-wrap: wrap;
    gap: 0.75rem;
  }
  legend {
    font-size: 0.85rem;
  }
  label.inline {
    display: inline-flex;
    align-items: center;
    gap: 0.35rem;
  }
  dialog {
    border: none;
    border-radius: var(--_radius);
    background: var(--_surface);
    color: var(--_text);
    box-shadow: var(--_shadow);
    max-width: min(26rem, 95vw);
  }
  dialog form {
    display: grid;
    gap: 0.6rem;
  }
  dialog h3 {
    margin: 0;
    font-size: 1rem;
    overflow-wrap: anywhere;
  }
  .dialog-buttons {
    display: flex;
    justify-content: flex-end;
    gap: 0.4rem;
  }
  .error {
    margin: 0;
    overflow-wrap: anywhere;
  }
`;
