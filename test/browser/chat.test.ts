import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/call/pex-call.js';
import '../../src/components/chat/pex-chat.js';
import type { PexCall } from '../../src/components/call/call.js';
import type { PexChat } from '../../src/components/chat/chat.js';
import { linkify } from '../../src/components/chat/linkify.js';
import type { PexChatSendEvent, PexErrorEvent, PexToggleEvent } from '../../src/events/events.js';
import { CallService, setTransportFactory } from '../../src/services/call-service.js';
import { CallError } from '../../src/services/errors.js';
import type { IncomingMessage } from '../../src/services/transport.js';
import { admitAs, FakeTransport, participant } from './fixtures/fake-transport.js';
import { HOSTILE } from './fixtures/hostile-strings.js';
import { listenersLeftBy } from './fixtures/listener-tracker.js';

async function inCall(
  opts: { chatEnabled?: boolean } = {},
): Promise<{ service: CallService; t: FakeTransport }> {
  let t: FakeTransport | undefined;
  const service = new CallService(async (sink) => (t = new FakeTransport(sink)));
  await service.join({ alias: 'meet.alice', displayName: 'Me', mediaMode: 'none' });
  admitAs(t!, 'guest');
  if (opts.chatEnabled === false) {
    t!.sink.joined({
      conferenceName: 'Quiet room',
      chatEnabled: false,
      guestsCanPresent: true,
      role: 'guest',
      waiting: false,
    });
  }
  return { service, t: t! };
}

let seq = 0;
function incoming(t: FakeTransport, text: string, from = 'Ann', extra: Partial<IncomingMessage> = {}): void {
  t.sink.message({
    id: `in-${++seq}`,
    at: Date.UTC(2025, 0, 2, 9, 5),
    senderUuid: 'p2',
    senderName: from,
    text,
    direct: false,
    ...extra,
  });
}

const $ = <T extends Element = HTMLElement>(el: PexChat, sel: string): T | null =>
  el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: PexChat, sel: string): T[] => [
  ...el.shadowRoot!.querySelectorAll<T>(sel),
];
const messages = (el: PexChat): HTMLElement[] => $$(el, '.message');
const last = (el: PexChat): HTMLElement => messages(el).at(-1)!;

async function chat(service: CallService): Promise<PexChat> {
  const el = await fixture<PexChat>(html`<pex-chat .service=${service}></pex-chat>`);
  // A service of the page's own (no <pex-call>) raises the call's events on the element it names.
  service.attachHost(el);
  await el.updateComplete;
  return el;
}

async function type(
  el: PexChat,
  text: string,
  key: Partial<KeyboardEventInit> = { key: 'Enter' },
): Promise<void> {
  const box = $<HTMLTextAreaElement>(el, 'textarea')!;
  box.value = text;
  box.dispatchEvent(new InputEvent('input'));
  box.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true, cancelable: true, ...key }));
  await el.updateComplete;
}

