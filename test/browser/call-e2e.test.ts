/**
 * <pex-call> end to end: the real SDK against the local conferencing node, one iframe per person.
 */
import { expect } from '@open-wc/testing';
import { type CallPage, usePages } from './fixtures/call-page.js';
import { waitFor } from './fixtures/sdk-participant.js';

describe('<pex-call> against the local node', () => {
  const open = usePages();

  it('joins meet.alice and sees the other person', async () => {
    const a = await open();
    const b = await open();
    await a.join('meet.alice', 'Alice');
    await a.phaseIs('in-call');
    await b.join('meet.alice', 'Bob');
    await b.phaseIs('in-call');
    await waitFor(() => a.participant('Bob'), 'Alice to see Bob');
    expect(a.text()).to.include("Alice's meeting room");
    expect(a.button('Conference menu')).to.exist;
  });

  it('meet.carol: the Host PIN makes a Host and the Guest PIN a Guest; a wrong PIN is explained', async () => {
    const host = await open();
    await host.join('meet.carol', 'Carol');
    await host.phaseIs('needs-pin');
    await host.fill('pin', '1111');
    await host.click('Join');
    await waitFor(() => /PIN is not correct/.test(host.alert()), 'the wrong-PIN message');
    await host.fill('pin', '1234');
    await host.click('Join');
    await host.phaseIs('in-call');
    expect(host.call.service.isHost).to.equal(true);

    const guest = await open();
    await guest.join('meet.carol', 'Gus');
    await guest.phaseIs('needs-pin');
    expect(guest.root.querySelectorAll('input[name="role"]')).to.have.length(
      0,
      'no Guest choice: Guests need a PIN',
    );
    await guest.fill('pin', '5678#');
    await guest.click('Join');
    // A control-only Host does not start a hosted conference: the Guest waits…
    await guest.phaseIs('waiting-for-host');
    // …until the Host starts it from the conference menu.
    await host.click('Conference menu');
    await host.click('Start conference');
    await guest.phaseIs('in-call');
    expect(guest.call.service.isHost).to.equal(false);
    expect(guest.button('Conference menu')).to.equal(undefined);
  });

  it('meet.bob: a Guest chooses "Guest" at the PIN prompt and waits for the Host', async () => {
    const guest = await open();
    await guest.join('meet.bob', 'Gail');
    await guest.phaseIs('needs-pin');
    await guest.choose('role', 'guest');
    await guest.click('Join');
    await guest.phaseIs('waiting-for-host');
    expect(guest.text()).to.include('Waiting for the Host');
  });

  it('locked: a newcomer waits and is let in by the Host', async () => {
    const host = await open();
    await host.join('meet.alice', 'Hannah');
    await host.phaseIs('in-call');
    await host.click('Conference menu');
    await host.click('Lock conference');
    await waitFor(() => host.call.service.conference.get().locked, 'the lock');
    const late = await open();
    await late.join('meet.alice', 'Larry');
    await late.phaseIs('waiting-room');
    expect(late.text()).to.include('Waiting to be let in');
    const row = await waitFor(() => host.participant('Larry'), 'the Host to see Larry');
    expect(row.isWaiting).to.equal(true);
    await host.call.service.admit(row.uuid);
    await late.phaseIs('in-call');
  });

  it('disconnects after confirmation and can join again', async () => {
    const a = await open();
    a.call.confirmDisconnect = true;
    await a.join('meet.alice', 'Quinn');
    await a.phaseIs('in-call');
    await a.click('Disconnect');
    const dialog = a.root.querySelector<HTMLDialogElement>('#leave-dialog')!;
    expect(dialog.open).to.equal(true);
    expect(a.phase).to.equal('in-call');
    dialog.querySelector<HTMLButtonElement>('button.danger')!.click();
    await a.phaseIs('ended');
    expect(a.button('Join again')).to.exist;
  });

  it('reports a meeting that does not exist, and one that is full', async () => {
    const a = await open();
    await a.join('meet.nobody', 'Nina');
    await a.phaseIs('ended');
    expect(a.alert()).to.match(/no meeting with that address/);
    const s1 = await open();
    const s2 = await open();
    const s3 = await open();
    await s1.join('meet.small', 'One');
    await s1.phaseIs('in-call');
    await s2.join('meet.small', 'Two');
    await s2.phaseIs('in-call');
    await s3.join('meet.small', 'Three');
    await s3.phaseIs('ended');
    expect(s3.alert()).to.match(/meeting is full/);
  });

  it('Virtual Reception: asks for the extension and joins the room behind it', async () => {
    const a = await open();
    await a.join('reception', 'Vera');
    await a.phaseIs('needs-extension');
    await a.fill('extension', '999');
    await a.click('Join');
    await waitFor(() => /no meeting with that extension/.test(a.alert()), 'unknown extension message');
    await a.fill('extension', '100');
    await a.click('Join');
    await a.phaseIs('in-call');
    expect(a.text()).to.include("Alice's meeting room");
  });
});

