/**
 * The call under signalling faults, against the local node with the real SDK: the test proxy
 * (scripts/wtr-local-node.mjs, `/__local-node__/fault`) cuts one participant's event stream and API
 * requests, restores them, or makes the node forget a conference's participants (a crash and restart
 * as its clients see it). Media is left alone (the participants join control-only).
 */
import { expect, fixture, html } from '@open-wc/testing';
import '../../src/components/chat/pex-chat.js';
import type { PexChat } from '../../src/components/chat/chat.js';
import { CallService } from '../../src/services/call-service.js';
import { CallError, canRejoin } from '../../src/services/errors.js';
import { fromNodeError } from '../../src/services/infinity/adapter-errors.js';
import { backoffDelay, SignallingWatch, STREAM_BACKOFF } from '../../src/services/infinity/reconnect.js';
import { CallPage, usePages } from './fixtures/call-page.js';
import { admitAs, FakeTransport } from './fixtures/fake-transport.js';
import { waitFor } from './fixtures/sdk-participant.js';

interface Recorded {
  name: string;
  endpoint: string;
  at: number;
  status: number;
}

async function fault(query: string): Promise<unknown> {
  const res = await fetch(`/__local-node__/fault?${query}`, { cache: 'no-store' });
  if (!res.ok) throw new Error(`fault ${query}: ${res.status}`);
  return res.json();
}

async function requestsOf(name: string, since: number): Promise<Recorded[]> {
  const q = new URLSearchParams({ name, since: String(since) });
  return (await fetch(`/__local-node__/requests?${q}`, { cache: 'no-store' })).json();
}

async function nodeChat(alias: string): Promise<string[]> {
  const q = new URLSearchParams({ conference: alias });
  const log = (await (await fetch(`/__local-node__/chat?${q}`, { cache: 'no-store' })).json()) as unknown[];
  return log.map((m) => JSON.stringify(m));
}

