import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { ChatMessage } from '../../services/types.js';
import { linkify, type LinkPart, type Part } from './linkify.js';

/** What a message's buttons do, and which previews are open (`<message id>:<n>`). */
export interface MessageView {
  isOpen(key: string): boolean;
  togglePreview(key: string): void;
  retry(m: ChatMessage): void;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function timeFormat(): Intl.DateTimeFormat {
  const lang = document.documentElement.lang || navigator.language || 'en';
  let f = formatters.get(lang);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
    } catch {
      f = new Intl.DateTimeFormat('en', { hour: '2-digit', minute: '2-digit' });
    }
    formatters.set(lang, f);
  }
  return f;
}

/** A name inside a sentence, isolated so right-to-left names do not reorder the words around it. */
export const isolate = (name: string): string => `\u2068${name}\u2069`;

/** The marker where messages may be missing (signalling to the node was lost for a while). */
export const gapText = (): string => msg('Messages sent while you were reconnecting may be missing');

/** Parsed message text, kept per message object (messages are immutable). */
const parsed = new WeakMap<ChatMessage, Part[]>();
function partsOf(m: ChatMessage): Part[] {
  let p = parsed.get(m);
  if (!p) {
    p = linkify(m.text);
    parsed.set(m, p);
  }
  return p;
}

function renderText(parts: Part[]): TemplateResult {
  return html`${parts.map((p) =>
    typeof p === 'string'
      ? p
      : html`<a part="link" href=${p.href} target="_blank" rel="noopener noreferrer">${p.text}</a>`,
  )}`;
}

/** The preview buttons of a message's image and video links (at most 4), and the previews opened. */
function renderPreviews(m: ChatMessage, parts: Part[], v: MessageView): TemplateResult | typeof nothing {
  const media = parts.filter((p): p is LinkPart => typeof p !== 'string' && p.media !== undefined);
  if (media.length === 0) return nothing;
  return html`<div class="previews">
    ${media.slice(0, 4).map((p, i) => {
      const key = `${m.id}:${i}`;
      const open = v.isOpen(key);
      const label =
        p.media === 'image'
          ? open
            ? msg(str`Hide image from ${p.host}`)
            : msg(str`Show image from ${p.host}`)
          : open
            ? msg(str`Hide video from ${p.host}`)
            : msg(str`Show video from ${p.host}`);
      return html`<button
          type="button"
          class="preview-toggle"
          part="preview-toggle"
          aria-expanded=${open ? 'true' : 'false'}
          @click=${() => v.togglePreview(key)}
        >
          ${label}
        </button>
        ${
          open
            ? html`<div class="preview" part="preview">
                ${
                  p.media === 'image'
                    ? html`<img
                        src=${p.href}
                        alt=${msg(str`Image from ${p.host}`)}
                        referrerpolicy="no-referrer"
                        loading="lazy"
                      />`
                    : html`<video
                        src=${p.href}
                        controls
                        preload="metadata"
                        aria-label=${msg(str`Video from ${p.host}`)}
                      ></video>`
                }
              </div>`
            : nothing
        }`;
    })}
  </div>`;
}

/**
 * One message: sender, whether it is private, time, text with its links, previews on request, and
 * Retry when it was not sent; or the marker where messages may be missing.
 */
export function renderMessage(m: ChatMessage, v: MessageView): TemplateResult {
  if (m.gap) {
    return html`<p class="gap" part="gap" role="listitem" data-id=${m.id}>${gapText()}</p>`;
  }
  const parts = partsOf(m);
  const at = new Date(m.at);
  const valid = Number.isFinite(at.getTime());
  return html`<div
    class="message ${m.isMine ? 'mine' : ''} ${m.failed ? 'failed' : ''}"
    part="message"
    role="listitem"
    data-id=${m.id}
  >
    <div class="head">
      <bdi class="sender" part="sender" title=${m.senderName}>${m.senderName}</bdi>
      ${m.isMine ? html`<span class="direct">${msg('(you)')}</span>` : nothing}
      ${
        m.direct
          ? m.isMine && m.toName !== undefined
            ? html`<span class="direct to-name" title=${m.toName}
                >${msg(str`(privately to ${isolate(m.toName)})`)}</span
              >`
            : html`<span class="direct">${msg('(private)')}</span>`
          : nothing
      }
      ${
        valid
          ? html`<time part="time" datetime=${at.toISOString()}>${timeFormat().format(at)}</time>`
          : nothing
      }
    </div>
    <p class="text" part="text" dir="auto">${renderText(parts)}</p>
    ${renderPreviews(m, parts, v)}
    ${
      m.failed
        ? html`<p class="failed-note" part="failed">
            <span>${msg('Not sent.')}</span>
            <button type="button" @click=${() => v.retry(m)}>${msg('Retry')}</button>
          </p>`
        : nothing
    }
  </div>`;
}
