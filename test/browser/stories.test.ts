/**
 * Every Storybook story renders and passes axe. Story files are listed here explicitly (the browser
 * cannot glob); `test/node/stories-listed.test.ts` fails when a stories file is missing from the list.
 *
 * The live stories (`live.stories.ts`) join a real node: the test runner runs the local node
 * in-process and proxies its API at this page's origin (scripts/wtr-local-node.mjs), so they are
 * tested against it here (node = this origin) rather than skipped; what the node recorded is read
 * back. Without a node they say how to start one, which is tested too.
 */
import { expect, fixture, fixtureCleanup } from '@open-wc/testing';
import { html, render as litRender, type TemplateResult } from 'lit';
import type { PexCall } from '../../src/components/call/call.js';
import type { ChatMessage } from '../../src/services/types.js';
import { waitFor } from './fixtures/sdk-participant.js';
import { element } from '../../stories/support/element.js';
import { applyTheme, storySettings, useLanguage } from '../../stories/support/globals.js';
import { installDemoTransport } from '../../stories/support/scripted-call.js';
import { syntheticVideo } from '../../stories/support/synthetic-media.js';
import { getLanguage } from '../../src/i18n/localization.js';

type Args = Record<string, unknown>;
interface Story {
  name?: string;
  args?: Args;
  render?: (args: Args) => TemplateResult;
  play?: (ctx: { canvasElement: HTMLElement; args: Args }) => Promise<void>;
}
type StoryModule = Record<string, unknown> & {
  default: { title: string; args?: Args; render?: Story['render'] };
};

export const storyFiles: Record<string, () => Promise<StoryModule>> = {
  'call.stories.ts': () => import('../../stories/call.stories.js') as Promise<StoryModule>,
  'roster.stories.ts': () => import('../../stories/roster.stories.js') as Promise<StoryModule>,
  'chat.stories.ts': () => import('../../stories/chat.stories.js') as Promise<StoryModule>,
  'share.stories.ts': () => import('../../stories/share.stories.js') as Promise<StoryModule>,
  'settings.stories.ts': () => import('../../stories/settings.stories.js') as Promise<StoryModule>,
  'dialpad.stories.ts': () => import('../../stories/dialpad.stories.js') as Promise<StoryModule>,
  'portal.stories.ts': () => import('../../stories/portal.stories.js') as Promise<StoryModule>,
  'live.stories.ts': () => import('../../stories/live.stories.js') as Promise<StoryModule>,
};

/** Tested below against the node the test runner runs. */
const LIVE_FILE = 'live.stories.ts';

const storyNames = (mod: StoryModule): string[] =>
  Object.keys(mod).filter((k) => k !== 'default' && k !== '__namedExportsOrder');

/** Renders one story as Storybook does (meta args under story args, then its play). */
async function show(mod: StoryModule, name: string, extraArgs: Args = {}): Promise<HTMLElement> {
  const story = mod[name] as Story;
  const render = story.render ?? mod.default.render;
  if (!render) throw new Error(`${name}: no render function`);
  const args = { ...mod.default.args, ...story.args, ...extraArgs };
  const wrapper = await fixture<HTMLElement>(render(args));
  const canvas = wrapper.parentElement as HTMLElement;
  if (story.play) await story.play({ canvasElement: canvas, args });
  await new Promise((r) => setTimeout(r, 0));
  return canvas;
}

async function accessible(canvas: HTMLElement, label: string): Promise<void> {
  try {
    await expect(canvas).to.be.accessible();
  } catch (e) {
    throw new Error(`${label}: ${(e as Error).message}`);
  }
}

for (const [file, load] of Object.entries(storyFiles)) {
  if (file === LIVE_FILE) continue;
  describe(`stories/${file}`, () => {
    let mod: StoryModule;
    before(async () => {
      mod = await load();
    });

    it('every story renders and is accessible', async () => {
      const names = storyNames(mod);
      expect(names.length).to.be.greaterThan(0);
      for (const name of names) {
        // One story on the page at a time, as in Storybook.
        await accessible(await show(mod, name), `${file} › ${name}`);
        fixtureCleanup();
      }
    });
  });
}

