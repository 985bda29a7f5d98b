import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';
import { panelStyles } from '../shared/call-panel.js';

/** The shell's styles: the panel's frame (shared with the roster) and this panel's own (the rest is in chat-body.styles.ts). */
export const styles = [
  tokens,
  panelStyles,
  css`
    /* A column whose message list gives way: a page that limits the element's height (max-height)
       gets a shorter list, never a clipped message box or Send button. */
    :host {
      display: flex;
      flex-direction: column;
    }
    .base,
    .body {
      flex: 1 1 auto;
      min-height: 0;
    }
    h2 {
      flex: 1;
      min-width: 0;
    }
  `,
];
