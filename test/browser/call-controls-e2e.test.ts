/**
 * <pex-call>'s in-call controls end to end: the real SDK against the local node, one iframe per person
 * (volume, full screen, Start conference, Disconnect all, `forceguest=1`).
 */
import { expect } from '@open-wc/testing';
import { sendMouse } from '@web/test-runner-commands';
import type { PexSettings } from '../../src/components/settings/settings.js';
import { SettingsStore } from '../../src/services/settings.js';
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

type SinkVideo = HTMLVideoElement & { sinkId: string };

describe('<pex-call> speakers against the local node', () => {
  const open = usePages();
  // Every frame shares this origin's saved settings: leave the speaker as it was.
  afterEach(() => void new SettingsStore().reset(['speakerId']));

  /** The fake audio outputs Chromium lists under the test flags (not the "default" entry). */
  const outputs = async (p: CallPage): Promise<string[]> => {
    const all = await p.frame.contentWindow!.navigator.mediaDevices.enumerateDevices();
    const ids = all
      .filter((d) => d.kind === 'audiooutput' && d.deviceId !== 'default')
      .map((d) => d.deviceId);
    expect(ids.length, 'Chromium lists fake audio outputs').to.be.at.least(2);
    return ids;
  };

  /**
   * Waits until the main video, the own presentation video and the pop-out's video of a page play on
   * the speaker `id` (`''`: the default). The pop-out is another document with its own device ids:
   * there the same speaker is the one with the same label.
   */
  const sinksAre = async (p: CallPage, id: string, what: string): Promise<void> => {
    const popout = p.call.presentationWindow!;
    let popoutId = '';
    if (id) {
      const label = (await p.frame.contentWindow!.navigator.mediaDevices.enumerateDevices()).find(
        (d) => d.deviceId === id,
      )!.label;
      const there = await popout.navigator.mediaDevices.enumerateDevices();
      popoutId = there.find((d) => d.kind === 'audiooutput' && d.label === label)!.deviceId;
    }
    const sinks = (): string[] => [
      p.root.querySelector<SinkVideo>('video.main')!.sinkId,
      p.root.querySelector<SinkVideo>('[part~="presentation"] video')!.sinkId,
      popout.document.querySelector<SinkVideo>('video')!.sinkId,
    ];
    await waitFor(
      () => sinks().join() === [id, id, popoutId].join(),
      `${what}: every video on "${id}" (now ${sinks().join()})`,
    );
  };

  it('plays the call on the saved speaker; a change from the toolbar or <pex-settings> applies at once', async () => {
    const a = await open();
    const [out1, out2] = await outputs(a);
    expect(a.call.settings.set({ speakerId: out1 }).ok).to.equal(true);
    await a.join('meet.alice', 'Sunny', 'video');
    await a.phaseIs('in-call');
    const main = await waitFor(() => a.root.querySelector<SinkVideo>('video.main'), 'main video');
    await waitFor(() => main.sinkId === out1, 'the main video on the saved speaker');

    // Own presentation and its pop-out window play on it too.
    await a.click('Share screen');
    await waitFor(
      () => a.root.querySelector('[part~="presentation"] video'),
      'the presentation video',
      20000,
    );
    await a.click('Open presentation in new window');
    await waitFor(
      () => a.call.presentationWindow?.document.querySelector<HTMLVideoElement>('video')?.srcObject,
      'the pop-out video',
    );
    await sinksAre(a, out1, 'saved speaker');

    // The toolbar's choice applies to every element and is saved.
    const select = a.root.querySelector<HTMLSelectElement>('select[name="speaker"]')!;
    expect(select.value).to.equal(out1);
    select.value = out2;
    select.dispatchEvent(new Event('change', { bubbles: true }));
    await sinksAre(a, out2, 'toolbar choice');
    expect(a.call.settings.get().speakerId).to.equal(out2);

    // <pex-settings> for this call shows that choice, and its own change applies mid-call.
    const doc = a.frame.contentDocument!;
    const settings = doc.createElement('pex-settings') as PexSettings;
    settings.setAttribute('call', 'call');
    doc.body.append(settings);
    await settings.updateComplete;
    const settingsSelect = await waitFor(
      () => settings.shadowRoot!.querySelector<HTMLSelectElement>('select[name="speakerId"]'),
      'the Speaker select of <pex-settings>',
    );
    expect(settingsSelect.value).to.equal(out2);
    settingsSelect.value = 'default';
    settingsSelect.dispatchEvent(new Event('change', { bubbles: true }));
    await sinksAre(a, '', '<pex-settings> choice of Default');
    await waitFor(() => select.value === 'default', 'the toolbar showing Default');
    expect(a.alert()).to.equal('');
  });

  it('a saved speaker that has gone falls back to the default with a notice', async () => {
    const a = await open();
    const [out1] = await outputs(a);
    expect(a.call.settings.set({ speakerId: 'a-headset-that-was-unplugged' }).ok).to.equal(true);
    await a.join('meet.alice', 'Gone', 'video');
    await a.phaseIs('in-call');
    const main = await waitFor(() => a.root.querySelector<SinkVideo>('video.main'), 'main video');
    await waitFor(() => /no longer available.*default speaker/.test(a.alert()), 'the fallback notice');
    expect(main.sinkId).to.equal('');
    expect(a.root.querySelector<HTMLSelectElement>('select[name="speaker"]')!.value).to.equal('default');
    // A speaker that works is used; one that goes away mid-call falls back again.
    a.call.settings.set({ speakerId: out1 });
    await waitFor(() => main.sinkId === out1, 'the working speaker');
    a.call.settings.set({ speakerId: 'another-gone-speaker' });
    await waitFor(() => main.sinkId === '', 'back on the default speaker');
    expect(a.alert()).to.match(/no longer available/);
  });

  it('Mute incoming audio silences the call and keeps the volume', async () => {
    const a = await open();
    await a.join('meet.alice', 'Hush', 'video');
    await a.phaseIs('in-call');
    const main = await waitFor(() => a.root.querySelector<HTMLVideoElement>('video.main'), 'main video');
    expect(main.muted).to.equal(false);
    await a.click('Mute incoming audio');
    expect(main.muted).to.equal(true);
    expect(main.volume).to.equal(1);
    expect(a.button('Mute incoming audio')!.getAttribute('aria-pressed')).to.equal('true');
    await a.click('Mute incoming audio');
    expect(main.muted).to.equal(false);
    expect(a.button('Mute incoming audio')!.getAttribute('aria-pressed')).to.equal('false');
  });
});