/** The text and parts one story shows, for the checks below. */
async function shown(
  file: string,
  name: string,
  tag: string,
): Promise<{ el: HTMLElement; root: ShadowRoot; text: string }> {
  const canvas = await show(await storyFiles[file]!(), name);
  const el = canvas.querySelector(tag) as HTMLElement & { updateComplete: Promise<unknown> };
  await el.updateComplete;
  return { el, root: el.shadowRoot!, text: el.shadowRoot!.textContent ?? '' };
}

describe('stories show the state they are named for', () => {
  afterEach(() => fixtureCleanup());

  it('pex-call: Host and Guest with moving remote video and a synthetic self view', async () => {
    for (const [name, role] of [
      ['InCallHost', 'host'],
      ['InCallGuest', 'guest'],
    ] as const) {
      const { el, root } = await shown('call.stories.ts', name, 'pex-call');
      const call = el as PexCall;
      expect(call.service.conference.get()).to.include({ phase: 'in-call', role });
      const main = root.querySelector<HTMLVideoElement>('[part="main-video"]')!;
      const self = root.querySelector<HTMLVideoElement>('[part="self-view"]')!;
      expect((main.srcObject as MediaStream).getVideoTracks()[0]!.readyState).to.equal('live');
      // Canvas streams, not a camera: nothing asked the browser for a device.
      expect((self.srcObject as MediaStream).getVideoTracks()[0]!.label).to.not.match(/camera|fake/i);
      expect(call.service.participants.get().list.map((p) => p.displayName)).to.include('Bob');
      fixtureCleanup();
    }
  });

  it('pex-call: presentation as stills and in full motion', async () => {
    const stills = await shown('call.stories.ts', 'PresentationStills', 'pex-call');
    expect(stills.root.querySelector('[part="presentation"] img')?.getAttribute('src')).to.match(/^blob:/);
    fixtureCleanup();
    const full = await shown('call.stories.ts', 'PresentationFullMotion', 'pex-call');
    const video = full.root.querySelector<HTMLVideoElement>('[part="presentation"] video')!;
    expect((video.srcObject as MediaStream).getVideoTracks()).to.have.length(1);
  });

  it('pex-roster: 1,000 people with every badge and someone waiting; a Host row menu open', async () => {
    const big = await shown('roster.stories.ts', 'ThousandParticipants', 'pex-roster');
    expect(big.text).to.include('1000');
    expect(big.text).to.include('Walter Waits is waiting to join');
    const badges = new Set(
      [...big.root.querySelectorAll('[part="badge"]')].map((b) => b.getAttribute('data-badge')),
    );
    for (const b of [
      'calling',
      'waiting',
      'streaming',
      'speaking',
      'muted',
      'camera-off',
      'presenting',
      'hand-raised',
    ])
      expect(badges, b).to.include(b);
    expect(big.root.querySelectorAll('[part="row"]').length, 'windowed').to.be.lessThan(100);
    fixtureCleanup();
    const menu = await shown('roster.stories.ts', 'HostRowMenuOpen', 'pex-roster');
    const details = menu.root.querySelector('[part="details"]')!;
    expect(details.textContent).to.include('Bob Berg');
    expect([...details.querySelectorAll('button')].map((b) => b.textContent?.trim())).to.include.members([
      'Transfer…',
      'Disconnect',
      'Message privately',
    ]);
  });

  it('pex-chat: links, an image preview, a private message, a failed one, a hostile one as text, chat off', async () => {
    const log = await shown('chat.stories.ts', 'LinksAndImagePreview', 'pex-chat');
    expect(
      [...log.root.querySelectorAll('a[part="link"]')].map((a) => (a as HTMLAnchorElement).protocol),
    ).to.include('https:');
    const img = log.root.querySelector<HTMLImageElement>('[part="preview"] img')!;
    expect(img.naturalWidth, 'the preview image loaded').to.equal(320);
    fixtureCleanup();
    const direct = await shown('chat.stories.ts', 'PrivateMessages', 'pex-chat');
    expect(direct.text).to.include('(private)');
    fixtureCleanup();
    const failed = await shown('chat.stories.ts', 'FailedMessage', 'pex-chat');
    expect(failed.root.querySelector('[part="failed"]')?.textContent).to.include('Retry');
    fixtureCleanup();
    const hostile = await shown('chat.stories.ts', 'HostileMessage', 'pex-chat');
    expect(hostile.text).to.include('<script>alert(1)</script>');
    expect(hostile.root.querySelector('script, img[src="x"], b')).to.equal(null);
    const hrefs = [...hostile.root.querySelectorAll('a')].map((a) => a.getAttribute('href'));
    expect(hrefs.some((h) => /javascript:|evil\.example|data:/.test(h ?? ''))).to.equal(false);
    fixtureCleanup();
    const off = await shown('chat.stories.ts', 'ChatDisabled', 'pex-chat');
    expect(off.root.querySelector('[part="disabled"]')).to.not.equal(null);
  });

  it('pex-settings: administrator-hidden fields are not shown; a refused value says why', async () => {
    const hidden = await shown('settings.stories.ts', 'AdministratorHidesSome', 'pex-settings');
    for (const n of [
      'bandwidth',
      'defaultDomain',
      'sendUsageStatistics',
      'defaultDialOutProtocol',
      'screenshareFrameRate',
    ])
      expect(hidden.root.querySelector(`[name="${n}"]`), n).to.equal(null);
    expect(hidden.root.querySelector('[name="displayName"]')).to.not.equal(null);
    fixtureCleanup();
    const refused = await shown('settings.stories.ts', 'RefusedValue', 'pex-settings');
    expect(refused.root.querySelector('[role="alert"]')?.textContent).to.match(/domain/i);
  });
});

