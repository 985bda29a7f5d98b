import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/components/chat/pex-chat.js';
import type { PexChat } from '../src/components/chat/chat.js';
import { CallError } from '../src/services/errors.js';
import type { FakeTransport } from '../test/browser/fixtures/fake-transport.js';
import type { CallService } from '../src/services/call-service.js';
import { element, type Args, type RenderContext } from './support/element.js';
import { participant, scriptedService } from './support/scripted-call.js';

// `<pex-chat>` following a scripted call given through its `service` property (no node needed):
// links and image previews, a private message, a message that failed to send (with Retry), a
// hostile message that stays text, chat turned off for the meeting, and no call at all.
// (The Docs page shows the element's own description, from custom-elements.json.)
const meta: Meta = {
  title: 'Elements/pex-chat',
  component: 'pex-chat',
  tags: ['autodocs'],
  args: {},
  render: (args: Args, context?: RenderContext) =>
    element('pex-chat', args, context, { style: 'max-width: 36rem' }),
};
export default meta;
type Story = StoryObj;

const chat = (canvas: HTMLElement): PexChat => canvas.querySelector('pex-chat') as PexChat;

/** An image served next to the stories (an http(s) URL to an image file gets a preview). */
const IMAGE = new URL('./assets/whiteboard.png', import.meta.url).href;

const PEOPLE = [
  participant({ uuid: 'me', displayName: 'Alice', role: 'host' }),
  participant({ uuid: 'bob', displayName: 'Bob' }),
  participant({ uuid: 'chloe', displayName: 'Chloé' }),
  participant({ uuid: 'mallory', displayName: 'Mallory <img src=x onerror=alert(1)>' }),
];

let seq = 0;
const say = (t: FakeTransport, from: string, name: string, text: string, direct = false): void =>
  t.sink.message({
    id: `m${++seq}`,
    at: Date.UTC(2026, 11, 3, 10, 0, seq),
    senderUuid: from,
    senderName: name,
    text,
    direct,
  });

/** A conversation: `extra` adds to it once the chat shows the call. */
const conversation = (
  extra?: (el: PexChat, call: { service: CallService; t: FakeTransport }) => Promise<void>,
): Story => ({
  play: async ({ canvasElement }) => {
    const el = chat(canvasElement);
    const call = await scriptedService('host', PEOPLE);
    const { t } = call;
    say(
      t,
      'bob',
      'Bob',
      'Morning! The agenda is at https://intranet.example.com/meetings/all-hands?week=49 — have a look.',
    );
    say(t, 'chloe', 'Chloé', `Whiteboard from yesterday: ${IMAGE}`);
    await call.service.sendChat('Thanks, both. Starting in five minutes.');
    el.service = call.service;
    await el.updateComplete;
    await extra?.(el, call);
    await el.updateComplete;
  },
});

/** Opens every image preview offered in the log. */
async function openPreviews(el: PexChat): Promise<void> {
  await el.updateComplete;
  for (const b of el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="preview-toggle"]')) b.click();
  await el.updateComplete;
  await Promise.all(
    [...el.shadowRoot!.querySelectorAll('img')].map((img) =>
      img.complete ? undefined : new Promise((r) => img.addEventListener('load', r, { once: true })),
    ),
  );
}

export const LinksAndImagePreview: Story = conversation(openPreviews);

export const PrivateMessages: Story = conversation(async (_el, { service, t }) => {
  say(t, 'bob', 'Bob', 'Can you share the budget slides after the call? (just to you)', true);
  service.setChatRecipient('bob');
  await service.sendChat('Sure, I will send them this afternoon.', 'bob');
});

export const FailedMessage: Story = conversation(async (_el, { service, t }) => {
  t.failNext = new CallError('network');
  await service.sendChat('This one did not get through: press Retry.').catch(() => undefined);
});

export const HostileMessage: Story = {
  name: 'Hostile message shown as text',
  ...conversation(async (_el, { t }) => {
    say(
      t,
      'mallory',
      'Mallory <img src=x onerror=alert(1)>',
      '<script>alert(1)</script> <img src=x onerror="alert(2)"> javascript:alert(3) ' +
        'https://bank.example@evil.example/login https://pаypal.example/ (Cyrillic а) ' +
        '\u202Egnp.exe\u202C data:text/html,<b>hi</b>',
    );
  }),
};

export const Collapsed: Story = { args: { collapsed: true }, ...conversation() };

export const ChatDisabled: Story = {
  name: 'Chat turned off for the meeting',
  play: async ({ canvasElement }) => {
    const el = chat(canvasElement);
    el.service = (await scriptedService('guest', PEOPLE, { chatEnabled: false })).service;
    await el.updateComplete;
  },
};

export const NoCall: Story = {};
