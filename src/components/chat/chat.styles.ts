import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

/** The shell's styles: the panel, its header and the empty state (the rest is in chat-body.styles.ts). */
export const styles = [
  tokens,
  css`
    /* A column whose message list gives way: a page that limits the element's height (max-height)
       gets a shorter list, never a clipped message box or Send button. */
    :host {
      display: flex;
      flex-direction: column;
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
      flex: 1 1 auto;
      gap: 0.5rem;
      padding: 0.6rem;
      min-width: 0;
      min-height: 0;
    }
    header {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-width: 0;
    }
    h2 {
      margin: 0;
      font-size: 1rem;
      font-weight: 600;
      flex: 1;
      min-width: 0;
    }
    .toggle {
      padding: 0.25rem 0.6rem;
      flex: none;
    }
    .body {
      display: flex;
      flex-direction: column;
      flex: 1 1 auto;
      gap: 0.5rem;
      min-width: 0;
      min-height: 0;
    }
    .empty {
      margin: 0.25rem 0;
      color: var(--_muted-text);
    }
  `,
];
