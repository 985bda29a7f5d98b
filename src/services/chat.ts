/**
 * Chat: sending (shown at once, kept and marked when the node refuses it), retrying in place, the
 * private recipient, and the messages that arrive. It owns the chat store.
 */
import { PexChatSendEvent } from '../events/chat-events.js';
import type { CallContext } from './call-context.js';
import { CallError } from './errors.js';
import type { Store } from './store.js';
import type { IncomingMessage } from './transport.js';
import type { ChatMessage, ChatState, ParticipantsState, ParticipantView } from './types.js';

const MAX_MESSAGES = 20_000;
/** Participants on these protocols (Pexip's own clients) receive chat messages. */
const CHAT_PROTOCOLS = new Set(['api', 'webrtc', '']);

export class ChatSlice {
  readonly store: Store<ChatState>;
  readonly #ctx: CallContext;
  #messageSeq = 0;

  constructor(ctx: CallContext) {
    this.#ctx = ctx;
    this.store = ctx.stores.chat;
  }

  get #conference(): CallContext['stores']['conference'] {
    return this.#ctx.stores.conference;
  }

  get #participants(): CallContext['stores']['participants'] {
    return this.#ctx.stores.participants;
  }

  /** A new call starts with an empty log. */
  clear(): void {
    this.store.set({ messages: [] });
  }

  /** A message from someone else arrived. */
  received(m: IncomingMessage): void {
    this.#append({ ...m, isMine: false });
  }

  /** Signalling was lost and came back: messages sent meanwhile may be missing; say so where. */
  markGap(): void {
    if (!this.#conference.get().chatEnabled) return;
    this.#append({
      id: `gap-${++this.#messageSeq}`,
      at: Date.now(),
      senderUuid: '',
      senderName: '',
      text: '',
      isMine: false,
      direct: false,
      gap: true,
    });
  }

  #append(m: ChatMessage): void {
    this.store.update((c) => {
      const messages = c.messages.length >= MAX_MESSAGES ? c.messages.slice(1) : c.messages.slice();
      messages.push(m);
      return { ...c, messages };
    });
  }

  /**
   * Sends a chat message, to everyone or privately to `toUuid`; it shows at once, and is marked
   * failed (kept) if the node refuses it.
   */
  async sendChat(text: string, toUuid?: string): Promise<boolean> {
    const t = this.#ctx.requireCall();
    const body = text.trim();
    if (!body) return false;
    if (!this.#conference.get().chatEnabled) throw new CallError('not-allowed', 'chat disabled');
    if (!this.#ctx.events.raise(new PexChatSendEvent(text))) return false;
    const me = this.#participants.get();
    const toName =
      toUuid === undefined
        ? undefined
        : (me.list.find((p) => p.uuid === toUuid)?.displayName ?? this.store.get().to?.name);
    const mine: ChatMessage = {
      id: `local-${++this.#messageSeq}`,
      at: Date.now(),
      senderUuid: me.meUuid ?? '',
      senderName: this.#conference.get().displayName,
      text: body,
      isMine: true,
      direct: toUuid !== undefined,
      ...(toUuid !== undefined ? { toUuid } : {}),
      ...(toName !== undefined ? { toName } : {}),
    };
    this.#append(mine);
    // Sent to everyone: the note that a private recipient left has been read.
    if (toUuid === undefined && this.store.get().recipientLeft !== undefined) {
      this.store.update((c) => ({ ...c, recipientLeft: undefined }));
    }
    try {
      await t.sendMessage(body, toUuid);
    } catch (e) {
      this.store.update((c) => ({
        ...c,
        messages: c.messages.map((m) => (m.id === mine.id ? { ...m, failed: true } : m)),
      }));
      throw e;
    }
    return true;
  }

  /**
   * Who the next chat message goes to: one participant, privately, or everyone (`undefined`). The
   * choice lives here so a roster can set it and a chat show it; when that participant leaves it
   * falls back to everyone and `chat.recipientLeft` names them.
   */
  setChatRecipient(uuid: string | undefined): void {
    if (uuid === undefined) {
      this.#unfollowRecipient?.();
      this.#unfollowRecipient = undefined;
      this.store.update((c) =>
        c.to || c.recipientLeft !== undefined ? { ...c, to: undefined, recipientLeft: undefined } : c,
      );
      return;
    }
    const p = this.#participants.get().list.find((x) => x.uuid === uuid);
    if (!p || !this.canMessagePrivately(p)) throw new CallError('invalid-input', 'chat recipient');
    this.store.update((c) => ({ ...c, to: { uuid, name: p.displayName }, recipientLeft: undefined }));
    this.#unfollowRecipient ??= this.#participants.subscribe((list) => this.#followChatRecipient(list));
  }

  /**
   * Whether `p` can get a private chat message: someone else in the call using a Pexip client (not
   * waiting, not a dial-out or gateway call such as SIP, H.323 or streaming), with chat on.
   */
  canMessagePrivately(p: ParticipantView): boolean {
    return (
      !p.isMe &&
      !p.isWaiting &&
      !p.isCalling &&
      !p.isStreaming &&
      CHAT_PROTOCOLS.has(p.protocol) &&
      this.#conference.get().chatEnabled
    );
  }

  /** Unsubscribes from the roster; set while a private recipient is chosen. */
  #unfollowRecipient: (() => void) | undefined;

  /** Keeps the private recipient in step with the roster: renamed → new name, gone → everyone. */
  #followChatRecipient({ list, meUuid }: ParticipantsState): void {
    const to = this.store.get().to;
    const p = to && list.find((x) => x.uuid === to.uuid);
    if (!to || !p) {
      this.#unfollowRecipient?.();
      this.#unfollowRecipient = undefined;
    }
    if (!to || p?.displayName === to.name) return;
    // No roster at all: the call is over (or moving on), not a departure worth a note.
    const left = p || meUuid === undefined ? undefined : to.name;
    this.store.update((c) => ({
      ...c,
      to: p ? { uuid: to.uuid, name: p.displayName } : undefined,
      recipientLeft: left,
    }));
  }

  /** Sends a message that failed again, in place (same id and position); marked failed again if refused. */
  async retryChat(id: string): Promise<void> {
    const t = this.#ctx.requireCall();
    const m = this.store.get().messages.find((x) => x.id === id);
    if (!m?.isMine || !m.failed) return;
    if (!this.#conference.get().chatEnabled) throw new CallError('not-allowed', 'chat disabled');
    const mark = (failed: boolean): void =>
      this.store.update((c) => ({
        ...c,
        messages: c.messages.map((x) => (x.id === id ? { ...x, failed } : x)),
      }));
    mark(false);
    try {
      await t.sendMessage(m.text, m.toUuid);
    } catch (e) {
      mark(true);
      throw e;
    }
  }
}
