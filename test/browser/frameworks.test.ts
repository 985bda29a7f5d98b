/**
 * `<pex-call>` and `<pex-roster>` inside real React 19 and Vue 3 host apps (issue 10, point 5), on the
 * local node with the real SDK. Each host passes properties (`conference`, `name`, `media`, a
 * `settings` object), the `auto-join` attribute and its own event handlers; the call joins
 * (control-only), survives a dozen re-renders of its parent (one participant on the node, still in
 * the call, the same element), leaves the meeting when unmounted (the node records the departure) and
 * joins afresh when mounted again, with no duplicate participant. React is bundled for the browser by
 * scripts/wtr-frameworks.mjs; Vue is its own ES build (both from node_modules, offline).
 */
import { expect } from '@open-wc/testing';
import { REMOVAL_GRACE_MS } from '../../src/components/call/call.js';
import type { PexCall } from '../../src/components/call/call.js';
import type { FrameworkHost } from './fixtures/framework-host.js';
import type { DepartureRecord } from '../../conferencing-node/model.js';
import { departures } from './fixtures/node-records.js';
import { SdkParticipant, waitFor } from './fixtures/sdk-participant.js';

const ALIAS = 'meet.alice';
const RERENDERS = 12;

/** Waits for the node to record `name`'s departure from {@link ALIAS}. */
async function departedAs(name: string, timeoutMs = 8000): Promise<DepartureRecord[]> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const gone = (await departures(ALIAS)).filter((d) => d.displayName === name);
    if (gone.length > 0) return gone;
    if (performance.now() > end) throw new Error(`timed out waiting for the node to record ${name} leaving`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

class HostPage {
  constructor(
    readonly frame: HTMLIFrameElement,
    readonly host: FrameworkHost,
  ) {}

  static async open(page: string, name: string): Promise<HostPage> {
    const frame = document.createElement('iframe');
    const query = new URLSearchParams({ conference: ALIAS, name });
    frame.src = new URL(`./fixtures/${page}?${query.toString()}`, import.meta.url).href;
    frame.title = 'host app';
    frame.style.width = '900px';
    frame.style.height = '700px';
    document.body.append(frame);
    const host = await waitFor(
      () => (frame.contentWindow as Window | null)?.frameworkHost,
      `${page} to start`,
      15000,
    );
    return new HostPage(frame, host);
  }

  get doc(): Document {
    return this.frame.contentDocument!;
  }

  call(): PexCall | null {
    return this.doc.querySelector('pex-call');
  }

  /** Names shown by the host's `<pex-roster call="…">`. */
  rosterNames(): string[] {
    const roster = this.doc.querySelector('pex-roster');
    return [...(roster?.shadowRoot?.querySelectorAll('.row .name') ?? [])].map((n) => n.textContent ?? '');
  }

  joins(): number {
    return this.host.heard.filter((h) => h === 'pex-join').length;
  }

  async close(): Promise<void> {
    const call = this.call();
    const phase = call?.service.conference.get().phase;
    if (call && phase !== 'idle' && phase !== 'ended') await call.service.leave().catch(() => undefined);
    this.frame.remove();
  }
}

const count = (list: string[], name: string): number => list.filter((n) => n === name).length;

for (const [framework, page] of [
  ['React 19', 'react-host.html'],
  ['Vue 3', 'vue-host.html'],
] as const) {
  describe(`<pex-call> in a ${framework} host app`, () => {
    let hostPage: HostPage | undefined;
    let watcher: SdkParticipant | undefined;
    afterEach(async () => {
      await hostPage?.close();
      await watcher?.leave();
      hostPage = watcher = undefined;
    });

    it(`joins with properties, auto-join and handlers; keeps the call over ${RERENDERS} re-renders; leaves on unmount; rejoins once on remount`, async () => {
      const name = `${framework.split(' ')[0]} Host ${Math.random().toString(36).slice(2, 7)}`;
      watcher = await SdkParticipant.create();
      await watcher.joined({ alias: ALIAS, name: `${framework} watcher` });
      const onNode = (): number => watcher!.roster().filter((p) => p.displayName === name).length;

      hostPage = await HostPage.open(page, name);
      const { host } = hostPage;
      // Properties and the attribute reached the element as meant; join() is still the method.
      const first = await waitFor(() => hostPage!.call(), 'the host to render <pex-call>');
      expect(first.conference).to.equal(ALIAS);
      expect(first.name).to.equal(name);
      expect(first.media).to.equal('none');
      expect(first.hasAttribute('auto-join')).to.equal(true);
      expect(first.autoJoin).to.equal(true);
      expect(first.join).to.be.a('function');

      // auto-join joined; the host's own handlers heard it and re-rendered with the new phase.
      await waitFor(() => hostPage!.joins() === 1, 'the host handler to hear pex-join', 15000);
      await waitFor(() => hostPage!.doc.querySelector('main')?.dataset['phase'] === 'in-call', 'host state');
      expect(host.heard).to.include('state:in-call');
      await waitFor(() => onNode() === 1, `the node to list ${name}`);
      // The roster (call="<id>") follows the call the host rendered.
      await waitFor(
        () =>
          hostPage!.rosterNames().includes(name) && hostPage!.rosterNames().includes(`${framework} watcher`),
        'the host roster to list both participants',
      );

      // Host state changes that re-render the element's parent.
      const updatesBefore = host.parentUpdates;
      for (let i = 1; i <= RERENDERS; i++) {
        await host.rerender();
        expect(hostPage.doc.querySelector('main')?.dataset['tick']).to.equal(String(i));
      }
      expect(host.parentUpdates - updatesBefore).to.be.at.least(RERENDERS);
      expect(hostPage.call()).to.equal(first);
      await first.updateComplete;
      expect(first.service.conference.get().phase).to.equal('in-call');
      expect(first.join).to.be.a('function');
      expect(hostPage.joins()).to.equal(1);
      // Still exactly one of us on the node, and nobody left.
      expect(onNode()).to.equal(1);
      expect((await departures(ALIAS)).filter((d) => d.displayName === name)).to.deep.equal([]);
      expect(count(hostPage.rosterNames(), name)).to.equal(1);

      // Unmount: the element goes, and after the grace period the call leaves the meeting.
      await host.setShown(false);
      expect(hostPage.call()).to.equal(null);
      await waitFor(
        () => first.service.conference.get().phase === 'ended',
        'the unmounted call to end',
        REMOVAL_GRACE_MS + 8000,
      );
      const gone = await departedAs(name);
      expect(gone.map((d) => d.reason)).to.deep.equal(['released']);
      await waitFor(() => onNode() === 0, `the watcher to see ${name} leave`);

      // Remount: a new element joins afresh, once.
      await host.setShown(true);
      const second = await waitFor(() => hostPage!.call(), 'the host to render <pex-call> again');
      expect(second).not.to.equal(first);
      await waitFor(() => hostPage!.joins() === 2, 'the host handler to hear the second pex-join', 15000);
      expect(second.service.conference.get().phase).to.equal('in-call');
      await waitFor(() => onNode() === 1, `the node to list ${name} again`);
      await waitFor(
        () => count(hostPage!.rosterNames(), name) === 1,
        'the host roster to follow the new call',
      );
      expect(
        count(
          second.service.participants.get().list.map((p) => p.displayName),
          name,
        ),
      ).to.equal(1);
      expect((await departures(ALIAS)).filter((d) => d.displayName === name)).to.have.length(1);
    });
  });
}