/** Polls an async condition (every 200 ms) until it holds. */
async function waitForAsync(fn: () => Promise<boolean>, what: string, timeoutMs = 10_000): Promise<void> {
  const end = performance.now() + timeoutMs;
  while (!(await fn())) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function nodeRoster(alias: string): Promise<string[]> {
  const q = new URLSearchParams({ conference: alias });
  return (
    (await (await fetch(`/__local-node__/roster?${q}`, { cache: 'no-store' })).json()) as string[]
  ).sort();
}

/** Uncaught errors and unhandled rejections of a participant's frame, from now on. */
function uncaught(page: CallPage): string[] {
  const seen: string[] = [];
  const win = page.frame.contentWindow!;
  win.addEventListener('error', (e) => seen.push(`error: ${e.message}`));
  win.addEventListener('unhandledrejection', (e) => {
    // Recorded only if nobody (the library included) handled it: look after other listeners ran.
    setTimeout(() => {
      if (!e.defaultPrevented) seen.push(`unhandled: ${String((e.reason as Error)?.message ?? e.reason)}`);
    });
  });
  return seen;
}

function banner(page: CallPage): HTMLElement | null {
  return page.root.querySelector<HTMLElement>('[part~="reconnecting"][role="status"]');
}

function gapMarkers(page: CallPage): string[] {
  return [...page.chat.shadowRoot!.querySelectorAll('[part~="gap"]')].map((g) => g.textContent?.trim() ?? '');
}

function rosterNames(page: CallPage): string[] {
  return page.call.service.participants
    .get()
    .list.map((p) => p.displayName)
    .sort();
}

const GAP = 'Messages sent while you were reconnecting may be missing';

describe('the call under signalling faults (local node, real SDK)', () => {
  const open = usePages();
  const cleanups: string[] = [];
  afterEach(async () => {
    for (const q of cleanups.splice(0)) await fault(q).catch(() => undefined);
  });
  const cut = async (name: string, mode: 'cut' | 'cut-events' = 'cut'): Promise<void> => {
    cleanups.push(`mode=restore&name=${encodeURIComponent(name)}`);
    await fault(`mode=${mode}&name=${encodeURIComponent(name)}`);
  };
  const restore = (name: string): Promise<unknown> => fault(`mode=restore&name=${encodeURIComponent(name)}`);

  async function inCall(alias: string, ...names: string[]): Promise<CallPage[]> {
    const pages: CallPage[] = [];
    for (const name of names) {
      const p = await open();
      await p.join(alias, name, 'none');
      await p.phaseIs('in-call');
      pages.push(p);
    }
    await waitFor(
      () => pages.every((p) => names.every((n) => p.participant(n))),
      'everyone in everyone’s roster',
    );
    return pages;
  }

  it('shows Reconnecting… while signalling is cut, then the node’s roster and a gap in chat', async () => {
    const [alice, bob] = await inCall('meet.alice', 'Alice', 'Bob');
    const errors = uncaught(alice!);
    const before = Date.now();
    await cut('Alice');
    await waitFor(() => banner(alice!), 'Reconnecting… on Alice’s call', 5000);
    console.log(`reconnect banner shown ${Date.now() - before} ms after the cut`);
    expect(banner(alice!)!.textContent?.trim()).to.equal('Reconnecting…');
    expect(alice!.phase).to.equal('in-call');
    // While Alice hears nothing: Bob writes, then leaves.
    await bob!.sendChat('sent while Alice was away');
    await waitForAsync(
      async () => (await nodeChat('meet.alice')).some((m) => m.includes('sent while Alice was away')),
      'the node to take Bob’s message',
    );
    await bob!.call.service.leave();
    await restore('Alice');
    await waitFor(() => !banner(alice!), 'the banner to go', 15000);
    await waitFor(
      () => gapMarkers(alice!).length === 1 && alice!.participant('Bob') === undefined,
      'the gap marker and Bob gone from Alice’s roster',
      15000,
    );
    expect(gapMarkers(alice!)).to.deep.equal([GAP]);
    expect(rosterNames(alice!)).to.deep.equal(await nodeRoster('meet.alice'));
    expect(alice!.rosterRow('Bob')).to.equal(undefined);
    expect(alice!.phase).to.equal('in-call');
    expect(errors).to.deep.equal([]);
  });

  it('keeps reconnecting after the SDK gives up on its event stream, and resyncs the roster', async function () {
    this.timeout(90_000);
    const [alice, bob] = await inCall('meet.alice', 'Alice', 'Bob');
    const errors = uncaught(alice!);
    const since = Date.now();
    await cut('Alice', 'cut-events');
    await waitFor(() => banner(alice!), 'Reconnecting… on Alice’s call', 5000);
    // The roster changes while Alice hears nothing: Bob leaves, Carol joins.
    await bob!.call.service.leave();
    const carol = await open();
    await carol.join('meet.alice', 'Carol', 'none');
    await carol.phaseIs('in-call');
    // The SDK makes 8 attempts (about 25 s) and stops; the call keeps trying on its own.
    await waitForAsync(
      async () =>
        (await requestsOf('Alice', since)).filter((x) => x.endpoint === 'events' && x.status === 0).length >=
        10,
      'event stream attempts beyond the SDK’s 8',
      60_000,
    );
    expect(alice!.phase).to.equal('in-call');
    expect(banner(alice!)).to.not.equal(null);
    await restore('Alice');
    await waitFor(() => !banner(alice!), 'the banner to go', 20_000);
    await waitFor(
      () => alice!.participant('Carol') && !alice!.participant('Bob'),
      'Carol in, Bob out',
      10_000,
    );
    expect(rosterNames(alice!)).to.deep.equal(await nodeRoster('meet.alice'));
    expect(gapMarkers(alice!)).to.deep.equal([GAP]);
    // The events flow again: a message from Carol arrives.
    await carol.sendChat('hello after the gap');
    await waitFor(() => alice!.chatTexts().includes('hello after the gap'), 'Carol’s message at Alice');
    expect(errors).to.deep.equal([]);
  });

  it('a node crash and restart ends the call at once, without a flood of refreshes; Rejoin joins again', async function () {
    this.timeout(60_000);
    const [alice, bob] = await inCall('meet.alice', 'Alice', 'Bob');
    const errors = [uncaught(alice!), uncaught(bob!)];
    // The node goes down (every request fails), restarts having forgotten everyone, comes back.
    await cut('Alice');
    await cut('Bob');
    await waitFor(() => banner(alice!) && banner(bob!), 'Reconnecting… on both calls', 5000);
    await fault('mode=restart&conference=meet.alice');
    const back = Date.now();
    await restore('Alice');
    await restore('Bob');
    for (const p of [alice!, bob!]) {
      await p.phaseIs('ended', 15_000);
      expect(p.call.service.conference.get().error?.code).to.equal('session-lost');
      expect(p.alert()).to.equal(
        'The meeting server no longer knows this call (it may have restarted). Rejoin to continue.',
      );
    }
    // Whatever each tab does in the 10 s after the node came back, it is a handful of requests.
    await new Promise((r) => setTimeout(r, Math.max(0, back + 10_000 - Date.now())));
    for (const name of ['Alice', 'Bob']) {
      const sent = (await requestsOf(name, back)).filter((r) => r.at < back + 10_000);
      console.log(
        `${name}: ${sent.length} requests in the 10 s after the restart:`,
        sent.map((r) => `${r.endpoint} ${r.status}`).join(', '),
      );
      expect(sent.length, `${name}'s requests`).to.be.at.most(6);
      expect(sent.filter((r) => r.endpoint === 'refresh_token').length).to.be.at.most(2);
    }
    // One action to get back in: the same meeting, name and media.
    await alice!.click('Rejoin');
    await alice!.phaseIs('in-call');
    expect(alice!.call.service.conference.get().displayName).to.equal('Alice');
    expect(alice!.call.service.conference.get().mediaMode).to.equal('none');
    expect(await nodeRoster('meet.alice')).to.include('Alice');
    expect(errors.flat()).to.deep.equal([]);
  });

  it('signalling that cannot be restored ends the call saying so, with Rejoin', async function () {
    this.timeout(60_000);
    const [alice] = await inCall('meet.alice', 'Alice');
    const errors = uncaught(alice!);
    await cut('Alice');
    await waitFor(() => banner(alice!), 'Reconnecting…', 5000);
    // Tests' tokens last 3 s: the SDK stops trying once it can no longer refresh (3 s + 5 s).
    await alice!.phaseIs('ended', 30_000);
    expect(alice!.call.service.conference.get().error?.code).to.equal('reconnect-failed');
    expect(alice!.alert()).to.equal(
      'The connection to the meeting was lost and could not be restored. Check your network, then rejoin.',
    );
    expect(banner(alice!)).to.equal(null);
    await restore('Alice');
    await alice!.click('Rejoin');
    await alice!.phaseIs('in-call');
    expect(await nodeRoster('meet.alice')).to.deep.equal(['Alice']);
    expect(errors).to.deep.equal([]);
  });

  it('a node that stops says so, in the person’s words', async () => {
    const [alice] = await inCall('meet.alice', 'Alice');
    const errors = uncaught(alice!);
    await fault('mode=stop&conference=meet.alice');
    await alice!.phaseIs('ended');
    expect(alice!.alert()).to.equal(
      'The meeting server stopped, so you were disconnected. Rejoin when it is back.',
    );
    expect(alice!.button('Rejoin')).to.not.equal(undefined);
    expect(errors).to.deep.equal([]);
  });
});

describe('signalling watch and error mapping (no node)', () => {
  it('maps the node’s and the SDK’s words to the person’s', () => {
    expect(fromNodeError('Signaling node disconnected', '#pex129').code).to.equal('node-stopped');
    expect(fromNodeError('Could not reconnect to the meeting', '#pex117').code).to.equal('reconnect-failed');
    expect(fromNodeError('Failed to fetch').code).to.equal('network');
    expect(fromNodeError('Failed to fetch').message).to.equal('The connection to the meeting was lost.');
    expect(canRejoin(new CallError('session-lost'))).to.equal(true);
    expect(canRejoin(new CallError('kicked'))).to.equal(false);
  });

  it('backs off exponentially with jitter, up to a cap', () => {
    const at = (n: number, r: number): number => backoffDelay(n, STREAM_BACKOFF, () => r);
    expect([0, 1, 2, 3, 4, 10].map((n) => at(n, 0.5))).to.deep.equal([1000, 2000, 4000, 8000, 15000, 15000]);
    expect(at(2, 0)).to.equal(3200);
    expect(at(2, 1)).to.equal(4800);
  });

  it('reports a refused refresh and a lost stream from what the SDK logs', async () => {
    type Obs = () => void;
    const signal = (): { add(o: Obs): () => void; emit(): void } => {
      const obs = new Set<Obs>();
      return { add: (o) => (obs.add(o), () => obs.delete(o)), emit: () => obs.forEach((o) => o()) };
    };
    const eventSignals = { onConnected: signal(), onError: signal() };
    const seen: string[] = [];
    const watch = new SignallingWatch(
      { eventSignals, createEventSource: () => new EventSource('/never') } as never,
      () => undefined,
      {
        reconnecting: (on, gap) => seen.push(`reconnecting ${on} ${gap}`),
        refused: (status) => seen.push(`refused ${status}`),
        token: (t) => seen.push(`token ${t}`),
      },
    );
    watch.tap({}, 'EventSource error, Trying to reconnect');
    await waitFor(() => watch.reconnecting, 'reconnecting');
    eventSignals.onConnected.emit();
    watch.tap(
      { status: 200, body: { result: { token: 'abc' } } },
      'Response [http://x/api/client/v2/conferences/a/refresh_token]',
    );
    watch.tap({ status: 403 }, 'Response [http://x/api/client/v2/conferences/a/refresh_token]');
    expect(seen).to.deep.equal([
      'reconnecting true false',
      'reconnecting false true',
      'token abc',
      'refused 403',
    ]);
    watch.dispose();
  });
});

describe('call service under signalling faults (FakeTransport)', () => {
  async function inCall(): Promise<{ service: CallService; t: FakeTransport }> {
    let t: FakeTransport | undefined;
    const service = new CallService(async (sink) => (t = new FakeTransport(sink)));
    await service.join({ alias: 'meet.alice', displayName: 'Me', mediaMode: 'none', pin: '1234' });
    admitAs(t!, 'host');
    return { service, t: t! };
  }

  it('flags reconnecting without leaving the call, and marks a gap in chat once back', async () => {
    const { service, t } = await inCall();
    const chat = await fixture<PexChat>(html`<pex-chat .service=${service}></pex-chat>`);
    t.sink.connection({ reconnecting: true, gap: false });
    expect(service.conference.get()).to.include({ phase: 'in-call', reconnecting: true });
    t.sink.connection({ reconnecting: false, gap: true });
    expect(service.conference.get().reconnecting).to.equal(false);
    expect(service.chat.get().messages.filter((m) => m.gap)).to.have.length(1);
    await chat.updateComplete;
    expect(chat.shadowRoot!.querySelector('[part~="gap"]')?.textContent?.trim()).to.equal(GAP);
    await expect(chat).to.be.accessible();
  });

  it('a call that ends while reconnecting is no longer flagged; Rejoin joins the same way again', async () => {
    const { service, t } = await inCall();
    t.sink.connection({ reconnecting: true, gap: false });
    t.sink.disconnected(new CallError('reconnect-failed'));
    expect(service.conference.get()).to.include({ phase: 'ended', reconnecting: false });
    // A late report from the transport does not touch a call that is over.
    t.sink.connection({ reconnecting: false, gap: true });
    expect(service.chat.get().messages.some((m) => m.gap)).to.equal(false);
    await service.rejoin();
    expect(t.joins).to.have.length(2);
    expect(t.joins[1]).to.include({ alias: 'meet.alice', displayName: 'Me', mediaMode: 'none', pin: '1234' });
  });

  it('Rejoin is refused while a call is running', async () => {
    const { service } = await inCall();
    let error: unknown;
    await service.rejoin().catch((e: unknown) => (error = e));
    expect((error as CallError).code).to.equal('no-call');
  });
});