describe('<pex-call> alone on a page against the local node', () => {
  const open = usePages();
  const ALONE = 'call-only-frame.html';

  /** A Host alone on meet.alice with only <pex-call>, the meeting locked, and `name` knocking. */
  const knocking = async (name: string): Promise<{ host: CallPage; late: CallPage }> => {
    const host = await open('', ALONE);
    await host.join('meet.alice', 'Solo Host');
    await host.phaseIs('in-call');
    await host.click('Conference menu');
    await host.click('Lock conference');
    await waitFor(() => host.call.service.conference.get().locked, 'the lock');
    const late = await open();
    await late.join('meet.alice', name);
    await late.phaseIs('waiting-room');
    return { host, late };
  };

  const banner = (p: CallPage): HTMLElement | null => p.root.querySelector<HTMLElement>('[part~="waiting"]');

  it('a Host sees who waits at the locked meeting and admits them; a page with a roster shows no banner', async () => {
    const withRoster = await open();
    await withRoster.join('meet.alice', 'Roster Host');
    await withRoster.phaseIs('in-call');
    const { host, late } = await knocking('Kim');
    const shown = await waitFor(() => banner(host), 'the waiting banner');
    expect(shown.textContent).to.include('Kim');
    expect(shown.getAttribute('aria-label')).to.equal('Waiting to join');
    expect([...shown.querySelectorAll('button')].map((b) => b.getAttribute('aria-label'))).to.deep.equal([
      'Admit Kim',
      'Reject Kim',
    ]);
    // The other Host has a <pex-roster> following the call: it shows Kim there, not in a banner.
    await withRoster.rosterRowWith('Kim', /Waiting/);
    expect(banner(withRoster)).to.equal(null);
    await host.click('Admit');
    await late.phaseIs('in-call');
    await waitFor(() => banner(host) === null, 'the banner to go');
  });

  it('a Host rejects someone waiting, who is turned away', async () => {
    const { host, late } = await knocking('Rex');
    await waitFor(() => banner(host)?.textContent?.includes('Rex'), 'Rex in the banner');
    await host.click('Reject');
    await late.phaseIs('ended');
    await waitFor(() => banner(host) === null, 'the banner to go');
    expect(host.participant('Rex')).to.equal(undefined);
  });

  it('the toolbar offers a working roster and chat when none follows the call', async () => {
    const host = await open('', ALONE);
    const other = await open();
    await host.join('meet.alice', 'Pat');
    await host.phaseIs('in-call');
    await other.join('meet.alice', 'Quin');
    await other.phaseIs('in-call');
    // A page whose roster and chat follow the call elsewhere gets no duplicates in the toolbar.
    expect(other.button('Participants')).to.equal(undefined);
    expect(other.button('Chat')).to.equal(undefined);

    await host.click('Participants');
    const roster = await waitFor(
      () => host.root.querySelector<import('../../src/components/roster/roster.js').PexRoster>('pex-roster'),
      'the roster in the call',
    );
    await waitFor(() => /Quin/.test(roster.shadowRoot?.textContent ?? ''), 'Quin in the roster');
    expect(host.button('Participants')!.getAttribute('aria-expanded')).to.equal('true');

    await host.click('Chat');
    const chat = await waitFor(
      () => host.root.querySelector<import('../../src/components/chat/chat.js').PexChat>('pex-chat'),
      'the chat in the call',
    );
    await chat.updateComplete;
    const box = await waitFor(
      () => chat.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea') ?? undefined,
      'the chat box',
    );
    box.value = 'Hello from the call';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true }));
    await waitFor(() => other.chatTexts().includes('Hello from the call'), 'Quin receives the message');
    await other.sendChat('Hi Pat');
    await waitFor(() => /Hi Pat/.test(chat.shadowRoot!.textContent ?? ''), 'Pat sees the answer');

    // Closing the roster panel hides it again.
    await host.click('Participants');
    expect(host.root.querySelector<HTMLElement>('#roster-panel')!.hidden).to.equal(true);
  });
});
