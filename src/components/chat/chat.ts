import { localized, msg, str } from '@lit/localize';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { property, query, state } from 'lit/decorators.js';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { CallController } from '../../controllers/call-controller.js';
import { StoreController } from '../../controllers/store-controller.js';
import { PexChatSendEvent, PexErrorEvent, PexToggleEvent } from '../../events/events.js';
import type { CallService } from '../../services/call-service.js';
import { CallError } from '../../services/errors.js';
import type { ChatMessage, ChatState, ConferenceState } from '../../services/types.js';
import { styles } from './chat.styles.js';
import { linkify, type LinkPart, type Part } from './linkify.js';

/** The node refuses chat payloads over 64 KiB. */
export const MAX_MESSAGE_BYTES = 64 * 1024;
/** Messages rendered at a time; "Show earlier messages" adds this many more. */
const PAGE = 100;

const encoder = new TextEncoder();
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
const isolate = (name: string): string => `\u2068${name}\u2069`;

/** The marker where messages may be missing (signalling to the node was lost for a while). */
const gapText = (): string => msg('Messages sent while you were reconnecting may be missing');

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

/**
 * The conference chat: messages with sender and time, and a box to write in (Enter sends,
 * Shift+Enter starts a new line). Text is always shown as text; only `http:`/`https:` links are
 * clickable (they open in a new tab); an image or video link gets a preview that loads only when the
 * reader asks for it. A message that could not be sent stays, marked, with a Retry button. When the
 * meeting has chat turned off, it says so instead of offering a box.
 *
 * A message goes to everyone, or privately to one participant chosen with "Message privately" in a
 * `<pex-roster>` of the same call (or `CallService.setChatRecipient`). The recipient is shown above
 * the box ("To: Everyone", "To: Bob (privately)") with a button back to everyone; if that person
 * leaves, the chat says so and the draft, kept as typed, goes to everyone. Sent private messages name
 * their recipient; received ones are marked private.
 *
 * It follows the call of the enclosing `<pex-call>`, or the one named by `call="<id>"`, or the
 * `service` property; without a call it says "Not in a call". Only the latest messages are in the
 * DOM ("Show earlier messages" brings back more), so long chats stay smooth.
 *
 * @tagname pex-chat
 * @summary Conference chat with safe links and previews on request.
 *
 * @event pex-chat-send - About to send a message; cancelable (`PexChatSendEvent`: `text`).
 * @event pex-toggle - The chat was collapsed or expanded (`PexToggleEvent`: `open`).
 * @event pex-error - Sending failed (`PexErrorEvent`: localised `error.message`).
 *
 * @slot heading - Replaces the "Chat" title.
 * @slot empty - Replaces the "Not in a call" text.
 *
 * @csspart base - The whole panel.
 * @csspart header - Title bar with the unread count and the collapse button.
 * @csspart unread - The unread count (shown while collapsed).
 * @csspart toggle - The collapse/expand button.
 * @csspart body - Everything below the header (hidden when collapsed).
 * @csspart log - The scrolling list of messages.
 * @csspart earlier - The "Show earlier messages" button.
 * @csspart message - One message.
 * @csspart gap - "Messages sent while you were reconnecting may be missing", where the connection to
 *   the meeting was lost and restored.
 * @csspart sender - The sender's name.
 * @csspart time - The time a message was sent.
 * @csspart text - The message text.
 * @csspart link - A link in a message.
 * @csspart preview-toggle - The button that shows an image or video preview.
 * @csspart preview - An opened image or video preview.
 * @csspart failed - The "Not sent" note with its Retry button.
 * @csspart form - The message form.
 * @csspart recipient - The "To: …" line above the box.
 * @csspart to-everyone - The "Send to everyone" button (while a private recipient is chosen).
 * @csspart recipient-left - The note that the private recipient left the call.
 * @csspart input - The message box.
 * @csspart send - The Send button.
 * @csspart error - Why the last send failed, or that the message is too long.
 * @csspart disabled - The "chat is turned off" notice.
 * @csspart empty - The empty state.
 *
 * @cssproperty [--pex-chat-height=20rem] - Height of the message list (it gives way when the page limits the element's height: the message box and Send stay in view).
 * @cssproperty [--pex-chat-bubble=var(--pex-surface-2)] - Background of others' messages.
 * @cssproperty [--pex-chat-bubble-mine=#e3ecfb] - Background of your own messages.
 * @cssproperty [--pex-chat-preview-height=12rem] - Largest height of an image or video preview.
 * @cssproperty [--pex-accent=#0a5cd5] - Links and the unread count.
 * @cssproperty [--pex-surface=#fff] - Panel background.
 * @cssproperty [--pex-text=#1b1f24] - Text colour.
 * @cssproperty [--pex-muted-text=#555d66] - Times and hints.
 * @cssproperty [--pex-danger=#c4291c] - Failed messages and errors.
 * @cssproperty [--pex-radius=8px] - Corner radius.
 * @cssproperty [--pex-font-family=system-ui] - Font.
 * @cssproperty [--pex-font-size=1rem] - Text size (the element does not take the page's).
 * @cssproperty [--pex-line-height=1.5] - Line height (the element does not take the page's).
 * @cssproperty [--pex-color-scheme=light] - `color-scheme` of the element's form controls and scroll bars (`dark` with dark surfaces).
 */