describe('<pex-call> with media against the local node', () => {
  const open = usePages();

  /** The main video of a page really plays: it has a size and its time advances. */
  const plays = async (p: CallPage, what: string): Promise<HTMLVideoElement> => {
    const video = await waitFor(
      () => p.root.querySelector<HTMLVideoElement>('video.main'),
      `${what}: main video`,
    );
    const t0 = await waitFor(
      () => video.videoWidth > 0 && video.currentTime > 0 && video.currentTime,
      `${what}: frames`,
    );
    await waitFor(() => video.currentTime > t0, `${what}: time advances`);
    return video;
  };

  it('joins straight from a link in the page URL', async () => {
    const p = await open('?conference=meet.alice&name=Linky&join=1&media=');
    await p.phaseIs('in-call');
    expect(p.call.service.conference.get().mediaMode).to.equal('none');
    expect(p.participant('Linky')?.isMe).to.equal(true);
  });

  it('two people with video see each other; mute and camera-off show on the other side', async () => {
    const a = await open();
    const b = await open();
    await a.join('meet.alice', 'Ada', 'video');
    await a.phaseIs('in-call');
    await b.join('meet.alice', 'Ben', 'video');
    await b.phaseIs('in-call');
    await plays(a, 'Ada');
    await plays(b, 'Ben');
    await a.click('Mute microphone');
    await waitFor(() => b.participant('Ada')?.isMuted, 'Ben sees Ada muted');
    await a.click('Turn camera off');
    await waitFor(() => b.participant('Ada')?.isCameraMuted, 'Ben sees Ada camera off');
    await a.click('Mute microphone');
    await waitFor(() => b.participant('Ada')?.isMuted === false, 'Ben sees Ada unmuted');
  });

  it('joins audio only: no camera is opened and the call carries audio', async () => {
    const a = await open();
    await a.join('meet.alice', 'Audrey', 'audio');
    await a.phaseIs('in-call');
    const local = await waitFor(() => a.call.service.media.get().local, 'a local stream');
    expect(local.getVideoTracks()).to.have.length(0);
    expect(local.getAudioTracks()).to.have.length(1);
    await waitFor(() => a.participant('Audrey')?.hasMedia, 'the node sees media');
    expect(a.button('Turn camera off')).to.equal(undefined);
  });

  it('starts control-only and escalates to video', async () => {
    const a = await open();
    const b = await open();
    await b.join('meet.alice', 'Watcher', 'video');
    await b.phaseIs('in-call');
    await a.join('meet.alice', 'Climber', 'none');
    await a.phaseIs('in-call');
    expect(a.call.service.media.get().local).to.equal(undefined);
    await a.click('Join with video');
    await a.confirmDevices();
    await waitFor(() => a.call.service.media.get().local?.getVideoTracks().length === 1, 'camera opened');
    await plays(a, 'Climber after escalating');
    await waitFor(() => b.participant('Climber')?.hasMedia, 'the other side sees media');
  });

  it('a Guest waiting on meet.bob gets in when a Host joins with media', async () => {
    const g = await open();
    await g.join('meet.bob', 'Guest Gina');
    await g.phaseIs('needs-pin');
    await g.choose('role', 'guest');
    await g.click('Join');
    await g.phaseIs('waiting-for-host');
    const h = await open();
    await h.join('meet.bob', 'Host Hugo', 'video');
    await h.phaseIs('needs-pin');
    await h.fill('pin', '1234');
    await h.click('Join');
    await h.phaseIs('in-call');
    await g.phaseIs('in-call', 15000);
  });
});
