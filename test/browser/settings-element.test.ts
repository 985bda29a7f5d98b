import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/call/pex-call.js';
import '../../src/components/settings/pex-settings.js';
import type { PexCall } from '../../src/components/call/call.js';
import type { PexSettings } from '../../src/components/settings/settings.js';
import { PexSettingsChangeEvent } from '../../src/events/settings-events.js';
import { getLanguage, setLanguage } from '../../src/i18n/localization.js';
import { setTransportFactory } from '../../src/services/call-service.js';
import { SettingsStore } from '../../src/services/settings.js';
import { admitAs, FakeTransport } from './fixtures/fake-transport.js';

const fresh = (options = {}): SettingsStore => new SettingsStore({ storage: null, ...options });

const field = <T extends Element>(el: PexSettings, name: string): T =>
  el.shadowRoot!.querySelector(`[name="${name}"]`) as T;

const change = async (el: PexSettings, input: HTMLInputElement | HTMLSelectElement): Promise<void> => {
  input.dispatchEvent(new Event('change'));
  await el.updateComplete;
};

describe('<pex-settings>', () => {
  afterEach(async () => {
    await setLanguage('en');
  });

  it('shows every setting and is accessible', async () => {
    const el = await fixture<PexSettings>(html`<pex-settings .settings=${fresh()}></pex-settings>`);
    for (const name of [
      'displayName',
      'cameraId',
      'microphoneId',
      'muteMicrophoneOnJoin',
      'previewBeforeJoining',
      'confirmOnDisconnect',
      'fullMotionPresentation',
      'bandwidth',
      'screenshareFrameRate',
      'language',
      'defaultDomain',
      'defaultDialOutProtocol',
    ]) {
      expect(field(el, name), name).to.exist;
    }
    await expect(el).to.be.accessible();
  });

  it('saves changes at once and announces them', async () => {
    const store = fresh();
    const el = await fixture<PexSettings>(html`<pex-settings .settings=${store}></pex-settings>`);
    const saved = oneEvent(el, 'pex-settings-change');
    const mute = field<HTMLInputElement>(el, 'muteMicrophoneOnJoin');
    mute.checked = true;
    await change(el, mute);
    await saved;
    expect(store.get().muteMicrophoneOnJoin).to.equal(true);
    const bw = field<HTMLSelectElement>(el, 'bandwidth');
    bw.value = '1264';
    await change(el, bw);
    expect(store.get().bandwidth).to.equal(1264);
    const fps = field<HTMLInputElement>(el, 'screenshareFrameRate');
    fps.value = '0';
    await change(el, fps);
    expect(store.get().screenshareFrameRate).to.equal(1);
  });

  it('refuses a bad default domain with a clear message and keeps the old value', async () => {
    const store = fresh();
    const el = await fixture<PexSettings>(html`<pex-settings .settings=${store}></pex-settings>`);
    const domain = field<HTMLInputElement>(el, 'defaultDomain');
    domain.value = 'not a domain!';
    await change(el, domain);
    expect(store.get().defaultDomain).to.equal('');
    const message = el.shadowRoot!.querySelector<HTMLElement>('#defaultDomain-error')!;
    expect(message.textContent).to.not.equal('');
    // Shown under its own field (not in the grid's next cell, e.g. under Language).
    const [box, input] = [message.getBoundingClientRect(), domain.getBoundingClientRect()];
    expect(box.top).to.be.at.least(input.bottom);
    expect(Math.abs(box.left - input.left)).to.be.below(2);
    await expect(el).to.be.accessible();
  });

  it('hides what the administrator hides', async () => {
    const store = fresh({ adminDefaults: { bandwidth: 768 }, hidden: ['bandwidth', 'defaultDomain'] });
    const el = await fixture<PexSettings>(html`<pex-settings .settings=${store}></pex-settings>`);
    expect(field(el, 'bandwidth')).to.equal(null);
    expect(field(el, 'defaultDomain')).to.equal(null);
    expect(store.get().bandwidth).to.equal(768);
  });

  it('switches the language of the page', async () => {
    const store = fresh();
    const el = await fixture<PexSettings>(html`<pex-settings .settings=${store}></pex-settings>`);
    const lang = field<HTMLSelectElement>(el, 'language');
    lang.value = 'fr';
    await change(el, lang);
    await waitUntil(() => getLanguage() === 'fr');
    expect(store.get().language).to.equal('fr');
  });

  it('announces a saved setting with a typed PexSettingsChangeEvent (every setting as saved)', async () => {
    const store = fresh();
    const el = await fixture<PexSettings>(html`<pex-settings .settings=${store}></pex-settings>`);
    const saved = oneEvent(el, 'pex-settings-change');
    const mute = field<HTMLInputElement>(el, 'muteMicrophoneOnJoin');
    mute.checked = true;
    await change(el, mute);
    const e = (await saved) as PexSettingsChangeEvent;
    expect(e).to.be.instanceOf(PexSettingsChangeEvent);
    expect(e.settings).to.equal(store.get());
    expect(e.detail.settings).to.equal(e.settings);
    expect([e.bubbles, e.composed, e.cancelable]).to.deep.equal([true, true, false]);
  });

  it('previews the camera with a live microphone level and lists devices by name', async () => {
    const el = await fixture<PexSettings>(html`<pex-settings .settings=${fresh()}></pex-settings>`);
    await el.startPreview();
    await el.updateComplete;
    const video = el.shadowRoot!.querySelector('video[part="preview"]') as HTMLVideoElement;
    expect(video).to.exist;
    await waitUntil(() => video.videoWidth > 0, 'camera preview plays');
    // Chromium's fake microphone beeps: the meter moves.
    await waitUntil(
      () => (el.shadowRoot!.querySelector('meter') as HTMLMeterElement).value > 0,
      'meter moves',
      {
        timeout: 4000,
      },
    );
    const cams = [...field<HTMLSelectElement>(el, 'cameraId').options].map((o) => o.textContent?.trim());
    expect(cams.length).to.be.greaterThan(1);
    expect(cams[0]).to.equal('Default');
    await expect(el).to.be.accessible();
  });

  it('shows a camera that has gone as "Default"', async () => {
    const store = fresh();
    store.set({ cameraId: 'a-camera-that-was-unplugged' });
    const el = await fixture<PexSettings>(html`<pex-settings .settings=${store}></pex-settings>`);
    await el.updateComplete;
    expect(field<HTMLSelectElement>(el, 'cameraId').value).to.equal('default');
  });

  it('edits the settings of the <pex-call> it is inside, or the one named by call=', async () => {
    const store = fresh();
    const wrapper = await fixture<HTMLElement>(
      html`<div>
        <pex-call .settings=${store}><pex-settings></pex-settings></pex-call>
      </div>`,
    );
    const inside = wrapper.querySelector('pex-settings') as PexSettings;
    await inside.updateComplete;
    expect(inside.store).to.equal(store);

    const other = fresh();
    const page = await fixture<HTMLElement>(
      html`<div>
        <pex-call id="elsewhere" .settings=${other}></pex-call>
        <aside><pex-settings call="elsewhere"></pex-settings></aside>
      </div>`,
    );
    const byId = page.querySelector('pex-settings') as PexSettings;
    await byId.updateComplete;
    expect(byId.store).to.equal(other);
    const name = field<HTMLInputElement>(byId, 'displayName');
    name.value = 'Zoë';
    await change(byId, name);
    expect(other.get().displayName).to.equal('Zoë');
    expect((page.querySelector('pex-call') as PexCall).settings.get().displayName).to.equal('Zoë');
  });

  it('switches the camera of a running call', async () => {
    let transport: FakeTransport | undefined;
    const previous = setTransportFactory(async (sink) => (transport = new FakeTransport(sink)));
    try {
      const store = fresh();
      store.set({ previewBeforeJoining: false }); // straight into the call, no device check
      const wrapper = await fixture<HTMLElement>(
        html`<div>
          <pex-call .settings=${store} conference="meet.alice" name="Dev"
            ><pex-settings></pex-settings
          ></pex-call>
        </div>`,
      );
      const call = wrapper.querySelector('pex-call') as PexCall;
      await call.join();
      admitAs(transport!, 'guest');
      const settings = wrapper.querySelector('pex-settings') as PexSettings;
      await settings.startPreview();
      await settings.updateComplete;
      const cams = field<HTMLSelectElement>(settings, 'cameraId');
      const other = [...cams.options].find((o) => o.value !== 'default')!;
      cams.value = other.value;
      await change(settings, cams);
      await waitUntil(() => transport!.commands.some((c) => c[0] === 'replaceStream'), 'stream replaced');
      expect(store.get().cameraId).to.equal(other.value);
      await call.service.leave();
    } finally {
      setTransportFactory(previous);
    }
  });

  it('works alone before any call exists, using the page settings', async () => {
    const el = await fixture<PexSettings>(html`<pex-settings></pex-settings>`);
    expect(el.store).to.exist;
    expect(field(el, 'displayName')).to.exist;
  });
});
