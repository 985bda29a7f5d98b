import { css } from 'lit';
import { tokens } from '../../styles/tokens.js';

export const styles = [
  tokens,
  css`
    :host {
      display: block;
      min-width: 0;
      max-width: 100%;
      background: var(--_surface);
      border-radius: var(--_radius);
    }
    :host([hidden]) {
      display: none;
    }
    [hidden] {
      display: none !important;
    }
    /* Nothing in the panel may widen the page: long file names and words wrap anywhere, and the
       slide preview and thumbnail strip take the panel's width instead of giving it theirs. */
    .base {
      display: flex;
      flex-direction: column;
      gap: 0.6rem;
      padding: 0.6rem;
      min-width: 0;
      overflow-wrap: anywhere;
    }
    button,
    select {
      max-width: 100%;
      min-width: 0;
    }
    header {
      display: flex;
      align-items: center;
      gap: 0.5rem;
    }
    h2 {
      margin: 0;
      font-size: 1rem;
      font-weight: 600;
    }
    h3 {
      margin: 0;
      font-size: 0.95rem;
      font-weight: 600;
    }
    p {
      margin: 0;
    }
    .empty,
    .hint {
      color: var(--_muted-text);
      font-size: 0.9rem;
    }
    .status {
      font-weight: 500;
    }
    .notice {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
      margin: 0;
      padding: 0.4rem 0.6rem;
      border-radius: calc(var(--_radius) / 2);
      background: var(--pex-share-notice-background, var(--_notice));
      overflow-wrap: anywhere;
    }
    .screen,
    .row,
    .controls {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.5rem;
    }
    .screen label {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 0.4rem;
      min-width: 0;
      max-width: 100%;
    }
    /* A select is as wide as its longest option unless told otherwise. */
    .screen select {
      flex: 1 1 auto;
      width: 12rem;
    }
    .slides {
      display: flex;
      flex-direction: column;
      gap: 0.5rem;
      padding: 0.6rem;
      border: 2px dashed var(--_border);
      border-radius: var(--_radius);
      background: var(--_surface-2);
      min-width: 0;
    }
    .row button,
    .file-errors button,
    .controls button:not(.primary):not(.danger) {
      background: var(--_surface);
      border-color: var(--_divider);
    }
    .slides.dragging {
      background: var(--pex-share-drop-highlight, var(--_tint-accent));
      border-color: var(--_accent);
    }
    .progress label {
      display: grid;
      gap: 0.2rem;
    }
    progress {
      width: 100%;
    }
    .file-errors {
      display: flex;
      align-items: flex-start;
      gap: 0.5rem;
      color: var(--_danger);
    }
    .file-errors ul {
      margin: 0;
      padding-inline-start: 1.1rem;
      flex: 1;
      overflow-wrap: anywhere;
    }
    .file-errors li.info {
      color: var(--_text);
    }
    .preview {
      background: var(--_video);
      border-radius: calc(var(--_radius) / 2);
      overflow: hidden;
      line-height: 0;
      min-width: 0;
      contain: inline-size;
    }
    .preview canvas {
      display: block;
      width: 100%;
      max-width: 100%;
      height: auto;
      aspect-ratio: 16 / 9;
      object-fit: contain;
    }
    .strip {
      display: flex;
      gap: 0.4rem;
      margin: 0;
      padding: 0.2rem;
      list-style: none;
      overflow-x: auto;
      min-width: 0;
      contain: inline-size;
    }
    .strip li {
      flex: none;
    }
    .strip button {
      display: grid;
      place-items: center;
      width: var(--pex-share-thumbnail-width, 7.5rem);
      aspect-ratio: 16 / 9;
      padding: 0;
      border: 2px solid transparent;
      background: var(--_surface);
      overflow: hidden;
    }
    .strip button[aria-current='true'] {
      border-color: var(--_accent);
      box-shadow: 0 0 0 1px var(--_accent);
    }
    .strip button.failed {
      border-color: var(--_danger);
    }
    .strip img {
      max-width: 100%;
      max-height: 100%;
      object-fit: contain;
    }
    .pending {
      color: var(--_muted-text);
    }
    .position {
      min-width: 7rem;
      text-align: center;
    }
  `,
];
