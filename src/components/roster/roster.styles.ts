import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';
import { panelStyles } from '../shared/call-panel.js';

/** The shell's styles: the panel's frame (shared with the chat) and this panel's own (the rest comes with the body). */
export const styles = [
  tokens,
  panelStyles,
  css`
    :host {
      display: block;
    }
    header {
      justify-content: space-between;
    }
    /* The announcement's look comes with the body (it is empty until then). */
    .notice:empty {
      display: none;
    }
  `,
];
