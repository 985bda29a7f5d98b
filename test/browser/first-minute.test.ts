/**
 * The first minute with `<pex-call>` on the local node and the real SDK (issue 9, points 1, 2, 8):
 * nothing the person types is lost to a late re-render, no camera or microphone opens before the
 * person asks, media joins go through the device check (picture, level meter, devices, "Don't show
 * me these options again"), and `escalate=1` / "Join with video" offer it from a control-only call.
 * Every getUserMedia call and track of a participant frame is recorded (fixtures/media-spy.js).
 */
import { expect } from '@open-wc/testing';
import { usePages, type CallPage } from './fixtures/call-page.js';
import { waitFor } from './fixtures/sdk-participant.js';

const input = (p: CallPage, name: string): HTMLInputElement =>
  p.root.querySelector<HTMLInputElement>(`input[name="${name}"]`)!;

/** Something other than black in the picture of a playing video. */
function hasPixels(video: HTMLVideoElement): boolean {
  if (video.videoWidth === 0) return false;
  const canvas = document.createElement('canvas');
  canvas.width = 32;
  canvas.height = 18;
  const ctx = canvas.getContext('2d')!;
  ctx.drawImage(video, 0, 0, canvas.width, canvas.height);
  const data = ctx.getImageData(0, 0, canvas.width, canvas.height).data;
  for (let i = 0; i < data.length; i += 4) if (data[i]! + data[i + 1]! + data[i + 2]! > 60) return true;
  return false;
}