@localized()
export class PexChat extends LitElement {
  static override styles = styles;

  /** The id of the `<pex-call>` to follow (when the chat is not inside it). */
  @property() call = '';
  /** A call service to show directly (stories, custom pages); wins over `call` and the context. */
  @property({ attribute: false }) service: CallService | undefined;
  /** The chat is collapsed to its title bar. */
  @property({ type: Boolean, reflect: true }) collapsed = false;

  /** Messages that arrived while collapsed. */
  @state() private unread = 0;
  @state() private announcement = '';
  @state() private error = '';
  @state() private tooLong = false;
  @state() private shown = PAGE;
  @state() private opened = new Set<string>();

  @query('.log') private logEl?: HTMLElement;
  @query('textarea') private input?: HTMLTextAreaElement;

  readonly #chat = new StoreController<ChatState>(this);
  readonly #conference = new StoreController<ConferenceState>(this);
  readonly #call = new CallController(this, () => this.#bind(), 'chat');
  #lastMessages: readonly ChatMessage[] | undefined;
  /** The private recipient last rendered, so a new choice (from a roster) brings the box into focus. */
  #lastTo: string | undefined;
  #focusBox = false;
  /** The reader is at the bottom of the list: new messages scroll into view. */
  #stick = true;
  #restoreFromBottom: number | undefined;

  /** The call service in use: the `service` property, else `call="…"`, else the enclosing call. */
  get callService(): CallService | undefined {
    return this.service ?? this.#call.service;
  }