describe('story args (the controls panel)', () => {
  it('reach the element as a page sets them, on the same element when they change', async () => {
    await import('../../src/components/roster/pex-roster.js');
    // The categories Storybook's argTypes get from custom-elements.json.
    const argTypes = {
      collapsed: { table: { category: 'attributes' } },
      call: { table: { category: 'attributes' } },
      heading: { table: { category: 'slots' } },
      '--pex-roster-max-height': { table: { category: 'css custom properties' } },
      onPexToggle: { table: { category: 'events' }, action: { name: 'pex-toggle' } },
    };
    const host = document.createElement('div');
    document.body.append(host);
    const toggles: boolean[] = [];
    const show = (args: Args): HTMLElement => {
      litRender(element('pex-roster', args, { argTypes }, { style: 'max-width: 20rem' }), host);
      return host.querySelector('pex-roster') as HTMLElement;
    };
    const onPexToggle = (e: Event): void => void toggles.push((e as Event & { open: boolean }).open);
    const first = show({
      collapsed: false,
      call: 'main',
      heading: 'People',
      '--pex-roster-max-height': '10rem',
      onPexToggle,
    });
    expect(first.hasAttribute('collapsed')).to.equal(false);
    expect(first.getAttribute('call')).to.equal('main');
    expect(first.querySelector('[slot="heading"]')?.textContent).to.equal('People');
    expect(first.style.getPropertyValue('--pex-roster-max-height')).to.equal('10rem');
    expect(first.getAttribute('style')).to.include('max-width: 20rem');

    const second = show({ collapsed: true, call: '', heading: 'Who is here', onPexToggle });
    expect(second, 'the same element').to.equal(first);
    expect(second.hasAttribute('collapsed')).to.equal(true);
    expect((second as unknown as { collapsed: boolean }).collapsed).to.equal(true);
    expect(second.hasAttribute('call')).to.equal(false);
    expect(second.querySelector('[slot="heading"]')?.textContent).to.equal('Who is here');
    expect(second.style.getPropertyValue('--pex-roster-max-height')).to.equal('');
    // The event arg listens, once, to the event the manifest names.
    await (second as unknown as { updateComplete: Promise<unknown> }).updateComplete;
    second.shadowRoot!.querySelector<HTMLButtonElement>('[part="toggle"]')!.click();
    expect(toggles).to.deep.equal([true]);
    host.remove();
  });
});