describe('the first minute on the local node', () => {
  const open = usePages();
  afterEach(() => {
    // The frames share this origin's saved settings: leave them as a fresh visitor has them.
    localStorage.clear();
  });

  it('keeps what the person typed through late settings, links, language and host changes', async () => {
    const p = await open();
    await p.fill('conference', 'meet.alice');
    await p.fill('name', 'Typed Tina');
    await p.choose('media', 'none');
    // Everything that may arrive after the person started typing:
    p.call.settings.set({ displayName: 'Saved Sam' }); // saved settings (another tab, <pex-settings>)
    p.call.link = '?conference=meet.bob&name=Linked%20Lou&media=1'; // a link applied late
    await p.call.updateComplete;
    p.call.settings.set({ language: 'fr' }); // a language switch re-renders every text
    await waitFor(() => /Rejoindre/.test(p.text()), 'the form in French');
    p.call.settings.set({ language: 'en' });
    await waitFor(() => /Join a meeting/.test(p.text()), 'the form in English');
    p.call.setAttribute('conference', 'meet.carol'); // the host page
    p.call.setAttribute('name', 'Host Page');
    p.call.requestUpdate();
    await p.call.updateComplete;
    expect(input(p, 'conference').value).to.equal('meet.alice');
    expect(input(p, 'name').value).to.equal('Typed Tina');
    expect(p.root.querySelector<HTMLInputElement>('input[name="media"][value="none"]')!.checked).to.equal(
      true,
    );

    await p.click('Join');
    await p.phaseIs('in-call');
    const c = p.call.service.conference.get();
    expect([c.alias, c.displayName, c.mediaMode]).to.deep.equal(['meet.alice', 'Typed Tina', 'none']);
    await waitFor(() => p.participant('Typed Tina'), 'the node to list Typed Tina');
  });

  it('opens no camera or microphone on page load, nor for a control-only call', async () => {
    const p = await open();
    await p.roster.updateComplete;
    await p.chat.updateComplete;
    // Give late loads (locale, settings, chunks) a chance to misbehave.
    await new Promise((r) => setTimeout(r, 500));
    expect(p.mediaRequests()).to.deep.equal([]);
    await p.join('meet.alice', 'Quiet Quinn', 'none');
    await p.phaseIs('in-call');
    expect(p.mediaRequests()).to.deep.equal([]);
    expect(p.deviceCheck()).to.equal(null);
  });

  it('audio only opens the microphone alone, through the device check, and releases it on leaving', async () => {
    const p = await open();
    await p.fill('conference', 'meet.alice');
    await p.fill('name', 'Audio Ann');
    await p.choose('media', 'audio');
    await p.click('Join');
    const check = await waitFor(() => p.deviceCheck(), 'the device check');
    expect(check.querySelector('video')).to.equal(null);
    expect(check.querySelector('select[name="cameraId"]')).to.equal(null);
    await p.confirmDevices();
    await p.phaseIs('in-call');
    expect(p.mediaRequests().length).to.be.greaterThan(0);
    for (const c of p.mediaRequests()) expect(c.video ?? false).to.equal(false);
    const local = p.call.service.media.get().local!;
    expect([local.getAudioTracks().length, local.getVideoTracks().length]).to.deep.equal([1, 0]);
    await p.click('Disconnect');
    await p.phaseIs('ended');
    expect(p.liveTracks()).to.deep.equal([]);
  });

  it('video: the check shows the picture, level and devices, saves changes, and joins with that stream', async () => {
    const p = await open();
    await p.fill('conference', 'meet.alice');
    await p.fill('name', 'Vera Video');
    await p.choose('media', 'video');
    expect(p.mediaRequests()).to.deep.equal([]);
    await p.click('Join');
    const check = await waitFor(() => p.deviceCheck(), 'the device check');
    expect(p.phase).to.equal('idle');
    const preview = await waitFor(() => check.querySelector('video'), 'the camera preview');
    await waitFor(() => hasPixels(preview), 'camera pixels in the preview');
    expect(check.querySelector('meter')).to.exist;
    const cameras = await waitFor(
      () => check.querySelector<HTMLSelectElement>('select[name="cameraId"]'),
      'the camera list',
    );
    const mics = check.querySelector<HTMLSelectElement>('select[name="microphoneId"]')!;
    const firstTracks = p.liveTracks();
    expect(firstTracks.length).to.equal(2);

    // Another microphone (the fake devices list at least one besides Default): saved, reopened.
    const micOption = [...mics.options].find((o) => o.value !== 'default')!;
    mics.value = micOption.value;
    mics.dispatchEvent(new Event('change'));
    await waitFor(() => firstTracks.every((t) => t.readyState === 'ended'), 'the first stream to stop');
    expect(p.call.settings.get().microphoneId).to.equal(micOption.value);
    expect(cameras.options.length).to.be.greaterThan(1);

    const dontShow = [...check.querySelectorAll('label')].find((l) =>
      /Don.t show me these options again/.test(l.textContent ?? ''),
    )!;
    dontShow.querySelector('input')!.click();
    await p.confirmDevices();
    await p.phaseIs('in-call');
    expect(p.call.settings.get().previewBeforeJoining).to.equal(false);
    // The call uses the checked stream: no third getUserMedia, the same live tracks.
    expect(p.mediaRequests().length).to.equal(2);
    const local = p.call.service.media.get().local!;
    expect(local.getTracks().map((t) => t.readyState)).to.deep.equal(['live', 'live']);
    expect(
      p
        .liveTracks()
        .map((t) => t.id)
        .sort(),
    ).to.deep.equal(
      local
        .getTracks()
        .map((t) => t.id)
        .sort(),
    );

    await p.click('Disconnect');
    await p.phaseIs('ended');
    expect(p.liveTracks()).to.deep.equal([]);

    // The setting is now off: Join again goes straight into the call.
    await p.click('Join again');
    await p.phaseIs('in-call');
    expect(p.deviceCheck()).to.equal(null);
  });

  it('Back closes the check and the camera, and keeps what was typed', async () => {
    const p = await open();
    await p.fill('conference', 'meet.alice');
    await p.fill('name', 'Betty Back');
    await p.choose('media', 'video');
    await p.click('Join');
    const check = await waitFor(() => p.deviceCheck(), 'the device check');
    await waitFor(() => check.querySelector('button.primary:not([disabled])'), 'the devices to open');
    expect(p.liveTracks().length).to.equal(2);
    await p.click('Back');
    expect(p.deviceCheck()).to.equal(null);
    expect(p.liveTracks()).to.deep.equal([]);
    expect(input(p, 'conference').value).to.equal('meet.alice');
    expect(input(p, 'name').value).to.equal('Betty Back');
    expect(p.phase).to.equal('idle');
  });

  it('media=&escalate=1 joins control-only and at once offers camera and microphone', async () => {
    const p = await open('?conference=meet.alice&name=Eli%20Escalate&media=&escalate=1&join=1');
    await p.phaseIs('in-call');
    expect(p.call.service.conference.get().mediaMode).to.equal('none');
    const check = await waitFor(() => p.deviceCheck(), 'the device check in the call');
    expect(check.textContent).to.match(/Start my camera/);
    await p.confirmDevices();
    await waitFor(() => p.call.service.conference.get().mediaMode === 'video', 'the call to carry video');
    await waitFor(() => p.participant('Eli Escalate')?.hasMedia, 'the node to see media');
    expect(p.call.service.media.get().local?.getVideoTracks().length).to.equal(1);
    expect(p.deviceCheck()).to.equal(null);
  });

  it('"Join with video" from a control-only call goes through the device check; Not now keeps control-only', async () => {
    const p = await open();
    await p.join('meet.alice', 'Cora Control', 'none');
    await p.phaseIs('in-call');
    await p.click('Join with video');
    await waitFor(() => p.deviceCheck()?.querySelector('button.primary:not([disabled])'), 'the devices');
    await p.click('Not now');
    expect(p.liveTracks()).to.deep.equal([]);
    expect(p.call.service.conference.get().mediaMode).to.equal('none');
    await p.click('Join with video');
    await p.confirmDevices();
    await waitFor(() => p.call.service.conference.get().mediaMode === 'video', 'the call to carry video');
    await p.click('Disconnect');
    await p.phaseIs('ended');
    expect(p.liveTracks()).to.deep.equal([]);
  });
});
