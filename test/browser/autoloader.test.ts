/**
 * The drop-in entry (src/autoloader.ts): `<pex-call>` loads at once; other tags load when one of their
 * elements is shown, so a closed `<details>` or a hidden panel downloads nothing until opened.
 */
import { expect } from '@open-wc/testing';
import { waitFor } from './fixtures/sdk-participant.js';

describe('the drop-in autoloader', () => {
  let frame: HTMLIFrameElement;
  afterEach(() => frame?.remove());

  async function openFrame(): Promise<Window & typeof globalThis> {
    frame = document.createElement('iframe');
    frame.src = new URL('./fixtures/autoload-frame.html', import.meta.url).href;
    frame.title = 'autoloader';
    frame.style.width = '900px';
    frame.style.height = '700px';
    document.body.append(frame);
    return waitFor(
      () =>
        frame.contentWindow?.customElements.get('pex-call') &&
        (frame.contentWindow as Window & typeof globalThis),
      'pex-call to load',
      15000,
    );
  }

  it('loads the call at once, visible tags when seen, hidden ones only when shown', async () => {
    const win = await openFrame();
    const defined = (tag: string): boolean => Boolean(win.customElements.get(tag));
    await waitFor(() => defined('pex-roster'), 'the visible roster to load', 15000);
    // Give the hidden ones every chance to load by mistake.
    await new Promise((r) => setTimeout(r, 500));
    expect(defined('pex-share'), 'share in a closed <details>').to.equal(false);
    expect(defined('pex-settings'), 'settings in a hidden panel').to.equal(false);

    (win.document.getElementById('share-box') as HTMLDetailsElement).open = true;
    await waitFor(() => defined('pex-share'), 'share to load once its <details> opens', 15000);
    expect(defined('pex-settings')).to.equal(false);

    win.document.getElementById('settings-box')!.hidden = false;
    await waitFor(() => defined('pex-settings'), 'settings to load once shown', 15000);

    // A tag added later (below the fold) loads too.
    const chat = win.document.createElement('pex-chat') as HTMLElement & { updateComplete: Promise<unknown> };
    win.document.body.append(chat);
    await waitFor(() => defined('pex-chat'), 'a chat added later to load', 15000).catch((e: Error) => {
      const r = chat.getBoundingClientRect();
      const f = frame.getBoundingClientRect();
      throw new Error(
        `${e.message}: chat at ${r.top},${r.left} ${r.width}x${r.height}; frame at ${f.top}; frame scroll ${win.scrollY}/${win.document.documentElement.scrollHeight}; top scroll ${scrollY}/${innerHeight}`,
      );
    });
    await chat.updateComplete;
    expect(chat.shadowRoot?.textContent).to.match(/call/i); // its empty state, e.g. "Not in a call"
  });
});