describe('the toolbar (theme and language)', () => {
  afterEach(() => fixtureCleanup());

  it('sets the theme attribute on the pex-* elements of a story; Follow the system removes only its own', async () => {
    const root = await fixture<HTMLElement>(
      html`<div>
        <pex-roster></pex-roster>
        <section><pex-chat theme="light"></pex-chat></section>
        <p>page</p>
      </div>`,
    );
    applyTheme(root, 'dark');
    expect(
      [...root.querySelectorAll('[theme]')].map((e) => `${e.localName}=${e.getAttribute('theme')}`),
    ).to.deep.equal(['pex-roster=dark', 'pex-chat=dark']);
    applyTheme(root, 'auto');
    expect(root.querySelectorAll('[theme]')).to.have.length(0);
    const panelChosen = root.querySelector('pex-roster')!;
    panelChosen.setAttribute('theme', 'high-contrast');
    applyTheme(root, 'auto');
    expect(panelChosen.getAttribute('theme'), 'a theme from the controls panel stays').to.equal(
      'high-contrast',
    );
  });

  it('switches the language of the page and of the stores stories gave out', async () => {
    const store = storySettings();
    try {
      await useLanguage('nb');
      expect(getLanguage()).to.equal('nb');
      expect(store.get().language).to.equal('nb');
      expect(storySettings().get().language, 'new stores start in it').to.equal('nb');
    } finally {
      await useLanguage('en');
    }
    expect(getLanguage()).to.equal('en');
  });
});

describe('stories played at once, as on a Docs page', () => {
  it('each reaches its own state (no join falls through to the real SDK)', async () => {
    const mod = await storyFiles['call.stories.ts']!();
    const expected: Record<string, string> = {
      InCallHost: 'in-call',
      InCallGuest: 'in-call',
      WaitingRoom: 'waiting-room',
      PinRequired: 'needs-pin',
      ErrorFull: 'ended',
      EndedKicked: 'ended',
    };
    const canvases = await Promise.all(
      Object.keys(expected).map(async (name) => {
        const story = mod[name] as Story;
        const wrapper = await fixture<HTMLElement>(
          mod.default.render!({ ...mod.default.args, ...story.args }),
        );
        return { name, canvas: wrapper.parentElement as HTMLElement, play: story.play! };
      }),
    );
    await Promise.all(canvases.map(({ canvas, play }) => play({ canvasElement: canvas, args: {} })));
    for (const { name, canvas } of canvases) {
      const c = (canvas.querySelector('pex-call') as PexCall).service.conference.get();
      expect(`${name}: ${c.phase} ${c.error?.code ?? ''}`.trim()).to.equal(
        `${name}: ${expected[name]}${name === 'ErrorFull' ? ' full' : name === 'EndedKicked' ? ' kicked' : ''}`,
      );
    }
    fixtureCleanup();
  });
});

