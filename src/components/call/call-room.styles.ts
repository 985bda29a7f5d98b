import { css } from 'lit';

/** The in-call layout of `<pex-call>`, added to its shadow root when the in-call UI loads. */
export const roomStyles = css`
  .call {
    display: grid;
    grid-template-rows: auto 1fr auto;
    min-height: 24rem;
    height: 100%;
    background: var(--_stage);
    color: var(--_stage-text);
    border-radius: var(--_radius);
    overflow: hidden;
  }
  header {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    padding: 0.5rem 0.75rem;
    background: var(--_stage-bar);
  }
  header h2 {
    font-size: 1rem;
    flex: 1;
  }
  .badge {
    font-size: 0.8rem;
    padding: 0.1rem 0.45rem;
    border-radius: 999px;
    background: var(--_stage-control);
  }
  .stage {
    position: relative;
    display: grid;
    place-items: center;
    min-height: 14rem;
  }
  .stage video.main {
    width: 100%;
    height: 100%;
    max-height: 70vh;
    object-fit: contain;
    background: var(--_video);
  }
  .stage .placeholder {
    color: var(--_stage-muted);
    text-align: center;
    padding: 1rem;
  }
  .self {
    position: absolute;
    inset-inline-end: 0.75rem;
    bottom: 0.75rem;
    width: clamp(6rem, 22%, 14rem);
    aspect-ratio: 16 / 9;
    border: 2px solid var(--_stage-border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_video);
    object-fit: cover;
    transform: scaleX(-1);
  }
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
  .room-notice {
    margin: 0.25rem 0.75rem;
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
  dialog {
    border: none;
    border-radius: var(--_radius);
    padding: 1.25rem;
    color: var(--_text);
    background: var(--_surface);
    max-width: min(28rem, 92vw);
  }
  dialog::backdrop {
    background: var(--_backdrop);
  }
  dialog form {
    display: grid;
    gap: var(--_gap);
  }
  .empty {
    padding: 1.5rem;
    color: var(--_muted-text);
  }
  /* Presentation on the stage: one of presentation and meeting video is big, the other small. */
  .presentation {
    display: grid;
    place-items: center;
    background: var(--_video);
  }
  .presentation.big {
    width: 100%;
    height: 100%;
    min-height: 14rem;
    max-height: 70vh;
  }
  .presentation video,
  .presentation img {
    width: 100%;
    height: 100%;
    max-height: 70vh;
    object-fit: contain;
  }
  .presentation .placeholder {
    color: var(--_stage-muted);
    padding: 1rem;
    text-align: center;
  }
  .presentation.small,
  .stage video.main.small,
  .swap {
    position: absolute;
    inset-inline-start: 0.75rem;
    bottom: 0.75rem;
    width: clamp(6rem, 22%, 14rem);
    height: auto;
    min-height: 0;
    aspect-ratio: 16 / 9;
    border-radius: calc(var(--_radius) / 2);
  }
  .presentation.small,
  .stage video.main.small {
    z-index: 1;
    border: 2px solid var(--_stage-border);
    overflow: hidden;
    object-fit: cover;
  }
  .swap {
    z-index: 2;
    padding: 0;
    border: 2px solid transparent;
    background: transparent;
    cursor: pointer;
  }
  .swap:hover {
    border-color: var(--_stage-text);
  }
  .presentation-notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0.25rem 0.75rem;
    padding: 0.35rem 0.6rem;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_stage-notice);
    color: var(--_stage-text);
  }
  .presentation-notice button {
    background: var(--_stage-control);
    color: var(--_stage-text);
  }
  .share-panel {
    padding: 0.5rem;
    background: var(--_surface);
    color: var(--_text);
  }
  .share-panel[hidden] {
    display: none;
  }
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
