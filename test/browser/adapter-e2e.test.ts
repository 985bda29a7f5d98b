/**
 * The SDK adapter end to end (real SDK, real local node, one iframe per person): DTMF into the call
 * versus toward a participant, call statistics against `RTCPeerConnection.getStats()`, the SDK's
 * console output, and full-motion presentation for a control-only viewer.
 */
import { expect } from '@open-wc/testing';
import { type CallPage, usePages } from './fixtures/call-page.js';
import { waitFor } from './fixtures/sdk-participant.js';

/** What the local node recorded of DTMF in one conference (test-only route of the wtr plugin). */
interface DtmfRecord {
  kind: 'call' | 'participant';
  from: string;
  fromName: string;
  to: string;
  toName: string;
  callUuid?: string;
  digits: string;
}

async function dtmfLog(alias: string): Promise<DtmfRecord[]> {
  const res = await fetch(`/__local-node__/dtmf?conference=${encodeURIComponent(alias)}`);
  return (await res.json()) as DtmfRecord[];
}

/** Polls the node until it has recorded at least `n` DTMF requests in `alias`. */
async function dtmfRecorded(alias: string, n: number, timeoutMs = 8000): Promise<DtmfRecord[]> {
  const end = performance.now() + timeoutMs;
  for (;;) {
    const log = await dtmfLog(alias);
    if (log.length >= n) return log;
    if (performance.now() > end) {
      throw new Error(`the node recorded ${JSON.stringify(log)}; expected ${n} records`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The keypad panel of the call's toolbar (opened if needed). */
async function toolbarKeypad(p: CallPage): Promise<ShadowRoot> {
  if (!p.root.querySelector('pex-dialpad')) await p.click('Keypad');
  const pad = await waitFor(() => p.root.querySelector('pex-dialpad'), 'the toolbar keypad');
  await (pad as HTMLElement & { updateComplete: Promise<unknown> }).updateComplete;
  return pad.shadowRoot!;
}

function press(pad: ShadowRoot, key: string): void {
  const b = [...pad.querySelectorAll('button')].find((x) => x.textContent?.trim() === key);
  if (!b) throw new Error(`no keypad key ${key}`);
  b.click();
}

describe('SDK adapter against the local node: DTMF', () => {
  const open = usePages();

  it('the toolbar keypad sends DTMF into the call; the roster keypad to the dialled participant', async () => {
    const ann = await open();
    await ann.join('meet.alice', 'Ann', 'audio');
    await ann.phaseIs('in-call');
    await waitFor(() => ann.participant('Ann')?.hasMedia, 'the node to see Ann’s media');
    const me = ann.participant('Ann')!.uuid;

    const pad = await toolbarKeypad(ann);
    press(pad, '1');
    press(pad, '#');
    const intoCall = await dtmfRecorded('meet.alice', 2);
    for (const r of intoCall) {
      expect(r.kind, JSON.stringify(r)).to.equal('call');
      expect(r.from).to.equal(me);
      expect(r.callUuid).to.be.a('string').and.not.equal('');
    }
    expect(intoCall.map((r) => r.digits).join('')).to.equal('1#');
    expect(ann.alert()).to.equal('');

    // Dial a far end and key digits at it from its roster row.
    await ann.click('Conference menu');
    await ann.click('Add a participant');
    await ann.fill('destination', 'sip:ivr@example.com');
    await ann.click('Call');
    const name = await waitFor(() => {
      const p = ann.call.service.participants
        .get()
        .list.find((x) => x.uri.includes('ivr@example.com') && !x.isCalling);
      return p?.displayName;
    }, 'the far end to answer');
    await ann.rosterClick(name, 'Keypad');
    const details = await ann.rosterDetails(name);
    const rosterPad = await waitFor(() => details.querySelector('pex-dialpad'), 'the roster keypad');
    await rosterPad.updateComplete;
    press(rosterPad.shadowRoot!, '4');
    press(rosterPad.shadowRoot!, '2');
    const all = await dtmfRecorded('meet.alice', 4);
    const toIvr = all.slice(2);
    const ivr = ann.call.service.participants.get().list.find((x) => x.displayName === name)!.uuid;
    for (const r of toIvr) {
      expect(r.kind, JSON.stringify(r)).to.equal('participant');
      expect(r.to).to.equal(ivr);
      expect(r.from).to.equal(me);
      expect(r.callUuid).to.equal(undefined);
    }
    expect(toIvr.map((r) => r.digits).join('')).to.equal('42');
    // Nothing of it went into Ann's own call.
    expect(all.filter((r) => r.kind === 'call')).to.have.length(2);

    await ann.rosterClick(name, 'Disconnect');
    await waitFor(() => !ann.participant(name), 'the far end to be disconnected');
  });

  it('a control-only participant has no call to send DTMF into: a clear error, nothing sent', async () => {
    const cy = await open();
    await cy.join('meet.alice', 'Cy', 'none');
    await cy.phaseIs('in-call');
    const pad = await toolbarKeypad(cy);
    press(pad, '5');
    await waitFor(() => /no call to do this in/.test(cy.alert()), 'the no-call message');
    expect(await dtmfLog('meet.alice')).to.deep.equal([]);
  });
});