describe('stories/live.stories.ts (against the local node)', function () {
  this.timeout(60000);
  let mod: StoryModule;
  before(async () => {
    mod = await storyFiles[LIVE_FILE]!();
  });

  const nodeRoster = async (alias: string): Promise<string[]> =>
    (await (await fetch(`/__local-node__/roster?conference=${alias}`)).json()) as string[];

  it('has exactly the stories tested here', () => {
    expect(storyNames(mod).sort()).to.deep.equal(['Participant', 'TwoParticipants']);
  });

  it('One participant joins the node with a synthetic camera, and is accessible', async () => {
    const canvas = await show(mod, 'Participant', {
      node: '',
      conference: 'meet.small',
      name: 'Storybook Alice',
    });
    const call = canvas.querySelector('pex-call') as PexCall;
    await waitFor(() => call.service.conference.get().phase === 'in-call', 'in-call', 15000);
    // The node lists her (the service reached the call through the node, not a script).
    expect(await nodeRoster('meet.small')).to.include('Storybook Alice');
    const local = call.service.media.get().local;
    expect(local?.getVideoTracks()[0]?.label ?? '', 'a canvas track, not a camera').to.not.match(
      /fake|camera/i,
    );
    await accessible(canvas, 'live › Participant');
    await call.leave();
  });

  it('Two participants: each frame sees the other in its roster and chat', async () => {
    const frame = new URL('./fixtures/call-frame.html', import.meta.url).href;
    const canvas = await show(mod, 'TwoParticipants', { frame, node: '', conference: 'meet.alice' });
    const frames = [...canvas.querySelectorAll('iframe')];
    expect(frames).to.have.length(2);
    const calls = await Promise.all(
      frames.map((f) =>
        waitFor(
          () => {
            const el = f.contentDocument?.querySelector('pex-call') as PexCall | null;
            return el?.service?.conference.get().phase === 'in-call' ? el : undefined;
          },
          `${f.title} in the call`,
          20000,
        ),
      ),
    );
    for (const c of calls)
      await waitFor(() => c.service.participants.get().list.length === 2, 'both in each roster', 10000);
    const names = await nodeRoster('meet.alice');
    expect(names).to.include.members(['Alice', 'Bob']);
    await calls[0]!.service.sendChat('Hello from the story test');
    const seen = await waitFor(
      () =>
        calls[1]!.service.chat
          .get()
          .messages.find((m: ChatMessage) => m.text === 'Hello from the story test' && !m.isMine),
      "Bob to get Alice's message",
    );
    expect(seen.senderName).to.equal('Alice');
    await accessible(canvas, 'live › TwoParticipants');
    await Promise.all(calls.map((c) => c.leave()));
  });

  it('Two participants says how to start the node when none answers, and opens no frame', async () => {
    const canvas = await show(mod, 'TwoParticipants', { node: 'http://127.0.0.1:9' });
    expect(canvas.querySelector('.live-status')!.textContent).to.include('npm start');
    expect(canvas.querySelectorAll('iframe')).to.have.length(0);
    await accessible(canvas, 'live › TwoParticipants without a node');
    fixtureCleanup();
  });

  it('says how to start the node when none answers', async () => {
    const canvas = await show(mod, 'Participant', { node: 'http://127.0.0.1:9', name: 'Nobody' });
    const status = canvas.querySelector('.live-status')!;
    expect(status.textContent).to.include('npm start');
    expect(status.textContent).to.include(`PEX_ALLOWED_ORIGINS=${location.origin}`);
    expect((canvas.querySelector('pex-call') as PexCall).hidden).to.equal(true);
    await accessible(canvas, 'live › Participant without a node');
  });
});

describe("the catalogue's demo meeting (a Join no script plays)", () => {
  it('joins a demo meeting, while a join given a node still goes to that node', async () => {
    const uninstall = installDemoTransport(syntheticVideo);
    try {
      const mod = await storyFiles['call.stories.ts']!();
      const canvas = await show(mod, 'JoinForm', { media: 'none' });
      const call = canvas.querySelector('pex-call') as PexCall;
      await call.join();
      await waitFor(() => call.service.conference.get().phase === 'in-call', 'the demo meeting');
      expect(call.service.conference.get().conferenceName).to.equal('Demo room');
      await waitFor(() => call.service.participants.get().list.length === 3, 'the demo roster');
      fixtureCleanup();

      const live = await show(mod, 'JoinForm', { media: 'none', node: location.origin, name: 'Demo Dora' });
      const real = live.querySelector('pex-call') as PexCall;
      await real.join();
      await waitFor(() => real.service.conference.get().phase === 'in-call', 'the real node', 15000);
      expect(real.service.conference.get().conferenceName).to.equal("Alice's meeting room");
      const names = (await (await fetch('/__local-node__/roster?conference=meet.alice')).json()) as string[];
      expect(names).to.include('Demo Dora');
      await real.leave();
    } finally {
      uninstall();
      fixtureCleanup();
    }
  });
});