  #bind(): void {
    const s = this.callService;
    this.#chat.store = s?.chat;
    this.#conference.store = s?.conference;
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('call')) this.#call.callId = this.call || null;
    if (changed.has('service')) this.#bind();
    const messages = this.#chat.value?.messages;
    if (messages !== this.#lastMessages) this.#onMessages(messages ?? []);
    const to = this.#chat.value?.to?.uuid;
    if (to !== this.#lastTo) {
      this.#lastTo = to;
      // Chosen elsewhere (the roster): open the chat and put the cursor in the box.
      if (to !== undefined) {
        if (this.collapsed) this.#toggleCollapsed();
        this.#focusBox = true;
      }
    }
  }

  #onMessages(messages: readonly ChatMessage[]): void {
    const prev = this.#lastMessages;
    this.#lastMessages = messages;
    if (!prev || prev.length === 0) {
      if (messages.length === 0) this.unread = 0;
      if (!prev) return;
    }
    const lastId = prev.at(-1)?.id;
    let start = 0;
    if (lastId !== undefined) {
      start = messages.length;
      for (let i = messages.length - 1; i >= 0; i--) {
        if (messages[i]!.id === lastId) {
          start = i + 1;
          break;
        }
      }
    }
    const fresh = messages.slice(start);
    if (fresh.length === 0) return;
    const incoming = fresh.filter((m) => !m.isMine && !m.gap);
    if (fresh.some((m) => m.isMine)) this.#stick = true;
    if (!this.#stick) this.shown += fresh.length;
    if (incoming.length > 0) {
      if (this.collapsed) this.unread += incoming.length;
      const m = incoming.at(-1)!;
      const text = m.text.length > 200 ? `${m.text.slice(0, 200)}…` : m.text;
      this.announcement = msg(str`${m.senderName}: ${text}`);
    }
    if (fresh.some((m) => m.gap)) this.announcement = gapText();
  }

  // ---------------------------------------------------------------------------------------------
  // Sending

  #onInput(): void {
    const value = this.input?.value ?? '';
    const tooLong =
      value.length > MAX_MESSAGE_BYTES / 4 && encoder.encode(value.trim()).length > MAX_MESSAGE_BYTES;
    if (tooLong !== this.tooLong) this.tooLong = tooLong;
    if (this.error && !tooLong) this.error = '';
  }

  #onKeyDown(e: KeyboardEvent): void {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    void this.send();
  }

  /** Sends what is in the box (as pressing Enter would). */
  async send(): Promise<void> {
    const s = this.callService;
    const input = this.input;
    if (!s || !input) return;
    const text = input.value;
    if (!text.trim()) return;
    if (encoder.encode(text.trim()).length > MAX_MESSAGE_BYTES) {
      this.tooLong = true;
      return;
    }
    if (!this.dispatchEvent(new PexChatSendEvent(text))) return;
    input.value = '';
    this.tooLong = false;
    this.error = '';
    this.#stick = true;
    const before = s.chat.get().messages.at(-1);
    try {
      await s.sendChat(text, s.chat.get().to?.uuid);
    } catch (e) {
      const error = e instanceof CallError ? e : new CallError('unknown', String(e));
      // Refused before it was listed (no call, chat off): give the text back.
      if (s.chat.get().messages.at(-1) === before && !input.value) input.value = text;
      this.error = msg(str`Your message was not sent: ${error.message}`);
      this.dispatchEvent(new PexErrorEvent(error));
    }
  }

  async #retry(m: ChatMessage): Promise<void> {
    const s = this.callService;
    if (!s) return;
    this.error = '';
    try {
      await s.retryChat(m.id);
    } catch (e) {
      const error = e instanceof CallError ? e : new CallError('unknown', String(e));
      this.error = msg(str`Your message was not sent: ${error.message}`);
      this.dispatchEvent(new PexErrorEvent(error));
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Scrolling, collapsing

  #onScroll(): void {
    const log = this.logEl;
    if (!log) return;
    this.#stick = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
  }

  #showEarlier(): void {
    const log = this.logEl;
    if (log) this.#restoreFromBottom = log.scrollHeight - log.scrollTop;
    this.shown += PAGE;
  }

  #toggleCollapsed(): void {
    this.collapsed = !this.collapsed;
    if (!this.collapsed) {
      this.unread = 0;
      this.#stick = true;
    }
    this.dispatchEvent(new PexToggleEvent(!this.collapsed));
  }

  protected override updated(): void {
    if (this.#focusBox && this.input) {
      this.#focusBox = false;
      this.input.focus();
    }
    const log = this.logEl;
    if (!log) return;
    if (this.#restoreFromBottom !== undefined) {
      log.scrollTop = log.scrollHeight - this.#restoreFromBottom;
      this.#restoreFromBottom = undefined;
    } else if (this.#stick) {
      log.scrollTop = log.scrollHeight;
    }
  }

  #togglePreview(key: string): void {
    const next = new Set(this.opened);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    this.opened = next;
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  #renderText(parts: Part[]): TemplateResult {
    return html`${parts.map((p) =>
      typeof p === 'string'
        ? p
        : html`<a part="link" href=${p.href} target="_blank" rel="noopener noreferrer">${p.text}</a>`,
    )}`;
  }

  #renderPreviews(m: ChatMessage, parts: Part[]): TemplateResult | typeof nothing {
    const media = parts.filter((p): p is LinkPart => typeof p !== 'string' && p.media !== undefined);
    if (media.length === 0) return nothing;
    return html`<div class="previews">
      ${media.slice(0, 4).map((p, i) => {
        const key = `${m.id}:${i}`;
        const open = this.opened.has(key);
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
            @click=${() => this.#togglePreview(key)}
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

  #renderMessage(m: ChatMessage): TemplateResult {
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
      <p class="text" part="text" dir="auto">${this.#renderText(parts)}</p>
      ${this.#renderPreviews(m, parts)}
      ${
        m.failed
          ? html`<p class="failed-note" part="failed">
              <span>${msg('Not sent.')}</span>
              <button type="button" @click=${() => this.#retry(m)}>${msg('Retry')}</button>
            </p>`
          : nothing
      }
    </div>`;
  }

  #renderLog(messages: readonly ChatMessage[]): TemplateResult {
    const shown = Math.min(messages.length, Math.max(PAGE, this.shown));
    const hidden = messages.length - shown;
    const slice = messages.slice(hidden);
    const locale = msg('Not sent.');
    return html`<div
      class="log"
      part="log"
      role="region"
      aria-label=${msg('Messages')}
      tabindex="0"
      @scroll=${this.#onScroll}
    >
      ${
        hidden > 0
          ? html`<button type="button" class="earlier" part="earlier" @click=${this.#showEarlier}>
              ${msg(str`Show earlier messages (${hidden})`)}
            </button>`
          : nothing
      }
      ${messages.length === 0 ? html`<p class="empty">${msg('No messages yet.')}</p>` : nothing}
      <div role="list" aria-label=${msg('Chat messages')}>
        ${repeat(
          slice,
          (m) => m.id,
          // A message re-renders only when it, the open previews or the language change.
          (m) => guard([m, this.opened, locale], () => this.#renderMessage(m)),
        )}
      </div>
    </div>`;
  }

  #renderRecipient(): TemplateResult {
    const { to, recipientLeft } = this.#chat.value ?? {};
    return html`<p id="to" class="to" part="recipient">
        ${
          to
            ? html`<span class="to-name">${msg(str`To: ${isolate(to.name)} (privately)`)}</span>
                <button
                  type="button"
                  part="to-everyone"
                  @click=${() => {
                    this.callService?.setChatRecipient(undefined);
                    this.input?.focus();
                  }}
                >
                  ${msg('Send to everyone')}
                </button>`
            : html`<span>${msg('To: Everyone')}</span>`
        }
      </p>
      ${
        recipientLeft !== undefined
          ? html`<p class="left" part="recipient-left" role="status">
              ${msg(str`${isolate(recipientLeft)} left the call, so your message will go to everyone.`)}
            </p>`
          : nothing
      }`;
  }

  #renderForm(): TemplateResult {
    return html`<form
      part="form"
      @submit=${(e: SubmitEvent) => {
        e.preventDefault();
        void this.send();
      }}
    >
      ${this.#renderRecipient()}
      <textarea
        part="input"
        rows="2"
        aria-label=${msg('Message')}
        placeholder=${msg('Write a message')}
        aria-describedby="to hint"
        aria-invalid=${this.tooLong ? 'true' : 'false'}
        @input=${this.#onInput}
        @keydown=${this.#onKeyDown}
      ></textarea>
      <button type="submit" class="primary" part="send" ?disabled=${this.tooLong}>${msg('Send')}</button>
      <p id="hint" class="hint">${msg('Enter sends, Shift+Enter starts a new line.')}</p>
      ${
        this.tooLong
          ? html`<p class="error" part="error" role="alert">
              ${msg('This message is too long to send (the limit is 64 KB). Shorten it or split it up.')}
            </p>`
          : this.error
            ? html`<p class="error" part="error" role="alert">${this.error}</p>`
            : nothing
      }
    </form>`;
  }

  #renderBody(): TemplateResult {
    const s = this.callService;
    const conference = this.#conference.value;
    const messages = this.#chat.value?.messages ?? [];
    const inCall = conference?.phase === 'in-call';
    if (!s || (!inCall && messages.length === 0)) {
      return html`<p class="empty" part="empty"><slot name="empty">${msg('Not in a call')}</slot></p>`;
    }
    if (inCall && conference?.chatEnabled === false) {
      return html`<p class="disabled" part="disabled">${msg('Chat is turned off for this meeting.')}</p>`;
    }
    return html`${this.#renderLog(messages)} ${inCall ? this.#renderForm() : nothing}`;
  }

  protected override render(): TemplateResult {
    const unread = this.collapsed && this.unread > 0;
    return html`<section class="base" part="base" aria-labelledby="title">
      <header part="header">
        <h2 id="title">
          <slot name="heading">${msg('Chat')}</slot>${
            unread
              ? html`<span class="unread" part="unread">${msg(str`${this.unread} unread`)}</span>`
              : nothing
          }
        </h2>
        <button
          type="button"
          class="toggle"
          part="toggle"
          aria-expanded=${this.collapsed ? 'false' : 'true'}
          aria-controls="body"
          @click=${this.#toggleCollapsed}
        >
          ${this.collapsed ? msg('Show chat') : msg('Hide chat')}
        </button>
      </header>
      <div class="visually-hidden" aria-live="polite">${this.announcement}</div>
      <div id="body" class="body" part="body" ?hidden=${this.collapsed}>${this.#renderBody()}</div>
    </section>`;
  }
}