describe('<pex-chat>', () => {
  describe('rendering', () => {
    it('alone, says "Not in a call" and is accessible', async () => {
      const el = await fixture<PexChat>(html`<pex-chat></pex-chat>`);
      expect($(el, '[part="empty"]')?.textContent).to.include('Not in a call');
      expect($(el, 'textarea')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    // Runs before any test here starts a call: the page has not fetched the body yet.
    it('downloads its message log and box only when its call starts', async () => {
      const bodyFetched = (): boolean =>
        performance.getEntriesByType('resource').some((e) => /\/chat-body\.[jt]s/.test(e.name));
      let t: FakeTransport | undefined;
      const service = new CallService(async (sink) => (t = new FakeTransport(sink)));
      const el = await chat(service);
      expect($(el, '[part="empty"]')?.textContent).to.include('Not in a call');
      expect(bodyFetched()).to.equal(false);
      await service.join({ alias: 'meet.alice', displayName: 'Me', mediaMode: 'none' });
      admitAs(t!, 'guest');
      await el.updateComplete;
      expect(bodyFetched()).to.equal(true);
      expect($(el, 'textarea')).not.to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('shows messages with sender and time, and marks your own', async () => {
      const { service, t } = await inCall();
      const el = await chat(service);
      incoming(t, 'Hello there');
      await service.sendChat('Hi Ann');
      await el.updateComplete;
      const [a, b] = messages(el);
      expect(a!.querySelector('.sender')!.textContent).to.equal('Ann');
      expect(a!.querySelector('time')!.getAttribute('datetime')).to.equal('2025-01-02T09:05:00.000Z');
      expect(a!.querySelector('.text')!.textContent).to.equal('Hello there');
      expect(b!.classList.contains('mine')).to.equal(true);
      expect(b!.textContent).to.include('(you)');
      await expect(el).to.be.accessible();
    });

    it('follows the <pex-call> it is inside, or one named by call="id"', async () => {
      let t: FakeTransport | undefined;
      const previous = setTransportFactory(async (sink) => (t = new FakeTransport(sink)));
      try {
        const wrap = await fixture<HTMLDivElement>(
          html`<div>
            <pex-call id="chat-call"><pex-chat></pex-chat></pex-call>
            <pex-chat call="chat-call"></pex-chat>
          </div>`,
        );
        const call = wrap.querySelector<PexCall>('pex-call')!;
        const [inner, outer] = [...wrap.querySelectorAll('pex-chat')];
        await inner!.updateComplete;
        expect(inner!.callService).to.equal(call.service);
        expect(outer!.callService).to.equal(call.service);
        await call.service.join({ alias: 'meet.alice', displayName: 'Me', mediaMode: 'none' });
        admitAs(t!, 'guest');
        incoming(t!, 'to both');
        await inner!.updateComplete;
        await outer!.updateComplete;
        expect(last(inner!).textContent).to.include('to both');
        expect(last(outer!).textContent).to.include('to both');
      } finally {
        setTransportFactory(previous);
      }
    });

    it('says chat is off when the meeting has it disabled, with no dead box', async () => {
      const { service } = await inCall({ chatEnabled: false });
      const el = await chat(service);
      expect($(el, '[part="disabled"]')!.textContent).to.include('Chat is turned off');
      expect($(el, 'textarea')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('keeps 10,000 messages to a window in the DOM, with earlier ones on request', async () => {
      const { service, t } = await inCall();
      for (let i = 0; i < 10_000; i++) incoming(t, `message ${i}`);
      const el = await chat(service);
      expect(messages(el).length).to.equal(100);
      expect(last(el).textContent).to.include('message 9999');
      const earlier = $<HTMLButtonElement>(el, '[part="earlier"]')!;
      expect(earlier.textContent).to.include('9900');
      earlier.click();
      await el.updateComplete;
      expect(messages(el).length).to.equal(200);
      expect(messages(el)[0]!.textContent).to.include('message 9800');
    });
  });

  describe('sending', () => {
    it('Enter sends; Shift+Enter and IME composition do not', async () => {
      const { service, t } = await inCall();
      const el = await chat(service);
      await type(el, 'line one', { key: 'Enter', shiftKey: true });
      await type(el, 'こんにちは', { key: 'Enter', isComposing: true });
      expect(t.commands.filter((c) => c[0] === 'sendMessage')).to.have.length(0);
      await type(el, 'first\nsecond');
      expect(t.commands).to.deep.include(['sendMessage', 'first\nsecond', undefined]);
      expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('');
      expect(last(el).querySelector('.text')!.textContent).to.equal('first\nsecond');
      // The Send button works too.
      $<HTMLTextAreaElement>(el, 'textarea')!.value = 'by button';
      $<HTMLButtonElement>(el, '[part="send"]')!.click();
      await el.updateComplete;
      expect(t.commands).to.deep.include(['sendMessage', 'by button', undefined]);
    });

    it('fires a cancelable pex-chat-send first; cancelling keeps the text unsent', async () => {
      const { service, t } = await inCall();
      const el = await chat(service);
      const veto = (e: PexChatSendEvent): void => {
        expect(e.text).to.equal('secret');
        expect(e.cancelable && e.bubbles && e.composed).to.equal(true);
        e.preventDefault();
      };
      document.addEventListener('pex-chat-send', veto);
      try {
        await type(el, 'secret');
      } finally {
        document.removeEventListener('pex-chat-send', veto);
      }
      expect(t.commands.filter((c) => c[0] === 'sendMessage')).to.have.length(0);
      expect($<HTMLTextAreaElement>(el, 'textarea')!.value).to.equal('secret');
    });

    it('keeps a message that failed to send, marked, and retries it in place', async () => {
      const { service, t } = await inCall();
      const el = await chat(service);
      t.failNext = new CallError('network');
      const err = oneEvent(el, 'pex-error');
      await type(el, 'will fail');
      expect(((await err) as unknown as PexErrorEvent).error.code).to.equal('network');
      await el.updateComplete;
      const m = last(el);
      expect(m.classList.contains('failed')).to.equal(true);
      expect(m.querySelector('[part="failed"]')!.textContent).to.include('Not sent');
      expect($(el, '[role="alert"]')!.textContent).to.include('not sent');
      await expect(el).to.be.accessible();
      m.querySelector<HTMLButtonElement>('[part="failed"] button')!.click();
      await waitUntil(() => !last(el).classList.contains('failed'), 'the retry');
      expect(messages(el)).to.have.length(1);
      expect(t.commands.filter((c) => c[0] === 'sendMessage')).to.have.length(2);
    });

    it('explains a message over 64 KiB and does not send it', async () => {
      const { service, t } = await inCall();
      const el = await chat(service);
      await type(el, 'é'.repeat(40_000)); // 80,000 bytes as UTF-8
      expect($(el, '[role="alert"]')!.textContent).to.include('too long');
      expect($<HTMLButtonElement>(el, '[part="send"]')!.disabled).to.equal(true);
      expect(t.commands.filter((c) => c[0] === 'sendMessage')).to.have.length(0);
      await expect(el).to.be.accessible();
      await type(el, 'short again', { key: 'a' });
      expect($(el, '[role="alert"]')).to.equal(null);
    });
  });

  describe('private messages', () => {
    const others = (t: FakeTransport, list = ['Bob', 'Cleo']): void =>
      t.sink.participants(
        [
          participant({ uuid: 'me', displayName: 'Me' }),
          ...list.map((name) => participant({ uuid: name.toLowerCase(), displayName: name })),
        ],
        'me',
      );
    /** Text with the names' bidi isolation marks dropped and white space collapsed. */
    const plain = (node: Element): string =>
      (node.textContent ?? '')
        .replace(/[\u2068\u2069]/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    const recipient = (el: PexChat): string => plain($(el, '[part="recipient"]')!);

    it('shows "To: Everyone", then a recipient chosen elsewhere, sends to that one, and goes back', async () => {
      const { service, t } = await inCall();
      others(t);
      const el = await chat(service);
      expect(recipient(el)).to.equal('To: Everyone');
      expect($(el, 'textarea')!.getAttribute('aria-describedby')).to.include('to');
      service.setChatRecipient('bob');
      await el.updateComplete;
      expect(recipient(el)).to.match(/^To: Bob \(privately\)/);
      // The box takes the focus, ready to type.
      expect(el.shadowRoot!.activeElement).to.equal($(el, 'textarea'));
      await expect(el).to.be.accessible();
      await type(el, 'just for you');
      expect(t.commands).to.deep.include(['sendMessage', 'just for you', 'bob']);
      const sent = last(el);
      expect(plain(sent.querySelector('.head')!)).to.include('(privately to Bob)');
      // The choice stays for the next message, until "Send to everyone".
      expect(recipient(el)).to.match(/^To: Bob/);
      $<HTMLButtonElement>(el, '[part="to-everyone"]')!.click();
      await el.updateComplete;
      expect(recipient(el)).to.equal('To: Everyone');
      expect(service.chat.get().to).to.equal(undefined);
      await type(el, 'for all');
      expect(t.commands).to.deep.include(['sendMessage', 'for all', undefined]);
      expect(last(el).textContent).not.to.include('privately');
      // A received private message is marked private.
      incoming(t, 'psst', 'Bob', { direct: true });
      await el.updateComplete;
      expect(last(el).textContent).to.include('(private)');
    });

    it('expands a collapsed chat when a recipient is chosen', async () => {
      const { service, t } = await inCall();
      others(t);
      const el = await fixture<PexChat>(html`<pex-chat .service=${service} collapsed></pex-chat>`);
      service.setChatRecipient('cleo');
      await el.updateComplete;
      await el.updateComplete;
      expect(el.collapsed).to.equal(false);
      expect(el.shadowRoot!.activeElement).to.equal($(el, 'textarea'));
    });

    it('says when the recipient leaves and sends the kept draft to everyone', async () => {
      const { service, t } = await inCall();
      others(t);
      const el = await chat(service);
      service.setChatRecipient('bob');
      await el.updateComplete;
      const box = $<HTMLTextAreaElement>(el, 'textarea')!;
      box.value = 'half-written draft';
      box.dispatchEvent(new InputEvent('input'));
      others(t, ['Cleo']); // Bob leaves
      await el.updateComplete;
      const note = $(el, '[part="recipient-left"]')!;
      expect(note.getAttribute('role')).to.equal('status');
      expect(plain(note)).to.equal('Bob left the call, so your message will go to everyone.');
      expect(recipient(el)).to.equal('To: Everyone');
      expect($<HTMLTextAreaElement>(el, 'textarea')).to.equal(box);
      expect(box.value).to.equal('half-written draft');
      await expect(el).to.be.accessible();
      box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
      await el.updateComplete;
      expect(t.commands).to.deep.include(['sendMessage', 'half-written draft', undefined]);
      expect($(el, '[part="recipient-left"]')).to.equal(null);
      // Following the roster stops once nobody is chosen (no subscription left behind).
      expect(service.participants.listenerCount).to.equal(0);
    });

    it('follows a renamed recipient and refuses one who cannot get chat', async () => {
      const { service, t } = await inCall();
      t.sink.participants(
        [
          participant({ uuid: 'me', displayName: 'Me' }),
          participant({ uuid: 'bob', displayName: 'Bob' }),
          participant({ uuid: 'sip', displayName: 'Room system', protocol: 'sip', callDirection: 'out' }),
          participant({ uuid: 'rtmp', displayName: 'Stream', protocol: 'rtmp', isStreaming: true }),
          participant({ uuid: 'wait', displayName: 'Wendy', isWaiting: true }),
        ],
        'me',
      );
      const el = await chat(service);
      for (const uuid of ['me', 'sip', 'rtmp', 'wait', 'nobody']) {
        expect(() => service.setChatRecipient(uuid), uuid).to.throw(CallError);
      }
      expect(service.chat.get().to).to.equal(undefined);
      service.setChatRecipient('bob');
      t.sink.participants(
        [participant({ uuid: 'me', displayName: 'Me' }), participant({ uuid: 'bob', displayName: 'Robert' })],
        'me',
      );
      await el.updateComplete;
      expect(recipient(el)).to.match(/^To: Robert \(privately\)/);
    });
  });

  describe('collapse and announcements', () => {
    it('collapses with an unread count and announces new messages politely', async () => {
      const { service, t } = await inCall();
      const el = await chat(service);
      const toggle = $<HTMLButtonElement>(el, '[part="toggle"]')!;
      const ev = oneEvent(el, 'pex-toggle');
      toggle.click();
      expect(((await ev) as unknown as PexToggleEvent).open).to.equal(false);
      await el.updateComplete;
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      incoming(t, 'one');
      incoming(t, 'two', 'Bob');
      await el.updateComplete;
      expect($(el, '[part="unread"]')!.textContent).to.include('2 unread');
      expect($(el, '[aria-live="polite"]')!.textContent).to.include('Bob: two');
      await expect(el).to.be.accessible();
      toggle.click();
      await el.updateComplete;
      expect($(el, '[part="unread"]')).to.equal(null);
      expect(messages(el)).to.have.length(2);
    });
  });

  describe('links and previews', () => {
    it('makes only http(s) links clickable, in a new tab without opener or referrer', async () => {
      const { service, t } = await inCall();
      const el = await chat(service);
      incoming(t, 'see https://example.com/a?b=1, and (http://example.org/x).');
      await el.updateComplete;
      const links = [...last(el).querySelectorAll('a')];
      expect(links.map((a) => a.href)).to.deep.equal(['https://example.com/a?b=1', 'http://example.org/x']);
      for (const a of links) {
        expect(a.target).to.equal('_blank');
        expect(a.rel).to.equal('noopener noreferrer');
      }
      expect(last(el).querySelector('.text')!.textContent).to.equal(
        'see https://example.com/a?b=1, and (http://example.org/x).',
      );
    });

    it('leaves dangerous schemes, credentials, look-alikes and bidi tricks as text', () => {
      const plain = [
        'javascript:alert(1)',
        'JAVASCRIPT://%0aalert(1)',
        'data:text/html,<script>alert(1)</script>',
        'vbscript:msgbox(1)',
        'https://bank.example@evil.example/',
        'https://\u0435xample.com/',
        'https://exa\u200Bmple.com/',
        'https://example.com/\u202Egnp.exe',
        'https://evil.example\\@good.example',
        'https://%65vil.example/',
        'hxxps://example.com',
        'https：//example.com',
        'xhttps://example.com',
        'file:///etc/passwd',
        'ftp://example.com',
      ];
      for (const text of plain) {
        const parts = linkify(text);
        expect(
          parts.every((p) => typeof p === 'string'),
          `"${text}" must stay text`,
        ).to.equal(true);
        expect(parts.join('')).to.equal(text);
      }
    });

    it('offers image and video previews that load only when asked, and never autoplay', async () => {
      const { service, t } = await inCall();
      const el = await chat(service);
      incoming(t, 'pic https://example.com/cat.png and clip https://example.com/v/clip.webm');
      await el.updateComplete;
      const m = last(el);
      expect(m.querySelector('img, video, iframe')).to.equal(null);
      const toggles = [...m.querySelectorAll<HTMLButtonElement>('[part="preview-toggle"]')];
      expect(toggles.map((b) => b.textContent!.trim())).to.deep.equal([
        'Show image from example.com',
        'Show video from example.com',
      ]);
      toggles[0]!.click();
      toggles[1]!.click();
      await el.updateComplete;
      const img = m.querySelector('img')!;
      expect(img.getAttribute('src')).to.equal('https://example.com/cat.png');
      expect(img.alt).to.include('example.com');
      const video = m.querySelector('video')!;
      expect(video.autoplay).to.equal(false);
      expect(video.controls).to.equal(true);
      expect(toggles[0]!.getAttribute('aria-expanded')).to.equal('true');
    });
  });

  describe('lifecycle', () => {
    it('leaves no listeners on window or document, nor store subscriptions, after removal', async () => {
      const { service, t } = await inCall();
      incoming(t, 'hello');
      const left = await listenersLeftBy(async () => {
        for (let i = 0; i < 5; i++) {
          const el = await chat(service);
          el.remove();
        }
      });
      expect(left).to.deep.equal([]);
      expect(service.chat.listenerCount).to.equal(0);
      expect(service.conference.listenerCount).to.equal(0);
    });
  });

  describe('hostile messages', () => {
    afterEach(() => {
      delete (window as { __pwned?: unknown }).__pwned;
    });

    it(`shows ${HOSTILE.length} hostile messages and sender names as text: nothing runs, is lost or overflows`, async () => {
      expect(HOSTILE.length).to.be.at.least(50);
      const { service, t } = await inCall();
      const wrap = await fixture<HTMLDivElement>(
        html`<div style="width: 320px"><pex-chat .service=${service}></pex-chat></div>`,
      );
      const el = wrap.querySelector('pex-chat')!;
      for (const text of HOSTILE) incoming(t, text, text);
      await el.updateComplete;
      const shown = messages(el);
      expect(shown).to.have.length(HOSTILE.length);
      shown.forEach((m, i) => {
        expect(m.querySelector('.text')!.textContent, `message ${i}`).to.equal(HOSTILE[i]);
        expect(m.querySelector('.sender')!.textContent, `sender ${i}`).to.equal(HOSTILE[i]);
        expect(m.querySelector('script, iframe, object, svg, style, meta, template, input, img')).to.equal(
          null,
        );
        for (const a of m.querySelectorAll('a')) {
          expect(['http:', 'https:']).to.include(a.protocol);
          expect(a.rel).to.equal('noopener noreferrer');
        }
      });
      const base = $(el, '.base')!;
      expect(base.scrollWidth).to.be.at.most(base.clientWidth + 1);
      const log = $(el, '.log')!;
      expect(log.scrollWidth).to.be.at.most(log.clientWidth + 1);
      // Sending them works the same way (the service trims surrounding white space).
      for (const text of HOSTILE.slice(0, 10)) await type(el, text);
      expect(
        messages(el)
          .slice(-10)
          .map((m) => m.querySelector('.text')!.textContent),
      ).to.deep.equal(HOSTILE.slice(0, 10).map((s) => s.trim()));
      await new Promise((r) => setTimeout(r, 50));
      expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
    });
  });
});
