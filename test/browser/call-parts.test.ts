/**
 * `<pex-call>`'s in-call room is split into parts, one concern each (stage, toolbar, Host menu,
 * statistics, the call's own panels: `src/components/call/call-room-*.ts`). A page still styles every
 * public part with `pex-call::part(name)`, as the element's JSDoc and the README promise: each part is
 * looked up wherever it now lives (nested shadow roots included), and the page's rule must reach it.
 * Were a part moved into an inner element's shadow root without `exportparts`, it would be found but
 * not styled, and this test would fail.
 */
import { expect, fixture, html, waitUntil } from '@open-wc/testing';
import '../../src/components/call/pex-call.js';
import type { PexCall } from '../../src/components/call/call.js';
import { setTransportFactory } from '../../src/services/call-service.js';
import { SettingsStore } from '../../src/services/settings.js';
import type { TransportFactory } from '../../src/services/transport.js';
import { admitAs, FakeTransport, participant } from './fixtures/fake-transport.js';
import { $, button, settle } from './fixtures/shadow.js';

/** The in-call parts of `<pex-call>` (its `@csspart` list), each given its own outline width below. */
const PARTS = [
  'call',
  'header',
  'stage',
  'main-video',
  'self-view',
  'toolbar',
  'host-menu',
  'stats',
  'presentation',
  'swap',
  'share-panel',
  'waiting',
  'roster-panel',
  'chat-panel',
  'reconnecting',
] as const;
type Part = (typeof PARTS)[number];

/** Waiting for code loaded on first use (the room, the share panel, the roster, the chat): a cold dev server is slow. */
const slow = { timeout: 10000 };

const widthOf = (part: Part): string => `${PARTS.indexOf(part) + 1}px`;

/** The page's own stylesheet: `pex-call::part(x)` for every part, each with a width of its own. */
const pageCss = PARTS.map((p) => `pex-call::part(${p}) { outline: ${widthOf(p)} dotted rgb(1, 2, 3); }`).join(
  '\n',
);

/** The element carrying `part~=name`, in the call's shadow root or any shadow root below it. */
function findPart(root: ParentNode, name: string): HTMLElement | null {
  const hit = root.querySelector<HTMLElement>(`[part~="${name}"]`);
  if (hit) return hit;
  for (const el of root.querySelectorAll('*')) {
    const inner = el.shadowRoot ? findPart(el.shadowRoot, name) : null;
    if (inner) return inner;
  }
  return null;
}

/** Every listed part exists and wears the page's outline. */
function expectStyled(el: PexCall, parts: readonly Part[]): void {
  for (const part of parts) {
    const node = findPart(el.shadowRoot!, part);
    expect(node, `part "${part}" is rendered`).to.exist;
    const cs = getComputedStyle(node!);
    expect(
      `${cs.outlineStyle} ${cs.outlineWidth} ${cs.outlineColor}`,
      `pex-call::part(${part}) reaches <${node!.localName}>`,
    ).to.equal(`dotted ${widthOf(part)} rgb(1, 2, 3)`);
  }
}

/** A stream with a painted picture, as the node's video or a presentation. */
function paintedStream(colour: string): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = 160;
  canvas.height = 90;
  const g = canvas.getContext('2d')!;
  g.fillStyle = colour;
  g.fillRect(0, 0, 160, 90);
  return canvas.captureStream(5);
}

describe('<pex-call> parts reach through from the page (pex-call::part)', () => {
  let transport: FakeTransport | undefined;
  let previous: TransportFactory;
  let style: HTMLStyleElement;

  beforeEach(() => {
    transport = undefined;
    previous = setTransportFactory(async (sink) => (transport = new FakeTransport(sink)));
    style = document.createElement('style');
    style.textContent = pageCss;
    document.head.append(style);
  });
  afterEach(() => {
    setTransportFactory(previous);
    style.remove();
  });

  it('styles the stage, toolbar, Host menu, statistics and panels of a call with video', async () => {
    const el = await fixture<PexCall>(
      html`<pex-call
        .settings=${new SettingsStore({ storage: null })}
        conference="meet.alice"
        name="Ann"
      ></pex-call>`,
    );
    await el.join();
    // The device check (camera and microphone) comes first; its Join starts the call.
    await waitUntil(
      () => $(el, '[part~="device-check"] button.primary:not([disabled])'),
      'open devices',
      slow,
    );
    $(el, '[part~="device-check"] button.primary')!.click();
    await waitUntil(() => transport, 'the transport', slow);
    const t = transport!;
    admitAs(t, 'host');
    // The meeting's video, someone presenting, and someone waiting at the locked meeting.
    t.sink.remoteStream(paintedStream('#2a6'));
    t.sink.participants(
      [
        participant({ uuid: 'me', displayName: 'Ann', role: 'host' }),
        participant({ uuid: 'p2', displayName: 'Bob', isPresenting: true }),
        participant({ uuid: 'w1', displayName: 'Wendy', isWaiting: true }),
      ],
      'me',
    );
    t.sink.presentationStream(paintedStream('#26a'));
    await settle(el);
    await waitUntil(() => $(el, '[part~="self-view"]'), 'the self view', slow);
    button(el, 'Conference menu').click();
    button(el, 'Statistics').click();
    await waitUntil(() => $(el, '[part~="stats"]')?.textContent?.includes('VP8'), 'the statistics', slow);
    expectStyled(el, [
      'call',
      'header',
      'stage',
      'main-video',
      'self-view',
      'toolbar',
      'host-menu',
      'stats',
      'presentation',
      'swap',
      'waiting',
    ]);

    // What the toolbar opens (loaded on first use): the share panel, the call's own roster and chat.
    button(el, 'Share images or PDFs').click();
    await waitUntil(() => $(el, '[part~="share-panel"]:not([hidden])'), 'the share panel', slow);
    button(el, 'Participants').click();
    await waitUntil(() => $(el, '[part~="roster-panel"]:not([hidden])'), 'the roster panel', slow);
    button(el, 'Chat').click();
    await waitUntil(() => $(el, '[part~="chat-panel"]:not([hidden])'), 'the chat panel', slow);
    expectStyled(el, ['share-panel', 'roster-panel', 'chat-panel']);

    t.sink.connection({ reconnecting: true, gap: false });
    await settle(el);
    expectStyled(el, ['reconnecting']);
    t.sink.connection({ reconnecting: false, gap: false });
    await el.service.leave();
  });

  it('does not reach a part inside an inner shadow root without exportparts (the check can fail)', async () => {
    const el = await fixture<PexCall>(
      html`<pex-call .settings=${new SettingsStore({ storage: null })}></pex-call>`,
    );
    const probe = document.createElement('div');
    probe.attachShadow({ mode: 'open' }).innerHTML = '<span part="toolbar">inner</span>';
    el.shadowRoot!.append(probe);
    const inner = probe.shadowRoot!.querySelector('span')!;
    expect(getComputedStyle(inner).outlineStyle).to.equal('none');
    probe.setAttribute('exportparts', 'toolbar');
    expect(getComputedStyle(inner).outlineWidth).to.equal(widthOf('toolbar'));
    probe.remove();
  });
});
