import { css } from 'lit';

/** The in-call chat's styles (the message log and the form), adopted after the element's own. */
export const bodyStyles = css`
  .unread {
    display: inline-block;
    margin-inline-start: 0.4rem;
    padding: 0 0.45rem;
    border-radius: 999px;
    background: var(--_accent);
    color: var(--_accent-text);
    font-size: 0.8rem;
    font-weight: 600;
  }
  .disabled {
    margin: 0.25rem 0;
    color: var(--_muted-text);
  }
  .log {
    height: var(--pex-chat-height, 20rem);
    flex: 0 1 auto;
    min-height: 4rem;
    overflow-y: auto;
    overflow-x: hidden;
    overscroll-behavior: contain;
    min-width: 0;
    border: 1px solid var(--_divider);
    border-radius: calc(var(--_radius) / 2);
    padding: 0.3rem;
  }
  .earlier {
    display: block;
    margin: 0.2rem auto 0.5rem;
    font-size: 0.85rem;
  }
  .message {
    display: grid;
    gap: 0.1rem;
    padding: 0.35rem 0.45rem;
    margin-bottom: 0.3rem;
    border-radius: calc(var(--_radius) / 2);
    background: var(--pex-chat-bubble, var(--_surface-2));
    min-width: 0;
    max-width: 100%;
  }
  .message.mine {
    background: var(--pex-chat-bubble-mine, var(--_tint-accent));
  }
  .message.failed {
    outline: 1px solid var(--_danger);
  }
  .head {
    display: flex;
    align-items: baseline;
    gap: 0.4rem;
    min-width: 0;
    font-size: 0.8rem;
    color: var(--_muted-text);
  }
  .sender {
    font-weight: 600;
    color: var(--_text);
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
    unicode-bidi: isolate;
  }
  time,
  .direct {
    flex: none;
  }
  time {
    unicode-bidi: plaintext;
  }
  .text {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
    word-break: break-word;
    unicode-bidi: plaintext;
    min-width: 0;
  }
  .text a {
    color: var(--_accent);
    overflow-wrap: anywhere;
  }
  .previews {
    display: grid;
    gap: 0.3rem;
    justify-items: start;
  }
  .preview-toggle {
    padding: 0.15rem 0.5rem;
    font-size: 0.8rem;
  }
  .preview img,
  .preview video {
    display: block;
    max-width: 100%;
    max-height: var(--pex-chat-preview-height, 12rem);
    border-radius: calc(var(--_radius) / 2);
  }
  .failed-note {
    display: flex;
    align-items: center;
    gap: 0.4rem;
    margin: 0.2rem 0 0;
    color: var(--_danger);
    font-size: 0.85rem;
  }
  .failed-note button {
    padding: 0.15rem 0.5rem;
    font-size: 0.85rem;
  }
  form {
    display: grid;
    grid-template-columns: minmax(0, 1fr) auto;
    gap: 0.4rem;
    align-items: end;
    min-width: 0;
  }
  textarea {
    font: inherit;
    color: inherit;
    width: 100%;
    min-width: 0;
    resize: vertical;
    min-height: 2.4rem;
    max-height: 10rem;
    padding: 0.4rem 0.55rem;
    border: 1px solid var(--_border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_surface);
  }
  .to,
  .left {
    grid-column: 1 / -1;
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.4rem;
    margin: 0;
    min-width: 0;
    font-size: 0.85rem;
  }
  .to button {
    padding: 0.1rem 0.5rem;
    font-size: 0.8rem;
  }
  .left {
    color: var(--_muted-text);
  }
  .to-name {
    overflow-wrap: anywhere;
  }
  .head .to-name {
    flex: 0 1 auto;
    min-width: 0;
    overflow: hidden;
    white-space: nowrap;
    text-overflow: ellipsis;
  }
  .hint {
    grid-column: 1 / -1;
    margin: 0;
    font-size: 0.75rem;
    color: var(--_muted-text);
  }
  .error {
    grid-column: 1 / -1;
    margin: 0;
    overflow-wrap: anywhere;
  }
`;
