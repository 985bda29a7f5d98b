/**
 * Privacy on the local node with the real SDK (issue 10, points 1–3): removing `<pex-call>` leaves
 * the meeting (moving it does not), no camera or microphone track stays live after Disconnect,
 * `leave()`, an error or removal, and closing the page releases the token at once (a `keepalive`
 * request), so the others see the person leave without waiting for the token to expire.
 */
import { expect } from '@open-wc/testing';
import { REMOVAL_GRACE_MS } from '../../src/components/call/call.js';
import { usePages, type CallPage } from './fixtures/call-page.js';
import { departures } from './fixtures/node-records.js';
import { waitFor } from './fixtures/sdk-participant.js';

async function joinWithCamera(p: CallPage, name: string): Promise<void> {
  await p.join('meet.alice', name, 'video');
  await p.phaseIs('in-call');
  expect(p.liveTracks().length).to.equal(2);
}

const names = (p: CallPage): string[] => p.call.service.participants.get().list.map((x) => x.displayName);

describe('privacy on the local node', () => {
  const open = usePages();
  afterEach(() => localStorage.clear());

  it('leave() and an error (kicked by a Host) leave no live track', async () => {
    const a = await open();
    await joinWithCamera(a, 'Lea Leave');
    await a.call.leave(true);
    await a.phaseIs('ended');
    expect(a.liveTracks()).to.deep.equal([]);

    const host = await open();
    await host.join('meet.alice', 'Kim Kicker', 'none');
    await host.phaseIs('in-call');
    await a.click('Join again');
    await a.confirmDevices();
    await a.phaseIs('in-call');
    const uuid = await waitFor(() => host.participant('Lea Leave')?.uuid, 'Lea in the host roster');
    await host.call.service.kick(uuid);
    await a.phaseIs('ended');
    expect(a.call.service.conference.get().error).to.exist;
    expect(a.liveTracks()).to.deep.equal([]);
  });

  it('removing <pex-call> leaves the meeting, fires pex-leave and closes camera and microphone', async () => {
    const a = await open();
    const b = await open();
    await b.join('meet.alice', 'Bea Watcher', 'none');
    await b.phaseIs('in-call');
    await joinWithCamera(a, 'Rita Removed');
    await waitFor(() => names(b).includes('Rita Removed'), 'Bea to see Rita');
    let left = 0;
    a.call.addEventListener('pex-leave', () => left++);
    a.call.remove(); // what a single-page portal does on a route change
    await waitFor(() => a.phase === 'ended', 'the removed call to end', REMOVAL_GRACE_MS + 8000);
    expect(left).to.equal(1);
    expect(a.liveTracks()).to.deep.equal([]);
    await waitFor(() => !names(b).includes('Rita Removed'), 'Bea to see Rita leave');
    const gone = (await departures('meet.alice')).filter((d) => d.displayName === 'Rita Removed');
    expect(gone.map((d) => d.reason)).to.deep.equal(['released']);
  });

  it('moving <pex-call> within the page keeps the call (and no duplicate participant)', async () => {
    const a = await open();
    const b = await open();
    await b.join('meet.alice', 'Bo Watcher', 'none');
    await a.join('meet.alice', 'Mo Mover', 'none');
    await a.phaseIs('in-call');
    await waitFor(() => names(b).includes('Mo Mover'), 'Bo to see Mo');
    const doc = a.frame.contentDocument!;
    const box = doc.createElement('section');
    doc.body.append(box);
    box.append(a.call); // a synchronous move
    // A move across an await (a framework that detaches, then re-inserts a little later).
    a.call.remove();
    await new Promise((r) => setTimeout(r, REMOVAL_GRACE_MS / 4));
    doc.body.prepend(a.call);
    // Nothing may happen past the grace period: wait it out.
    await new Promise((r) => setTimeout(r, REMOVAL_GRACE_MS + 500));
    expect(a.phase).to.equal('in-call');
    expect(names(b).filter((n) => n === 'Mo Mover')).to.have.length(1);
    expect((await departures('meet.alice')).some((d) => d.displayName === 'Mo Mover')).to.equal(false);
  });

  it('closing or leaving the page releases the token at once (keepalive), not at expiry', async () => {
    const a = await open();
    const b = await open();
    await b.join('meet.alice', 'Pat Watcher', 'none');
    await joinWithCamera(a, 'Page Hidden');
    await waitFor(() => names(b).includes('Page Hidden'), 'Pat to see the other');
    a.frame.src = 'about:blank'; // navigating away fires pagehide in the participant's page
    await waitFor(() => !names(b).includes('Page Hidden'), 'Pat to see the other leave');
    const gone = (await departures('meet.alice')).filter((d) => d.displayName === 'Page Hidden');
    expect(gone.map((d) => d.reason)).to.deep.equal(['released']);
  });
});
