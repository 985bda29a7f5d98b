import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { StoreController } from '../../controllers/store-controller.js';
import type { ChatState } from '../../services/types.js';
import { CallPanel } from '../shared/call-panel.js';
import type { ChatBody } from './chat-body.js';
import { styles } from './chat.styles.js';

/** The node refuses chat payloads over 64 KiB. */
export const MAX_MESSAGE_BYTES = 64 * 1024;

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
 * DOM ("Show earlier messages" brings back more), so long chats stay smooth. A page downloads the
 * message log and box (`chat-body.ts`) only when the call starts.
 *
 * @tagname pex-chat
 * @summary Conference chat with safe links and previews on request.
 * @attr {'light' | 'dark' | 'high-contrast' | 'light high-contrast' | 'dark high-contrast'} theme - Colour theme. Without it, the page's `--pex-color-scheme`, then its `prefers-color-scheme` and `prefers-contrast`, decide; elements inside this one take its theme.
 *
 * @event pex-chat-send - About to send a message; cancelable (`PexChatSendEvent`: `text`). Raised by the call's service on its `<pex-call>`.
 * @event pex-toggle - The chat was collapsed or expanded (`PexToggleEvent`: `open`).
 * @event pex-error - Sending failed (`PexErrorEvent`: localised `error.message`). Raised once on the call's `<pex-call>`.
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
 * @cssproperty [--pex-color-scheme=light dark] - `light` or `dark`: that theme for every element of the page, whatever the person's `prefers-color-scheme` (a `theme` attribute still wins).
 */
export class PexChat extends CallPanel<ChatBody> {
  static override styles = styles;

  private readonly chatStore = new StoreController<ChatState>(this);

  constructor() {
    super('chat', () => import('./chat-body.js'));
  }

  protected override bind(): void {
    super.bind();
    this.chatStore.store = this.callService?.chat;
  }

  /** A call under way, or messages from one, to show (else "Not in a call"). */
  protected override started(): boolean {
    return this.callUnderWay() || Boolean(this.chatStore.value?.messages.length);
  }

  protected override async getUpdateComplete(): Promise<boolean> {
    await this.lazyBody.loading;
    return super.getUpdateComplete();
  }

  /** Sends what is in the box (as pressing Enter would). */
  async send(): Promise<void> {
    if (this.callService && this.started()) await this.lazyBody.want();
    await this.lazyBody.value?.send();
  }

  protected override render(): TemplateResult {
    const body = this.lazyBody.value;
    const unread = this.collapsed ? (body?.unread ?? 0) : 0;
    const inCall = this.conferenceStore.value?.phase === 'in-call';
    return this.renderPanel(
      html`<slot name="heading">${msg('Chat')}</slot>${
          unread > 0 ? html`<span class="unread" part="unread">${msg(str`${unread} unread`)}</span>` : nothing
        }`,
      [msg('Show chat'), msg('Hide chat')],
      html`<div class="visually-hidden" aria-live="polite">${body?.announcement ?? ''}</div>`,
      // After a call with no messages, or before one: the empty state. Until the body is there
      // (a moment, when the call starts), nothing.
      this.callService && (inCall || this.chatStore.value?.messages.length)
        ? (body?.render() ?? nothing)
        : this.renderEmpty(),
    );
  }
}
