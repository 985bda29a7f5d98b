import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/call/pex-call.js';
import type { PexCall } from '../../src/components/call/call.js';
import type { PexErrorEvent, PexJoinEvent, PexLeaveEvent } from '../../src/events/events.js';
import { setTransportFactory } from '../../src/services/call-service.js';
import { CallError } from '../../src/services/errors.js';
import { SettingsStore } from '../../src/services/settings.js';
import type { TransportFactory } from '../../src/services/transport.js';
import { admitAs, FakeTransport } from './fixtures/fake-transport.js';
import { $, button, settle } from './fixtures/shadow.js';

/** Settings kept in memory only, so tests do not see each other's saved name or choices. */
const fresh = (): SettingsStore => new SettingsStore({ storage: null });

describe('<pex-call>', () => {
  let transport: FakeTransport | undefined;
  let previous: TransportFactory;

  beforeEach(() => {
    transport = undefined;
    previous = setTransportFactory(async (sink) => (transport = new FakeTransport(sink)));
  });
  afterEach(() => {
    setTransportFactory(previous);
  });

  /** Presses the device check's primary button (Join, Start my camera…) once the devices are open. */
  const confirmDevices = async (el: PexCall): Promise<void> => {
    await waitUntil(
      () => $(el, '[part~="device-check"] button.primary:not([disabled])'),
      'the device check with open devices',
      { timeout: 5000 },
    );
    $<HTMLButtonElement>(el, '[part~="device-check"] button.primary')!.click();
    // The call's engine and transport are loaded when the join starts.
    await waitUntil(() => el.service.conference.get().phase !== 'idle', 'the join to start', {
      timeout: 5000,
    });
    await waitUntil(() => transport, 'the transport', { timeout: 5000 });
    await settle(el);
  };

  async function joinControlOnly(el: PexCall): Promise<FakeTransport> {
    el.conference = 'meet.alice';
    el.name = 'Ann';
    el.media = 'none';
    await el.updateComplete;
    await el.join();
    await settle(el);
    return transport!;
  }

  describe('before joining', () => {
    it('renders an accessible join form with the three media modes', async () => {
      const el = await fixture<PexCall>(
        html`<pex-call .settings=${fresh()} conference="meet.alice" name="Ann"></pex-call>`,
      );
      const form = $(el, 'form[part="join-form"]');
      expect(form).to.exist;
      expect(($(el, 'input[name="conference"]') as HTMLInputElement).value).to.equal('meet.alice');
      expect(el.shadowRoot!.querySelectorAll('input[name="media"]')).to.have.length(3);
      await expect(el).to.be.accessible();
    });

    it('appends the default domain to an alias without one', async () => {
      const el = await fixture<PexCall>(
        html`<pex-call .settings=${fresh()} default-domain="example.com"></pex-call>`,
      );
      await joinControlOnly(el);
      expect(transport!.joins[0]?.alias).to.equal('meet.alice@example.com');
    });

    it('refuses an empty name with a clear error and no join', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
      el.conference = 'meet.alice';
      el.media = 'none';
      await el.join();
      await settle(el);
      expect(transport === undefined).to.equal(true, 'no transport was created');
      expect($(el, '[role="alert"]')?.textContent).to.match(/not accepted/i);
    });

    it('says so when the camera is blocked, and offers to try again', async () => {
      const original = navigator.mediaDevices.getUserMedia;
      navigator.mediaDevices.getUserMedia = () => Promise.reject(new DOMException('no', 'NotAllowedError'));
      try {
        // In the device check: the reason, Try again and Back; no call is started.
        const el = await fixture<PexCall>(
          html`<pex-call .settings=${fresh()} conference="meet.alice" name="Ann"></pex-call>`,
        );
        const errorEvent = oneEvent(el, 'pex-error');
        await el.join();
        const e = (await errorEvent) as unknown as PexErrorEvent;
        expect(e.error.code).to.equal('device-blocked');
        await settle(el);
        expect($(el, '[part~="device-check"] [role="alert"]')?.textContent).to.match(/blocked/);
        expect(button(el, 'Try again')).to.exist;
        expect($<HTMLButtonElement>(el, '[part~="device-check"] button.primary')!.disabled).to.equal(true);
        expect(el.service.conference.get().phase).to.equal('idle');
        button(el, 'Back').click();
        await settle(el);
        expect(($(el, 'input[name="conference"]') as HTMLInputElement).value).to.equal('meet.alice');

        // Without the device check (setting off): the join itself fails and offers Join again.
        const store = fresh();
        store.set({ previewBeforeJoining: false });
        const direct = await fixture<PexCall>(
          html`<pex-call .settings=${store} conference="meet.alice" name="Ann"></pex-call>`,
        );
        const directError = oneEvent(direct, 'pex-error');
        await direct.join();
        expect(((await directError) as unknown as PexErrorEvent).error.code).to.equal('device-blocked');
        await settle(direct);
        expect($(direct, '[role="alert"]')?.textContent).to.match(/blocked/);
        expect(button(direct, 'Join again')).to.exist;
      } finally {
        navigator.mediaDevices.getUserMedia = original;
      }
    });
  });

  describe('joining', () => {
    it('shows the connecting state with a way to cancel', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
      await joinControlOnly(el);
      expect($(el, '.spinner')).to.exist;
      expect(button(el, 'Cancel')).to.exist;
      await expect(el).to.be.accessible();
    });

    it('asks for a PIN with a Host/Guest choice when Guests need no PIN; Guest sends "none"', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
      const t = await joinControlOnly(el);
      t.sink.pinRequired({ hostPin: true, guestPin: false });
      await settle(el);
      const radios = el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[name="role"]');
      expect(radios).to.have.length(2);
      await expect(el).to.be.accessible();
      radios[1]!.click();
      button(el, 'Join').click();
      await settle(el);
      expect(t.joins.at(-1)?.pin).to.equal('none');
    });

    it('sends the typed PIN (trailing # allowed) and shows "Invalid PIN" with a retry', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
      const t = await joinControlOnly(el);
      t.sink.pinRequired({ hostPin: true, guestPin: true });
      await settle(el);
      expect(el.shadowRoot!.querySelectorAll('input[name="role"]')).to.have.length(0);
      const pin = $(el, 'input[name="pin"]') as HTMLInputElement;
      pin.value = '1234#';
      button(el, 'Join').click();
      await settle(el);
      expect(t.joins.at(-1)?.pin).to.equal('1234#');
      t.sink.joinFailed(new CallError('invalid-pin', 'Invalid PIN'));
      await settle(el);
      expect($(el, '[role="alert"]')?.textContent).to.match(/PIN is not correct/);
      expect($(el, 'input[name="pin"]')).to.exist;
    });

    it('rejects a PIN with letters before sending it', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
      const t = await joinControlOnly(el);
      t.sink.pinRequired({ hostPin: true, guestPin: true });
      await settle(el);
      await el.service.submitPin('12ab').catch((e: CallError) => expect(e.code).to.equal('invalid-pin'));
      expect(t.joins).to.have.length(1);
    });

    it('asks for a Virtual Reception extension', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
      const t = await joinControlOnly(el);
      t.sink.extensionRequired();
      await settle(el);
      const input = $(el, 'input[name="extension"]') as HTMLInputElement;
      expect(input).to.exist;
      await expect(el).to.be.accessible();
      input.value = '100';
      button(el, 'Join').click();
      await settle(el);
      expect(t.joins.at(-1)?.extension).to.equal('100');
    });

    it('shows the locked-conference waiting screen, then the call when admitted', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
      const t = await joinControlOnly(el);
      t.sink.joined({
        conferenceName: 'Room',
        chatEnabled: true,
        guestsCanPresent: true,
        role: 'guest',
        waiting: true,
      });
      await settle(el);
      expect(el.shadowRoot!.textContent).to.match(/Waiting to be let in/);
      await expect(el).to.be.accessible();
      t.sink.serviceType(false);
      await settle(el);
      expect($(el, '[part="call"]')).to.exist;
    });

    it('shows "waiting for the Host" to a Guest until the conference starts', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
      const t = await joinControlOnly(el);
      admitAs(t, 'guest', { started: false });
      await settle(el);
      expect(el.shadowRoot!.textContent).to.match(/Waiting for the Host/);
      t.sink.conferenceStatus({ locked: false, guestsMuted: false, started: true });
      await settle(el);
      expect($(el, '[part="call"]')).to.exist;
    });

    for (const [code, text] of [
      ['not-found', /no meeting with that address/],
      ['disabled', /disabled by your administrator/],
      ['full', /meeting is full/],
    ] as const) {
      it(`explains "${code}" and offers a way back`, async () => {
        const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
        const t = await joinControlOnly(el);
        t.sink.joinFailed(new CallError(code));
        await settle(el);
        expect($(el, '[role="alert"]')?.textContent).to.match(text);
        expect(button(el, 'Join again')).to.exist;
        await expect(el).to.be.accessible();
      });
    }
  });

  describe('in the call', () => {
    it('gives a Host the conference menu, and runs its commands', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
      const t = await joinControlOnly(el);
      admitAs(t, 'host');
      await settle(el);
      button(el, 'Conference menu').click();
      await settle(el);
      expect($(el, '[part="host-menu"]')).to.exist;
      await expect(el).to.be.accessible();
      button(el, 'Lock conference').click();
      await settle(el);
      expect(t.commands).to.deep.include(['lock', true]);
      button(el, 'Conference menu').click();
      await settle(el);
      button(el, 'Mute all guests').click();
      await settle(el);
      expect(t.commands).to.deep.include(['muteGuests', true]);
    });

    it('adds a participant with protocol and role', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()} dial-protocol="sip"></pex-call>`);
      const t = await joinControlOnly(el);
      admitAs(t, 'host');
      await settle(el);
      button(el, 'Conference menu').click();
      await settle(el);
      button(el, 'Add a participant').click();
      const dialog = $(el, '#dial-dialog') as HTMLDialogElement;
      expect(dialog.open).to.equal(true);
      expect(($(el, 'select[name="protocol"]') as HTMLSelectElement).value).to.equal('sip');
      ($(el, 'input[name="destination"]') as HTMLInputElement).value = 'bob@example.com';
      ($(el, 'select[name="role"]') as HTMLSelectElement).value = 'host';
      button(el, 'Call').click();
      await settle(el);
      expect(t.commands).to.deep.include([
        'dial',
        { destination: 'bob@example.com', protocol: 'sip', role: 'host' },
      ]);
    });

    it('gives a Guest no conference menu', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
      const t = await joinControlOnly(el);
      admitAs(t, 'guest');
      await settle(el);
      expect([...el.shadowRoot!.querySelectorAll('button')].map((b) => b.textContent?.trim())).not.to.include(
        'Conference menu',
      );
      await expect(el).to.be.accessible();
    });

    it('withholds Host controls with force-guest', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()} force-guest></pex-call>`);
      const t = await joinControlOnly(el);
      admitAs(t, 'host');
      await settle(el);
      expect(el.service.isHost).to.equal(false);
      expect($(el, 'header')?.textContent).not.to.match(/Conference menu/);
      await el.service.lock(true).catch((e: CallError) => expect(e.code).to.equal('not-allowed'));
      expect(t.commands.filter((c) => c[0] === 'lock')).to.have.length(0);
    });

    it('offers "join with video" and "join with audio only" from control-only', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
      const t = await joinControlOnly(el);
      admitAs(t, 'guest');
      await settle(el);
      button(el, 'Join with audio only').click();
      await confirmDevices(el);
      await waitUntil(() => t.commands.some((c) => c[0] === 'restart'));
      expect(t.commands.find((c) => c[0] === 'restart')).to.deep.equal(['restart', 'audio', true, 576]);
      await settle(el);
      expect(button(el, 'Mute microphone')).to.exist;
    });

    it('sends DTMF from the keypad and shows statistics with the server version', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
      const t = await joinControlOnly(el);
      admitAs(t, 'guest');
      await settle(el);
      button(el, 'Keypad').click();
      // The keypad's code is loaded the first time it opens.
      await waitUntil(() => $(el, 'pex-dialpad'), 'the keypad opens');
      const pad = $(el, 'pex-dialpad')!;
      await (pad as unknown as { updateComplete: Promise<unknown> }).updateComplete;
      const five = [...pad.shadowRoot!.querySelectorAll('button')].find(
        (b) => b.textContent?.trim() === '5',
      )!;
      five.click();
      await settle(el);
      expect(t.commands).to.deep.include(['sendDtmf', '5', undefined]);
      button(el, 'Statistics').click();
      await waitUntil(() => $(el, '[part="stats"]')?.textContent?.includes('VP8'));
      expect($(el, '[part="stats"]')?.textContent).to.include('36 / test');
      await expect(el).to.be.accessible();
    });

    it('asks before disconnecting when confirm-disconnect is set; a host page can veto', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()} confirm-disconnect></pex-call>`);
      const t = await joinControlOnly(el);
      admitAs(t, 'guest');
      await settle(el);
      button(el, 'Disconnect').click();
      await settle(el);
      expect(($(el, '#leave-dialog') as HTMLDialogElement).open).to.equal(true);
      expect(t.commands.filter((c) => c[0] === 'leave')).to.have.length(0);
      const leave = oneEvent(el, 'pex-leave');
      el.shadowRoot!.querySelector<HTMLButtonElement>('#leave-dialog button.danger')!.click();
      const e = (await leave) as unknown as PexLeaveEvent;
      expect(e.error).to.equal(undefined);
      expect(t.commands).to.deep.include(['leave']);

      const vetoing = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
      const t2 = await joinControlOnly(vetoing);
      admitAs(t2, 'guest');
      await settle(vetoing);
      vetoing.addEventListener('pex-leave-request', (ev) => ev.preventDefault());
      button(vetoing, 'Disconnect').click();
      await settle(vetoing);
      expect(t2.commands.filter((c) => c[0] === 'leave')).to.have.length(0);
    });

    it('reports being disconnected by a Host, with the reason', async () => {
      const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
      const t = await joinControlOnly(el);
      admitAs(t, 'guest');
      await settle(el);
      const left = oneEvent(el, 'pex-leave');
      t.sink.disconnected(new CallError('kicked'));
      expect(((await left) as unknown as PexLeaveEvent).error?.code).to.equal('kicked');
      await settle(el);
      expect($(el, '[role="alert"]')?.textContent).to.match(/disconnected by another participant/);
    });

    it('shows camera and self view with video, and mutes microphone and camera', async () => {
      const el = await fixture<PexCall>(
        html`<pex-call .settings=${fresh()} conference="meet.alice" name="Vid"></pex-call>`,
      );
      await el.join();
      await confirmDevices(el);
      const t = transport!;
      admitAs(t, 'guest');
      await settle(el);
      expect($(el, 'video[part="self-view"]')).to.exist;
      button(el, 'Mute microphone').click();
      await settle(el);
      expect(button(el, 'Mute microphone').getAttribute('aria-pressed')).to.equal('true');
      expect(el.service.media.get().local?.getAudioTracks()[0]?.enabled).to.equal(false);
      button(el, 'Turn camera off').click();
      await settle(el);
      expect(t.commands).to.deep.include(['muteSelf', true]);
      expect(t.commands).to.deep.include(['muteCameraSelf', true]);
      button(el, 'Hide self view').click();
      await settle(el);
      expect($(el, 'video[part="self-view"]')).to.equal(null);
      await el.service.leave();
      expect(el.service.media.get().local).to.equal(undefined);
    });
  });

  describe('links and settings', () => {
    it('joins straight from a Web App link with PIN, media and bandwidth', async () => {
      const el = await fixture<PexCall>(
        html`<pex-call
          .settings=${fresh()}
          .link=${'https://node.example.com/webapp/?conference=meet.bob&name=Bob&bw=768&pin=1234&join=1&media='}
        ></pex-call>`,
      );
      await waitUntil(() => transport?.joins.length === 1, 'the link joins by itself');
      const j = transport!.joins[0]!;
      expect([j.alias, j.displayName, j.pin, j.bandwidth, j.mediaMode, j.node]).to.deep.equal([
        'meet.bob',
        'Bob',
        '1234',
        768,
        'none',
        'https://node.example.com',
      ]);
      await el.service.leave();
    });

    it('joins a pexip:// link as Guest with pin=none', async () => {
      const el = await fixture<PexCall>(
        html`<pex-call
          .settings=${fresh()}
          name="Gil"
          .link=${'pexip://meet.bob@example.com?pin=none&escalate=1'}
        ></pex-call>`,
      );
      await waitUntil(() => transport?.joins.length === 1, 'the link joins by itself');
      expect(transport!.joins[0]!.pin).to.equal('none');
      expect(transport!.joins[0]!.mediaMode).to.equal('none', 'escalate joins control-only first');
      await el.service.leave();
    });

    it('explains a malformed link and does not join', async () => {
      const el = await fixture<PexCall>(
        html`<pex-call
          .settings=${fresh()}
          .link=${'?conference=meet.bob&name=Bob&bw=99999&join=1'}
        ></pex-call>`,
      );
      await settle(el);
      expect(transport === undefined).to.equal(true, 'no join');
      expect($(el, '[role="alert"]')?.textContent?.trim()).to.not.equal('');
      await expect(el).to.be.accessible();
    });

    it('uses the saved settings: name, bandwidth, join muted, confirm on disconnect', async () => {
      const store = fresh();
      store.set({
        displayName: 'Saved Name',
        bandwidth: 1264,
        muteMicrophoneOnJoin: true,
        confirmOnDisconnect: true,
      });
      const el = await fixture<PexCall>(
        html`<pex-call .settings=${store} conference="meet.alice"></pex-call>`,
      );
      expect(($(el, 'input[name="name"]') as HTMLInputElement).value).to.equal('Saved Name');
      el.media = 'audio';
      await el.join();
      await confirmDevices(el);
      admitAs(transport!, 'guest');
      await settle(el);
      expect(transport!.joins[0]!.bandwidth).to.equal(1264);
      expect(el.service.media.get().micMuted).to.equal(true);
      expect(el.service.media.get().local?.getAudioTracks()[0]?.enabled).to.equal(false);
      button(el, 'Disconnect').click();
      await settle(el);
      expect(($(el, '#leave-dialog') as HTMLDialogElement).open).to.equal(true);
      await el.service.leave();
    });

    it('remembers the media choice per meeting for links without one', async () => {
      const store = fresh();
      const first = await fixture<PexCall>(html`<pex-call .settings=${store}></pex-call>`);
      await joinControlOnly(first);
      admitAs(transport!, 'guest');
      await settle(first);
      await first.service.leave();
      const second = await fixture<PexCall>(
        html`<pex-call .settings=${store} .link=${'?conference=meet.alice&name=Ann&join=1'}></pex-call>`,
      );
      await waitUntil(() => transport?.joins.length === 1 && transport.joins[0]?.alias === 'meet.alice');
      expect(transport!.joins[0]!.mediaMode).to.equal('none');
      await second.service.leave();
    });

    it('applies administrator settings from hidden-settings and admin-config', async () => {
      const config = URL.createObjectURL(
        new Blob([JSON.stringify({ defaults: { bandwidth: 384 }, hidden: ['bandwidth'] })], {
          type: 'application/json',
        }),
      );
      const store = fresh();
      await fixture<PexCall>(html`<pex-call .settings=${store} admin-config=${config}></pex-call>`);
      await waitUntil(() => store.get().bandwidth === 384, 'admin default applied');
      expect(store.isHidden('bandwidth')).to.equal(true);
      const bad = await fixture<PexCall>(
        html`<pex-call .settings=${fresh()} hidden-settings="nonsense"></pex-call>`,
      );
      await settle(bad);
      expect(bad.shadowRoot!.textContent).to.match(/nonsense|setting/i);
    });
  });

  it('emits pex-state-change and pex-join', async () => {
    const el = await fixture<PexCall>(html`<pex-call .settings=${fresh()}></pex-call>`);
    const phases: string[] = [];
    el.addEventListener('pex-state-change', (e) => phases.push(e.phase));
    const joined = oneEvent(el, 'pex-join');
    const t = await joinControlOnly(el);
    admitAs(t, 'host', { name: 'Alice room' });
    expect(((await joined) as unknown as PexJoinEvent).conferenceName).to.equal('Alice room');
    expect(phases).to.deep.equal(['connecting', 'in-call']);
  });
});
