/**
 * Domain events end to end: a real `<pex-call>` (own iframe, real SDK) on the local node. The call's
 * events are raised once per call by its service on the `<pex-call>`, however many `<pex-share>`
 * follow the call, and whichever button started the command; a portal can veto presenting from the
 * toolbar and leaving, and the node then hears nothing of it.
 */
import { expect } from '@open-wc/testing';
import type { PexShare } from '../../src/components/share/share.js';
import type { PexPresentEvent, PexStateChangeEvent } from '../../src/events/events.js';
import { type CallPage, usePages } from './fixtures/call-page.js';
import { waitFor } from './fixtures/sdk-participant.js';

const CALL_EVENTS = [
  'pex-state-change',
  'pex-join',
  'pex-leave-request',
  'pex-leave',
  'pex-error',
  'pex-present-request',
  'pex-present',
] as const;
type CallEventType = (typeof CALL_EVENTS)[number];

/** Every call event heard anywhere in the participant's page (they bubble and are composed). */
function listen(p: CallPage): Map<CallEventType, Event[]> {
  const heard = new Map<CallEventType, Event[]>(CALL_EVENTS.map((t) => [t, []]));
  for (const type of CALL_EVENTS) {
    p.frame.contentDocument!.addEventListener(type, (e) => heard.get(type)!.push(e));
  }
  return heard;
}

interface Recorded {
  endpoint: string;
  at: number;
}

/** The signalling requests participant `name` made to the node since `since`. */
async function requestsOf(name: string, since: number): Promise<Recorded[]> {
  const q = new URLSearchParams({ name, since: String(since) });
  return (await fetch(`/__local-node__/requests?${q}`, { cache: 'no-store' })).json();
}

async function nodeRoster(alias: string): Promise<string[]> {
  const q = new URLSearchParams({ conference: alias });
  return (await fetch(`/__local-node__/roster?${q}`, { cache: 'no-store' })).json();
}

/** A request that starts a presentation (taking the floor, or its media call). */
const presents = (r: Recorded): boolean => /take_floor|^participants\/<uuid>\/calls$/.test(r.endpoint);

/** Mounts `n` `<pex-share call="call">` beside the call and waits until each follows it. */
async function mountShares(p: CallPage, n: number): Promise<PexShare[]> {
  const doc = p.frame.contentDocument!;
  const shares = Array.from({ length: n }, () => {
    const el = doc.createElement('pex-share') as PexShare;
    el.setAttribute('call', 'call');
    doc.body.append(el);
    return el;
  });
  await waitFor(
    () => shares.every((s) => s.callService === p.call.service),
    `${n} <pex-share> to follow the call`,
    15000,
  );
  return shares;
}

describe('domain events through the local node', function () {
  this.timeout(180000);
  const open = usePages();

  for (const n of [0, 1, 2]) {
    it(`each domain event fires once per call with ${n} <pex-share> mounted (join, present, stop, leave)`, async () => {
      const a = await open();
      await mountShares(a, n);
      expect(a.frame.contentDocument!.querySelectorAll('pex-share')).to.have.length(n);
      const heard = listen(a);

      await a.join('meet.alice', 'Alice', 'video');
      await a.phaseIs('in-call', 20000);

      // Present from the toolbar, then stop.
      await a.click('Share screen');
      await waitFor(() => a.call.service.presentation.get().source === 'screen', 'presenting', 20000);
      await waitFor(() => heard.get('pex-present')!.length >= 1, 'pex-present (started)');
      await a.click('Stop presenting');
      await waitFor(() => !a.call.service.presentation.get().sending, 'stopped', 20000);
      await waitFor(() => heard.get('pex-present')!.length >= 2, 'pex-present (stopped)');

      // Leave from the toolbar.
      await a.click('Disconnect');
      await a.phaseIs('ended', 20000);
      await waitFor(() => heard.get('pex-leave')!.length >= 1, 'pex-leave');
      await a.call.updateComplete;

      const count = (t: CallEventType): number => heard.get(t)!.length;
      expect(count('pex-join'), 'pex-join').to.equal(1);
      expect(count('pex-leave-request'), 'pex-leave-request').to.equal(1);
      expect(count('pex-leave'), 'pex-leave').to.equal(1);
      expect(count('pex-error'), 'pex-error').to.equal(0);
      expect(count('pex-present-request'), 'pex-present-request').to.equal(1);
      const present = heard.get('pex-present') as PexPresentEvent[];
      expect(present.map((e) => [e.presenting, e.source, e.reason])).to.deep.equal([
        [true, 'screen', 'started'],
        [false, 'screen', 'stopped'],
      ]);
      // Each phase change once, from the element that owns the call.
      const states = heard.get('pex-state-change') as PexStateChangeEvent[];
      expect(states.map((e) => `${e.previous}>${e.phase}`)).to.deep.equal([
        'idle>connecting',
        'connecting>in-call',
        'in-call>ended',
      ]);
      for (const e of [...states, ...present]) expect(e.target).to.equal(a.call);
    });
  }

  it('a portal vetoes presenting from the toolbar: nothing reaches the node until it allows it', async () => {
    const a = await open();
    await mountShares(a, 1);
    const heard = listen(a);
    await a.join('meet.alice', 'Alice', 'video');
    await a.phaseIs('in-call', 20000);
    const veto = (e: Event): void => e.preventDefault();
    a.frame.contentDocument!.addEventListener('pex-present-request', veto);

    const since = Date.now();
    await a.click('Share screen');
    await waitFor(() => heard.get('pex-present-request')!.length === 1, 'the present request');
    await a.call.updateComplete;
    expect((heard.get('pex-present-request')![0] as PexPresentEvent).source).to.equal('screen');
    expect(a.call.service.presentation.get().sending).to.equal(false);
    expect(a.button('Stop presenting')).to.equal(undefined);

    // Allowed now: the same button presents, and the node hears it (so the check above could fail).
    a.frame.contentDocument!.removeEventListener('pex-present-request', veto);
    const allowed = Date.now();
    await a.click('Share screen');
    await waitFor(() => a.call.service.presentation.get().source === 'screen', 'presenting', 20000);
    const after = await requestsOf('Alice', since);
    expect(
      after.filter((r) => r.at < allowed && presents(r)),
      'presentation requests while vetoed',
    ).to.deep.equal([]);
    expect(
      after.some((r) => r.at >= allowed && presents(r)),
      after.map((r) => r.endpoint).join(' '),
    ).to.equal(true);
    expect(heard.get('pex-present')!.length).to.equal(1);
  });

  it('a portal vetoes leaving: the node keeps the participant until it allows it', async () => {
    const a = await open();
    const heard = listen(a);
    await a.join('meet.alice', 'Alice', 'none');
    await a.phaseIs('in-call', 20000);
    const veto = (e: Event): void => e.preventDefault();
    a.frame.contentDocument!.addEventListener('pex-leave-request', veto);
    await a.click('Disconnect');
    await waitFor(() => heard.get('pex-leave-request')!.length === 1, 'the leave request');
    await a.call.updateComplete;
    expect(a.phase).to.equal('in-call');
    expect(await nodeRoster('meet.alice')).to.include('Alice');

    a.frame.contentDocument!.removeEventListener('pex-leave-request', veto);
    await a.click('Disconnect');
    await a.phaseIs('ended', 20000);
    for (let i = 0; (await nodeRoster('meet.alice')).includes('Alice'); i++) {
      if (i > 200) throw new Error('timed out waiting for Alice to leave the node');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(heard.get('pex-leave')!.length).to.equal(1);
  });
});
