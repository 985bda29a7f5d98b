/**
 * `<pex-call>` in an iframe of another origin whose embedding page did not allow the camera,
 * microphone or screen capture (`allow` attribute missing): the person reads, once, that the
 * embedding page must add `allow="camera; microphone; display-capture"` — not to change browser
 * settings. The frame is served from the test page's other name (localhost ↔ 127.0.0.1), so the
 * browser applies the permissions policy of a cross-origin frame; fixtures/embedded-driver.ts
 * drives it through postMessage. Joins go to the local node.
 */
import { expect } from '@open-wc/testing';
import type { Seen } from './fixtures/embedded-driver.js';
import { waitFor } from './fixtures/sdk-participant.js';

const ALLOW = 'allow="camera; microphone; display-capture"';

class EmbeddedCall {
  #next = 0;
  readonly #answers = new Map<number, { result?: unknown; error?: string }>();
  readonly #onMessage = (e: MessageEvent): void => {
    if (e.source !== this.frame.contentWindow) return;
    const data = e.data as { id?: number; ready?: boolean; result?: unknown; error?: string };
    if (data.ready) this.ready = true;
    if (typeof data.id === 'number') this.#answers.set(data.id, data);
  };
  ready = false;

  constructor(readonly frame: HTMLIFrameElement) {
    window.addEventListener('message', this.#onMessage);
  }

  static async open(allow?: string): Promise<EmbeddedCall> {
    const url = new URL('./fixtures/embedded-frame.html', import.meta.url);
    url.hostname = url.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    const frame = document.createElement('iframe');
    if (allow !== undefined) frame.setAttribute('allow', allow);
    frame.title = 'embedded call';
    frame.style.width = '900px';
    frame.style.height = '700px';
    const page = new EmbeddedCall(frame);
    frame.src = url.href;
    document.body.append(frame);
    await waitFor(() => page.ready, 'the embedded call to load', 20000);
    return page;
  }

  async ask<T>(
    op: 'join' | 'click' | 'seen' | 'device-check',
    args: Record<string, unknown> = {},
  ): Promise<T> {
    const id = this.#next++;
    this.frame.contentWindow!.postMessage({ id, op, ...args }, '*');
    const answer = await waitFor(() => this.#answers.get(id), `the frame to answer ${op}`, 10000);
    this.#answers.delete(id);
    if (answer.error) throw new Error(answer.error);
    return answer.result as T;
  }

  seen(): Promise<Seen> {
    return this.ask<Seen>('seen');
  }

  /** Asks until what the frame shows passes `test`. */
  async until(test: (s: Seen) => boolean, what: string, timeoutMs = 15000): Promise<Seen> {
    const end = performance.now() + timeoutMs;
    let last: Seen | undefined;
    while (performance.now() < end) {
      last = await this.seen();
      if (test(last)) return last;
      await new Promise((r) => setTimeout(r, 50));
    }
    throw new Error(`timed out waiting for ${what}; the frame shows ${JSON.stringify(last)}`);
  }

  close(): void {
    window.removeEventListener('message', this.#onMessage);
    this.frame.remove();
  }
}

describe('<pex-call> in a cross-origin iframe without allow=…', function () {
  this.timeout(60000);
  let page: EmbeddedCall | undefined;
  // Removing the frame leaves its call (the element's removal grace).
  afterEach(() => {
    page?.close();
    page = undefined;
  });

  it('join with video: one message naming the allow attribute, no browser-settings advice', async () => {
    page = await EmbeddedCall.open();
    await page.ask('device-check', { on: true }); // saved per origin: another test turns it off
    expect(await page.ask('join', { alias: 'meet.alice', name: 'Framed', media: 'video' })).to.equal(true);
    // The device check opens after Join and cannot open the camera here.
    const s = await page.until((x) => x.deviceCheck && x.alerts.length > 0, 'a message in the device check');
    // Its Join button, if the person presses it, changes nothing.
    await page.ask('click', { text: 'Join' });
    const after = await page.seen();
    expect(after.alerts, 'messages shown').to.have.length(1);
    expect(after.alerts[0]).to.contain(ALLOW);
    expect(after.alerts[0]).not.to.match(/browser/i);
    expect(s.alerts).to.deep.equal(after.alerts);
    expect(after.phase).to.equal('idle');
    expect(after.visibleText.split(ALLOW).length - 1, `shown once in: ${after.visibleText}`).to.equal(1);
  });

  it('join with video without the device check: the same one message', async () => {
    page = await EmbeddedCall.open();
    await page.ask('device-check', { on: false });
    await page.ask('join', { alias: 'meet.alice', name: 'Framed', media: 'video' });
    const s = await page.until((x) => x.alerts.length > 0, 'a message');
    expect(s.deviceCheck).to.equal(false);
    expect(s.alerts, 'messages shown').to.have.length(1);
    expect(s.alerts[0]).to.contain(ALLOW);
    expect(s.visibleText.split(ALLOW).length - 1, `shown once in: ${s.visibleText}`).to.equal(1);
  });

  it('screen sharing without display-capture: the message names the allow attribute', async () => {
    // Camera and microphone allowed, screen capture not: a control-only call, then Share screen.
    page = await EmbeddedCall.open('camera; microphone');
    await page.ask('join', { alias: 'meet.alice', name: 'Framed', media: 'none' });
    await page.until((x) => x.phase === 'in-call', 'in the call', 20000);
    await page.until((x) => x.buttons.some((b) => b.text === 'Share screen'), 'the Share screen button');
    expect(await page.ask('click', { text: 'Share screen' })).to.equal(true);
    const s = await page.until((x) => x.alerts.length > 0, 'a message');
    expect(s.alerts).to.have.length(1);
    expect(s.alerts[0]).to.contain('screen sharing');
    expect(s.alerts[0]).to.contain(ALLOW);
  });

  it('with allow="camera; microphone; display-capture" the camera opens: no message', async () => {
    page = await EmbeddedCall.open('camera; microphone; display-capture');
    await page.ask('device-check', { on: true });
    await page.ask('join', { alias: 'meet.alice', name: 'Allowed', media: 'video' });
    await page.until(
      (x) => x.deviceCheck && x.buttons.some((b) => b.text === 'Join' && !b.disabled),
      'the device check with its Join button enabled',
    );
    expect(await page.ask('click', { text: 'Join' })).to.equal(true);
    const s = await page.until((x) => x.phase === 'in-call', 'in the call', 20000);
    expect(s.alerts).to.deep.equal([]);
  });
});
