import { css } from 'lit';
import { hostMenuStyles } from './call-room-host-menu.styles.js';
import { panelsStyles } from './call-room-panels.styles.js';
import { stageStyles } from './call-room-stage.styles.js';
import { statsStyles } from './call-room-stats.styles.js';
import { toolbarStyles } from './call-room-toolbar.styles.js';

/** The in-call layout of `<pex-call>` (section, header, notices, dialogs). */
const layoutStyles = css`
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
  .room-notice {
    margin: 0.25rem 0.75rem;
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
`;

/**
 * The in-call styles of `<pex-call>`, added to its shadow root when the in-call UI loads: the layout,
 * then each part's own (next to the part: call-room-*.styles.ts).
 */
export const roomStyles = css`
  ${layoutStyles} ${stageStyles} ${toolbarStyles} ${hostMenuStyles} ${statsStyles} ${panelsStyles}
`;
