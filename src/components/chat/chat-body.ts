import { msg, str } from '@lit/localize';
import { html, nothing, type ReactiveController, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import type { ElementBody } from '../../controllers/lazy-body.js';
import { PexToggleEvent } from '../../events/events.js';
import type { ChatMessage } from '../../services/types.js';
import { MAX_MESSAGE_BYTES, type PexChat } from './chat.js';
import { gapText, isolate, renderMessage, type MessageView } from './chat-message.js';

export { bodyStyles } from './chat-body.styles.js';

/** Messages rendered at a time; "Show earlier messages" adds this many more. */
const PAGE = 100;

const encoder = new TextEncoder();
/**
 * The in-call part of `<pex-chat>`: the message log (links, previews, Retry), the recipient line and
 * the message box, with the unread count and the announcements the element shows. `<pex-chat>` loads
 * this module with `import()` when its call starts (or when there are messages to show), so a page
 * that only shows "Not in a call" does not download it. The body renders into the element's shadow
 * root (same parts) and keeps its own UI state, re-rendering the element when that state changes.
 */
export class ChatBody implements ElementBody, ReactiveController {
  readonly #host: PexChat;

  /** Messages that arrived while collapsed. */
  #unread = 0;
  #announcement = '';
  #error = '';
  #tooLong = false;
  #shown = PAGE;
  #opened = new Set<string>();

  #lastMessages: readonly ChatMessage[] | undefined;
  /** The private recipient last rendered, so a new choice (from a roster) brings the box into focus. */
  #lastTo: string | undefined;
  #focusBox = false;
  /** The reader is at the bottom of the list: new messages scroll into view. */
  #stick = true;
  #restoreFromBottom: number | undefined;
  #wasCollapsed: boolean;

  constructor(host: PexChat) {
    this.#host = host;
    this.#wasCollapsed = host.collapsed;
    host.addController(this);
  }

  /** Messages that arrived while collapsed (the element shows the count in its header). */
  get unread(): number {
    return this.#unread;
  }

  /** The latest polite announcement (a new message, the reconnect gap). */
  get announcement(): string {
    return this.#announcement;
  }

  #set(change: () => void): void {
    change();
    this.#host.requestUpdate();
  }

  get #log(): HTMLElement | null {
    return this.#host.renderRoot.querySelector<HTMLElement>('.log');
  }

  get #input(): HTMLTextAreaElement | null {
    return this.#host.renderRoot.querySelector('textarea');
  }

  hostConnected(): void {}

  hostUpdate(): void {
    const host = this.#host;
    const chat = host.callService?.chat.get();
    // Expanded (by the toggle, or from outside): nothing unread any more, and back to the newest.
    if (this.#wasCollapsed && !host.collapsed) {
      this.#unread = 0;
      this.#stick = true;
    }
    this.#wasCollapsed = host.collapsed;
    const messages = chat?.messages;
    if (messages !== this.#lastMessages) this.#onMessages(messages ?? []);
    const to = chat?.to?.uuid;
    if (to !== this.#lastTo) {
      this.#lastTo = to;
      // Chosen elsewhere (the roster): open the chat and put the cursor in the box.
      if (to !== undefined) {
        if (host.collapsed) {
          host.collapsed = false;
          this.#wasCollapsed = false;
          this.#unread = 0;
          this.#stick = true;
          host.dispatchEvent(new PexToggleEvent(true));
        }
        this.#focusBox = true;
      }
    }
  }

  hostUpdated(): void {
    const input = this.#input;
    if (this.#focusBox && input) {
      this.#focusBox = false;
      input.focus();
    }
    const log = this.#log;
    if (!log) return;
    if (this.#restoreFromBottom !== undefined) {
      log.scrollTop = log.scrollHeight - this.#restoreFromBottom;
      this.#restoreFromBottom = undefined;
    } else if (this.#stick) {
      log.scrollTop = log.scrollHeight;
    }
  }

  #onMessages(messages: readonly ChatMessage[]): void {
    const prev = this.#lastMessages;
    this.#lastMessages = messages;
    if (!prev || prev.length === 0) {
      if (messages.length === 0) this.#unread = 0;
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
    if (!this.#stick) this.#shown += fresh.length;
    if (incoming.length > 0) {
      if (this.#host.collapsed) this.#unread += incoming.length;
      const m = incoming.at(-1)!;
      const text = m.text.length > 200 ? `${m.text.slice(0, 200)}…` : m.text;
      this.#announcement = msg(str`${m.senderName}: ${text}`);
    }
    if (fresh.some((m) => m.gap)) this.#announcement = gapText();
  }

  // ---------------------------------------------------------------------------------------------
  // Sending

  #onInput = (): void => {
    const value = this.#input?.value ?? '';
    const tooLong =
      value.length > MAX_MESSAGE_BYTES / 4 && encoder.encode(value.trim()).length > MAX_MESSAGE_BYTES;
    if (tooLong !== this.#tooLong || (this.#error && !tooLong)) {
      this.#set(() => {
        this.#tooLong = tooLong;
        if (!tooLong) this.#error = '';
      });
    }
  };

  #onKeyDown = (e: KeyboardEvent): void => {
    if (e.key !== 'Enter' || e.shiftKey || e.isComposing || e.altKey || e.ctrlKey || e.metaKey) return;
    e.preventDefault();
    void this.send();
  };

  /** Sends what is in the box (as pressing Enter would). */
  async send(): Promise<void> {
    const host = this.#host;
    const s = host.callService;
    const input = this.#input;
    if (!s || !input) return;
    const text = input.value;
    if (!text.trim()) return;
    if (encoder.encode(text.trim()).length > MAX_MESSAGE_BYTES) {
      this.#set(() => (this.#tooLong = true));
      return;
    }
    const before = s.chat.get().messages.at(-1);
    // The service raises the cancelable pex-chat-send first and lists the message at once: a text
    // it did not list (cancelled, or refused: no call, chat off) stays in the box.
    const sending = s.sendChat(text, s.chat.get().to?.uuid);
    if (s.chat.get().messages.at(-1) !== before) input.value = '';
    this.#set(() => {
      this.#tooLong = false;
      this.#error = '';
      this.#stick = true;
    });
    await host.run(() => sending, this.#notSent);
  }

  /** Shows why a message was not sent (the call's `pex-error` says it too). */
  readonly #notSent = (error: { message: string }): void =>
    this.#set(() => (this.#error = msg(str`Your message was not sent: ${error.message}`)));

  /** What the messages' buttons do (see chat-message.ts). */
  readonly #messageView: MessageView = {
    isOpen: (key) => this.#opened.has(key),
    togglePreview: (key) => this.#togglePreview(key),
    retry: (m) => void this.#retry(m),
  };

  async #retry(m: ChatMessage): Promise<void> {
    if (!this.#host.callService) return;
    this.#set(() => (this.#error = ''));
    await this.#host.run((s) => s.retryChat(m.id), this.#notSent);
  }

  // ---------------------------------------------------------------------------------------------
  // Scrolling

  #onScroll = (): void => {
    const log = this.#log;
    if (!log) return;
    this.#stick = log.scrollTop + log.clientHeight >= log.scrollHeight - 8;
  };

  #showEarlier = (): void => {
    const log = this.#log;
    if (log) this.#restoreFromBottom = log.scrollHeight - log.scrollTop;
    this.#set(() => (this.#shown += PAGE));
  };

  #togglePreview(key: string): void {
    const next = new Set(this.#opened);
    if (next.has(key)) next.delete(key);
    else next.add(key);
    this.#set(() => (this.#opened = next));
  }

  // ---------------------------------------------------------------------------------------------
  // Rendering

  #renderLog(messages: readonly ChatMessage[]): TemplateResult {
    const shown = Math.min(messages.length, Math.max(PAGE, this.#shown));
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
          (m) => guard([m, this.#opened, locale], () => renderMessage(m, this.#messageView)),
        )}
      </div>
    </div>`;
  }

  #renderRecipient(): TemplateResult {
    const { to, recipientLeft } = this.#host.callService?.chat.get() ?? {};
    return html`<p id="to" class="to" part="recipient">
        ${
          to
            ? html`<span class="to-name">${msg(str`To: ${isolate(to.name)} (privately)`)}</span>
                <button
                  type="button"
                  part="to-everyone"
                  @click=${() => {
                    this.#host.callService?.setChatRecipient(undefined);
                    this.#input?.focus();
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
        aria-invalid=${this.#tooLong ? 'true' : 'false'}
        @input=${this.#onInput}
        @keydown=${this.#onKeyDown}
      ></textarea>
      <button type="submit" class="primary" part="send" ?disabled=${this.#tooLong}>${msg('Send')}</button>
      <p id="hint" class="hint">${msg('Enter sends, Shift+Enter starts a new line.')}</p>
      ${
        this.#tooLong
          ? html`<p class="error" part="error" role="alert">
              ${msg('This message is too long to send (the limit is 64 KB). Shorten it or split it up.')}
            </p>`
          : this.#error
            ? html`<p class="error" part="error" role="alert">${this.#error}</p>`
            : nothing
      }
    </form>`;
  }

  /** The inside of the element's `body` part while there is a call (or messages from one). */
  render(): TemplateResult {
    const s = this.#host.callService;
    const conference = s?.conference.get();
    const messages = s?.chat.get().messages ?? [];
    const inCall = conference?.phase === 'in-call';
    if (inCall && conference?.chatEnabled === false) {
      return html`<p class="disabled" part="disabled">${msg('Chat is turned off for this meeting.')}</p>`;
    }
    return html`${this.#renderLog(messages)} ${inCall ? this.#renderForm() : nothing}`;
  }
}

export function createBody(host: PexChat): ChatBody {
  return new ChatBody(host);
}
