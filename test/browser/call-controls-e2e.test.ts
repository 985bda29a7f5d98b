/**
 * <pex-call>'s in-call controls end to end: the real SDK against the local node, one iframe per person
 * (volume, full screen, Start conference, Disconnect all, `forceguest=1`).
 */
import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import { type CallPage, usePages } from './fixtures/call-page.js';
import { waitFor } from './fixtures/sdk-participant.js';

/** Clicks a button of a page with a real mouse (so the click counts as a user gesture). */
async function mouseClick(p: CallPage, button: HTMLElement): Promise<void> {
  button.scrollIntoView({ block: 'center' });
  const frame = p.frame.getBoundingClientRect();
  const b = button.getBoundingClientRect();
  await sendMouse({
    type: 'click',
    position: [Math.round(frame.left + b.left + b.width / 2), Math.round(frame.top + b.top + b.height / 2)],
  });
}

/** Joins meet.bob with the Host PIN (control only, so the conference is not started). */
async function joinBobAsHost(p: CallPage, name: string): Promise<void> {
  await p.join('meet.bob', name);
  await p.phaseIs('needs-pin');
  await p.fill('pin', '1234');
  await p.click('Join');
  await p.phaseIs('in-call');
}

describe('<pex-call> controls against the local node', () => {
  const open = usePages();

  it('the Volume slider sets the volume of the meeting video', async () => {
    const a = await open();
    await a.join('meet.alice', 'Val', 'video');
    await a.phaseIs('in-call');
    const video = await waitFor(() => a.root.querySelector<HTMLVideoElement>('video.main'), 'main video');
    expect(video.volume).to.equal(1);
    const slider = await waitFor(
      () =>
        [...a.root.querySelectorAll<HTMLInputElement>('input[type="range"]')].find((i) =>
          i.closest('label')?.textContent?.includes('Volume'),
        ),
      'the Volume slider',
    );
    slider.value = '0.25';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await a.call.updateComplete;
    expect(video.volume).to.equal(0.25);
    slider.value = '0';
    slider.dispatchEvent(new Event('input', { bubbles: true }));
    await a.call.updateComplete;
    expect(video.volume).to.equal(0);
  });

  it('Full screen puts the call in full screen and takes it out again', async () => {
    const a = await open();
    await a.join('meet.alice', 'Fiona');
    await a.phaseIs('in-call');
    const doc = a.frame.contentDocument!;
    expect(doc.fullscreenElement).to.equal(null);
    await mouseClick(a, await waitFor(() => a.button('Full screen'), 'the Full screen button'));
    await waitFor(() => doc.fullscreenElement === a.call, 'the call in full screen');
    expect(a.alert()).to.equal('');
    await mouseClick(a, a.button('Full screen')!);
    await waitFor(() => doc.fullscreenElement === null, 'full screen to end');
  });

  it('meet.bob: a Guest waits until the Host presses Start conference', async () => {
    const guest = await open();
    await guest.join('meet.bob', 'Gwen');
    await guest.phaseIs('needs-pin');
    await guest.choose('role', 'guest');
    await guest.click('Join');
    await guest.phaseIs('waiting-for-host');
    const host = await open();
    await joinBobAsHost(host, 'Horace');
    // A control-only Host does not start the conference: the Guest still waits.
    expect(host.text()).to.include('Not started');
    await waitFor(() => host.participant('Gwen'), 'the Host to see Gwen');
    expect(guest.phase).to.equal('waiting-for-host');
    await host.click('Conference menu');
    await host.click('Start conference');
    await guest.phaseIs('in-call');
    await waitFor(() => !host.text().includes('Not started'), 'the Not started badge to go');
    await host.click('Conference menu');
    expect(host.button('Start conference')).to.equal(undefined);
  });

  it('Disconnect all ends the call for everyone, the Host included', async () => {
    const host = await open();
    const b = await open();
    const c = await open();
    await host.join('meet.alice', 'Dora');
    await host.phaseIs('in-call');
    await b.join('meet.alice', 'Dan');
    await b.phaseIs('in-call');
    await c.join('meet.alice', 'Dee');
    await c.phaseIs('in-call');
    await waitFor(() => host.participant('Dan') && host.participant('Dee'), 'the Host to see both');
    await host.click('Conference menu');
    await host.click('Disconnect all participants');
    const dialog = host.root.querySelector<HTMLDialogElement>('#end-all-dialog')!;
    expect(dialog.open).to.equal(true);
    // Cancel keeps everyone in.
    await host.click('Cancel');
    expect(dialog.open).to.equal(false);
    expect([host.phase, b.phase, c.phase]).to.deep.equal(['in-call', 'in-call', 'in-call']);
    await host.click('Conference menu');
    await host.click('Disconnect all participants');
    await host.click('Disconnect all');
    await Promise.all([host.phaseIs('ended'), b.phaseIs('ended'), c.phaseIs('ended')]);
  });

  it('forceguest=1 in a Host PIN link joins without Host controls', async () => {
    const forced = await open('?conference=meet.carol&name=Fern&pin=1234&forceguest=1&join=1&media=');
    await forced.phaseIs('in-call');
    expect(forced.call.service.isHost).to.equal(false);
    expect(forced.button('Conference menu')).to.equal(undefined);
    expect(forced.root.querySelector('[part~="header"]')?.textContent).to.include('Guest');
    // The same link without forceguest makes a Host.
    const host = await open('?conference=meet.carol&name=Hal&pin=1234&join=1&media=');
    await host.phaseIs('in-call');
    expect(host.call.service.isHost).to.equal(true);
    expect(host.button('Conference menu')).to.exist;
    expect(forced.button('Conference menu')).to.equal(undefined);
  });
});
