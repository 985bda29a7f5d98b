import { expect, fixture, html, oneEvent, waitUntil } from '@open-wc/testing';
import '../../src/components/call/pex-call.js';
import '../../src/components/chat/pex-chat.js';
import '../../src/components/dialpad/pex-dialpad.js';
import '../../src/components/roster/pex-roster.js';
import type { PexCall } from '../../src/components/call/call.js';
import type { PexRoster } from '../../src/components/roster/roster.js';
import { PexCloseEvent, PexDtmfEvent } from '../../src/events/dialpad-events.js';
import type {
  PexDisconnectRequestEvent,
  PexErrorEvent,
  PexParticipantWaitingEvent,
  PexToggleEvent,
} from '../../src/events/events.js';
import { CallService, setTransportFactory } from '../../src/services/call-service.js';
import { CallError } from '../../src/services/errors.js';
import type { TransportFactory } from '../../src/services/transport.js';
import type { ParticipantView, Role } from '../../src/services/types.js';
import { admitAs, FakeTransport, participant } from './fixtures/fake-transport.js';
import { HOSTILE } from './fixtures/hostile-strings.js';
import { listenersLeftBy } from './fixtures/listener-tracker.js';

type Row = Omit<ParticipantView, 'isMe'>;

/** A CallService joined (control only) through a FakeTransport, as `role`. */
async function callAs(role: Role = 'host'): Promise<{ service: CallService; t: FakeTransport }> {
  let t: FakeTransport | undefined;
  const service = new CallService(async (sink) => (t = new FakeTransport(sink)));
  await service.join({ alias: 'meet.alice', displayName: 'Me', mediaMode: 'none' });
  admitAs(t!, role);
  return { service, t: t! };
}

const me = (role: Role = 'host'): Row => participant({ uuid: 'me', displayName: 'Me', role });

function setList(t: FakeTransport, rows: Row[]): void {
  t.sink.participants(rows, 'me');
}

const $ = <T extends Element = HTMLElement>(el: PexRoster, sel: string): T | null =>
  el.shadowRoot!.querySelector<T>(sel);
const $$ = <T extends Element = HTMLElement>(el: PexRoster, sel: string): T[] => [
  ...el.shadowRoot!.querySelectorAll<T>(sel),
];
const row = (el: PexRoster, uuid: string): HTMLElement | null => $(el, `.row[data-uuid="${uuid}"]`);
const button = (root: ParentNode, text: string): HTMLButtonElement => {
  const b = [...root.querySelectorAll('button')].find((x) => x.textContent?.trim() === text);
  if (!b) throw new Error(`no button "${text}"`);
  return b;
};

/** Waits for the virtualised rows (rendered after a layout pass). */
async function rowsFor(el: PexRoster, uuids: string[]): Promise<void> {
  await el.updateComplete;
  await waitUntil(() => uuids.every((u) => row(el, u)), `rows ${uuids.join(', ')}`, { timeout: 4000 });
  await el.updateComplete;
}

async function roster(service: CallService): Promise<PexRoster> {
  const el = await fixture<PexRoster>(html`<pex-roster .service=${service}></pex-roster>`);
  // A service of the page's own (no <pex-call>) raises the call's events on the element it names.
  service.attachHost(el);
  await el.updateComplete;
  return el;
}

async function openDetails(el: PexRoster, uuid: string): Promise<HTMLElement> {
  await rowsFor(el, [uuid]);
  row(el, uuid)!.querySelector<HTMLButtonElement>('.name-button')!.click();
  await el.updateComplete;
  return $<HTMLElement>(el, '#details')!;
}

const noOverflow = (el: PexRoster): void => {
  const base = $(el, '.base')!;
  expect(base.scrollWidth, 'panel overflows sideways').to.be.at.most(base.clientWidth + 1);
  for (const r of $$(el, '.row')) {
    expect(r.scrollWidth, `row ${r.dataset['uuid']} overflows`).to.be.at.most(r.clientWidth + 1);
  }
};

describe('<pex-roster>', () => {
  describe('rendering', () => {
    it('alone, says "Not in a call" and is accessible', async () => {
      const el = await fixture<PexRoster>(html`<pex-roster></pex-roster>`);
      expect($(el, '[part="empty"]')?.textContent).to.include('Not in a call');
      expect($(el, 'input[type="search"]')).to.equal(null);
      await expect(el).to.be.accessible();
    });

    it('lists everyone with name, role, "(you)" and named badges', async () => {
      const { service, t } = await callAs('host');
      setList(t, [
        me(),
        participant({ uuid: 'a', displayName: 'Ann', role: 'host', isSpeaking: true, isPresenting: true }),
        participant({ uuid: 'b', displayName: 'Bob', isMuted: true, isCameraMuted: true, handRaised: true }),
        participant({ uuid: 'c', displayName: 'Rec', isStreaming: true, isExternal: true }),
        participant({ uuid: 'd', displayName: 'Dial', isCalling: true, overlayText: 'Call failed: Busy' }),
        participant({ uuid: 'w', displayName: 'Wes', isWaiting: true }),
      ]);
      const el = await roster(service);
      await rowsFor(el, ['me', 'a', 'b', 'c', 'd', 'w']);
      const text = (uuid: string): string => row(el, uuid)!.textContent!.replace(/\s+/g, ' ');
      expect(text('me')).to.include('Me').and.include('(you)').and.include('Host');
      expect(text('a')).to.include('Ann').and.include('Speaking').and.include('Presenting');
      expect(text('b')).to.include('Guest').and.include('Muted').and.include('Camera off');
      expect(text('b')).to.include('Hand raised');
      expect(text('c')).to.include('External').and.include('Streaming or recording');
      expect(text('d')).to.include('Being called').and.include('Call failed: Busy');
      expect(text('w')).to.include('Waiting to join');
      // Waiting people come first, then yourself.
      expect($$(el, '.row').map((r) => r.dataset['uuid'])).to.deep.equal(['w', 'me', 'a', 'b', 'c', 'd']);
      expect($(el, 'h2')!.textContent).to.include('(6)');
      await expect(el).to.be.accessible();
    });

    it('follows the <pex-call> it is inside (context)', async () => {
      let t: FakeTransport | undefined;
      const previous: TransportFactory = setTransportFactory(async (sink) => (t = new FakeTransport(sink)));
      try {
        const call = await fixture<PexCall>(html`<pex-call><pex-roster></pex-roster></pex-call>`);
        const el = call.querySelector('pex-roster')!;
        await el.updateComplete;
        expect($(el, '[part="empty"]')?.textContent).to.include('Not in a call');
        call.conference = 'meet.alice';
        call.name = 'Me';
        call.media = 'none';
        await call.updateComplete;
        await call.join();
        admitAs(t!, 'guest');
        await rowsFor(el, ['me', 'p2']);
        expect(el.callService).to.equal(call.service);
      } finally {
        setTransportFactory(previous);
      }
    });

    it('follows a <pex-call> elsewhere on the page by call="id"', async () => {
      let t: FakeTransport | undefined;
      const previous = setTransportFactory(async (sink) => (t = new FakeTransport(sink)));
      try {
        const wrap = await fixture<HTMLDivElement>(
          html`<div><pex-roster call="roster-call"></pex-roster><pex-call id="roster-call"></pex-call></div>`,
        );
        const el = wrap.querySelector('pex-roster')!;
        const call = wrap.querySelector('pex-call')!;
        await el.updateComplete;
        expect(el.callService).to.equal(call.service);
        await call.service.join({ alias: 'meet.alice', displayName: 'Me', mediaMode: 'none' });
        admitAs(t!, 'host');
        await rowsFor(el, ['me', 'p2']);
      } finally {
        setTransportFactory(previous);
      }
    });

    it('refuses call="id" naming an element that is not a <pex-call>, says so once, and shows no call', async () => {
      const warnings: string[] = [];
      const warn = console.warn;
      console.warn = (...args: unknown[]) => void warnings.push(args.join(' '));
      try {
        // Another roster, given a call service of its own, inside a real <pex-call>: neither the
        // roster's `service` field nor the enclosing call may be taken for the call named.
        const service = new CallService();
        const wrap = await fixture<HTMLDivElement>(
          html`<div>
            <pex-call id="real-call">
              <pex-roster id="some-roster" .service=${service}></pex-roster>
              <pex-roster call="some-roster"></pex-roster>
            </pex-call>
          </div>`,
        );
        const el = wrap.querySelector<PexRoster>('pex-roster[call]')!;
        await el.updateComplete;
        expect(el.callService).to.equal(undefined);
        expect($(el, '[part="empty"]')?.textContent).to.include('Not in a call');
        expect(warnings.filter((w) => w.includes('not a <pex-call>'))).to.deep.equal([
          'pex-components: <pex-roster call="some-roster">: #some-roster is not a <pex-call>',
        ]);
        // Renamed to the real call: followed at once.
        el.call = 'real-call';
        await el.updateComplete;
        expect(el.callService).to.equal(wrap.querySelector('pex-call')!.service);
        expect(warnings.filter((w) => w.includes('not a <pex-call>'))).to.have.length(1);
      } finally {
        console.warn = warn;
      }
    });

    it('<pex-dialpad> raises typed pex-dtmf (digits) and pex-close events', async () => {
      const pad = await fixture<HTMLElement>(html`<pex-dialpad label="Keypad for Bob"></pex-dialpad>`);
      const keys = [...pad.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="key"]')];
      const dtmf = oneEvent(pad, 'pex-dtmf');
      keys.find((k) => k.textContent?.trim() === '#')!.click();
      const e = (await dtmf) as PexDtmfEvent;
      expect(e).to.be.instanceOf(PexDtmfEvent);
      expect([e.digits, e.detail.digits]).to.deep.equal(['#', '#']);
      expect([e.bubbles, e.composed]).to.deep.equal([true, true]);
      const close = oneEvent(pad, 'pex-close');
      pad.shadowRoot!.querySelector<HTMLButtonElement>('[aria-label="Close keypad"]')!.click();
      expect(await close).to.be.instanceOf(PexCloseEvent);
      await expect(pad).to.be.accessible();
    });

    it('searches by name and says when nothing matches', async () => {
      const { service, t } = await callAs();
      setList(t, [
        me(),
        participant({ uuid: 'a', displayName: 'Ånne' }),
        participant({ uuid: 'b', displayName: 'Bob' }),
      ]);
      const el = await roster(service);
      await rowsFor(el, ['a', 'b']);
      const search = $<HTMLInputElement>(el, 'input[type="search"]')!;
      search.value = 'åN';
      search.dispatchEvent(new InputEvent('input'));
      await el.updateComplete;
      await waitUntil(() => !row(el, 'b'), 'Bob filtered out');
      expect(row(el, 'a')).to.exist;
      search.value = 'zzz';
      search.dispatchEvent(new InputEvent('input'));
      await el.updateComplete;
      expect($(el, '[part="empty"]')!.textContent).to.include('No participants match');
    });

    it('collapses and expands with a named toggle and a pex-toggle event', async () => {
      const { service, t } = await callAs();
      setList(t, [me()]);
      const el = await roster(service);
      const toggle = $<HTMLButtonElement>(el, '[part="toggle"]')!;
      expect(toggle.getAttribute('aria-expanded')).to.equal('true');
      const ev = oneEvent(el, 'pex-toggle');
      toggle.click();
      expect(((await ev) as unknown as PexToggleEvent).open).to.equal(false);
      await el.updateComplete;
      expect(el.collapsed).to.equal(true);
      expect(el.hasAttribute('collapsed')).to.equal(true);
      expect($(el, '#body')!.hidden).to.equal(true);
      expect(toggle.getAttribute('aria-expanded')).to.equal('false');
      expect(toggle.textContent).to.include('Show participants');
      await expect(el).to.be.accessible();
      toggle.click();
      await el.updateComplete;
      expect($(el, '#body')!.hidden).to.equal(false);
    });

    it('keeps 1,000 participants to a window of rows in the DOM', async () => {
      const { service, t } = await callAs();
      const many = Array.from({ length: 1000 }, (_, i) =>
        participant({ uuid: `u${i}`, displayName: `Person ${i}` }),
      );
      setList(t, [me(), ...many]);
      const el = await roster(service);
      await rowsFor(el, ['me', 'u0']);
      expect($$(el, '.row').length).to.be.below(100);
      expect($(el, 'h2')!.textContent).to.include('(1001)');
      // Updates keep rows keyed: the same element stays for the same participant.
      const before = row(el, 'u1');
      setList(t, [me(), ...many.map((p, i) => (i === 1 ? { ...p, isSpeaking: true } : p))]);
      await waitUntil(() => row(el, 'u1')?.textContent?.includes('Speaking'), 'the update');
      expect(row(el, 'u1')).to.equal(before);
    });
  });

  describe('Host controls', () => {
    it('admits (green) and rejects (red) participants waiting at a locked conference', async () => {
      const { service, t } = await callAs('host');
      setList(t, [
        me(),
        participant({ uuid: 'w1', displayName: 'Wanda', isWaiting: true }),
        participant({ uuid: 'w2', displayName: 'Walt', isWaiting: true }),
      ]);
      const el = await roster(service);
      await rowsFor(el, ['w1', 'w2']);
      const admit = row(el, 'w1')!.querySelector<HTMLButtonElement>('[part="admit"]')!;
      expect(admit.getAttribute('aria-label')).to.equal('Admit Wanda');
      expect(admit.classList.contains('admit')).to.equal(true);
      admit.click();
      row(el, 'w2')!.querySelector<HTMLButtonElement>('[part="reject"]')!.click();
      await el.updateComplete;
      expect(t.commands).to.deep.include(['admit', 'w1']);
      expect(t.commands).to.deep.include(['kick', 'w2']);
      await expect(el).to.be.accessible();
    });

    it('announces a new waiting participant to Hosts, visibly and politely, once', async () => {
      const { service, t } = await callAs('host');
      setList(t, [me()]);
      const el = await roster(service);
      const notice = $(el, '[part="notice"]')!;
      expect(notice.getAttribute('role')).to.equal('status');
      expect(notice.textContent?.trim()).to.equal('');
      const events: PexParticipantWaitingEvent[] = [];
      el.addEventListener('pex-participant-waiting', (e) => events.push(e));
      setList(t, [me(), participant({ uuid: 'w', displayName: 'Wanda', isWaiting: true })]);
      await el.updateComplete;
      expect(notice.textContent).to.include('Wanda is waiting to join');
      setList(t, [me(), participant({ uuid: 'w', displayName: 'Wanda', isWaiting: true, isMuted: true })]);
      await el.updateComplete;
      expect(events.map((e) => e.participant.uuid)).to.deep.equal(['w']);
      setList(t, [me(), participant({ uuid: 'w', displayName: 'Wanda' })]);
      await el.updateComplete;
      expect(notice.textContent?.trim()).to.equal('');
    });

    it('does not announce or offer controls to Guests', async () => {
      const { service, t } = await callAs('guest');
      setList(t, [me('guest'), participant({ uuid: 'w', displayName: 'Wanda', isWaiting: true })]);
      const el = await roster(service);
      await rowsFor(el, ['w']);
      expect($(el, '[part="notice"]')!.textContent?.trim()).to.equal('');
      expect($(el, '[part="admit"]')).to.equal(null);
      expect($(el, '.mute')).to.equal(null);
      const details = await openDetails(el, 'w');
      expect(details.textContent).to.include('Waiting to join');
      expect(details.querySelector('input[name="role"]')).to.equal(null);
      expect([...details.querySelectorAll('button')].map((b) => b.textContent?.trim())).to.deep.equal([
        'Close',
      ]);
      await expect(el).to.be.accessible();
    });

    it('mutes and unmutes a participant', async () => {
      const { service, t } = await callAs();
      setList(t, [
        me(),
        participant({ uuid: 'a', displayName: 'Ann' }),
        participant({ uuid: 'b', displayName: 'Bo', isMuted: true }),
      ]);
      const el = await roster(service);
      await rowsFor(el, ['a', 'b']);
      const muteA = row(el, 'a')!.querySelector<HTMLButtonElement>('.mute')!;
      expect(muteA.getAttribute('aria-label')).to.equal('Mute Ann');
      muteA.click();
      const unmuteB = row(el, 'b')!.querySelector<HTMLButtonElement>('.mute')!;
      expect(unmuteB.textContent?.trim()).to.equal('Unmute');
      unmuteB.click();
      await el.updateComplete;
      expect(t.commands).to.deep.include(['muteParticipant', 'a', true]);
      expect(t.commands).to.deep.include(['muteParticipant', 'b', false]);
    });

    it('changes a role; not yourself to Guest; External cannot change', async () => {
      const { service, t } = await callAs();
      setList(t, [
        me(),
        participant({ uuid: 'a', displayName: 'Ann' }),
        participant({ uuid: 'x', displayName: 'Lync user', isExternal: true }),
      ]);
      const el = await roster(service);
      let details = await openDetails(el, 'a');
      const hostRadio = details.querySelector<HTMLInputElement>('input[name="role"][value="host"]')!;
      hostRadio.click();
      await el.updateComplete;
      expect(t.commands).to.deep.include(['setRole', 'a', 'host']);
      await expect(el).to.be.accessible();

      details = await openDetails(el, 'me');
      expect(details.querySelector<HTMLInputElement>('input[value="guest"]')!.disabled).to.equal(true);

      details = await openDetails(el, 'x');
      expect(details.querySelector('input[name="role"]')).to.equal(null);
      expect(details.textContent).to.include('cannot be changed');
    });

    it('switches "view presentation on endpoint" off and on', async () => {
      const { service, t } = await callAs();
      setList(t, [me(), participant({ uuid: 'a', displayName: 'Ann', rxPresentation: true })]);
      const el = await roster(service);
      const details = await openDetails(el, 'a');
      const box = details.querySelector<HTMLInputElement>('input[name="rx-presentation"]')!;
      expect(box.checked).to.equal(true);
      box.click();
      await el.updateComplete;
      expect(t.commands).to.deep.include(['setRxPresentation', 'a', false]);
    });

    it('transfers with alias, role and PIN from a small dialog', async () => {
      const { service, t } = await callAs();
      setList(t, [me(), participant({ uuid: 'a', displayName: 'Ann' })]);
      const el = await roster(service);
      const details = await openDetails(el, 'a');
      button(details, 'Transfer…').click();
      await el.updateComplete;
      const dialog = $<HTMLDialogElement>(el, '#transfer')!;
      await waitUntil(() => dialog.open, 'the transfer dialog');
      await expect(el).to.be.accessible();
      // Empty alias: explained, nothing sent.
      dialog.querySelector<HTMLInputElement>('input[name="alias"]')!.required = false;
      button(dialog, 'Transfer').click();
      await el.updateComplete;
      expect(dialog.querySelector('[role="alert"]')?.textContent).to.include('address');
      dialog.querySelector<HTMLInputElement>('input[name="alias"]')!.value = 'meet.carol';
      dialog.querySelector<HTMLSelectElement>('select[name="role"]')!.value = 'host';
      dialog.querySelector<HTMLInputElement>('input[name="pin"]')!.value = '1234';
      button(dialog, 'Transfer').click();
      await waitUntil(() => !dialog.open, 'the dialog to close');
      expect(t.commands).to.deep.include(['transfer', 'a', 'meet.carol', 'host', '1234']);
    });

    it('asks with a cancelable pex-disconnect-request before disconnecting', async () => {
      const { service, t } = await callAs();
      setList(t, [me(), participant({ uuid: 'a', displayName: 'Ann' })]);
      const el = await roster(service);
      const details = await openDetails(el, 'a');
      const veto = (e: PexDisconnectRequestEvent): void => {
        expect(e.participant.uuid).to.equal('a');
        expect(e.cancelable && e.bubbles && e.composed).to.equal(true);
        e.preventDefault();
      };
      document.addEventListener('pex-disconnect-request', veto);
      button(details, 'Disconnect').click();
      document.removeEventListener('pex-disconnect-request', veto);
      await el.updateComplete;
      expect(t.commands.filter((c) => c[0] === 'kick')).to.have.length(0);
      button(details, 'Disconnect').click();
      await el.updateComplete;
      expect(t.commands).to.deep.include(['kick', 'a']);
    });

    it('sends DTMF to one participant with the keypad', async () => {
      const { service, t } = await callAs();
      setList(t, [me(), participant({ uuid: 'a', displayName: 'Bridge', callDirection: 'out' })]);
      const el = await roster(service);
      const details = await openDetails(el, 'a');
      button(details, 'Keypad').click();
      await el.updateComplete;
      const pad = details.querySelector('pex-dialpad')!;
      await pad.updateComplete;
      button(pad.shadowRoot!, '5').click();
      button(pad.shadowRoot!, '#').click();
      await el.updateComplete;
      expect(t.commands).to.deep.include(['sendDtmf', '5', 'a']);
      expect(t.commands).to.deep.include(['sendDtmf', '#', 'a']);
    });

    it('shows a failed command as an alert and a pex-error event', async () => {
      const { service, t } = await callAs();
      setList(t, [me(), participant({ uuid: 'a', displayName: 'Ann' })]);
      const el = await roster(service);
      await rowsFor(el, ['a']);
      t.failNext = new CallError('not-allowed');
      const ev = oneEvent(el, 'pex-error');
      row(el, 'a')!.querySelector<HTMLButtonElement>('.mute')!.click();
      expect(((await ev) as unknown as PexErrorEvent).error.code).to.equal('not-allowed');
      await el.updateComplete;
      expect($(el, '[role="alert"]')!.textContent).to.include('permission');
    });
  });

  describe('private chat', () => {
    it('offers "Message privately" to Guests and Hosts for others who can chat, and the chat shows it', async () => {
      const { service, t } = await callAs('guest');
      setList(t, [
        me('guest'),
        participant({ uuid: 'b', displayName: 'Bob' }),
        participant({ uuid: 'sip', displayName: 'Room system', protocol: 'sip', callDirection: 'out' }),
        participant({ uuid: 'gw', displayName: 'Gateway', protocol: 'h323' }),
        participant({ uuid: 'live', displayName: 'Stream', protocol: 'rtmp', isStreaming: true }),
        participant({ uuid: 'ring', displayName: 'Ringing', isCalling: true }),
      ]);
      const wrap = await fixture<HTMLDivElement>(
        html`<div>
          <pex-roster .service=${service}></pex-roster><pex-chat .service=${service}></pex-chat>
        </div>`,
      );
      const el = wrap.querySelector<PexRoster>('pex-roster')!;
      const chatEl = wrap.querySelector('pex-chat')!;
      for (const uuid of ['me', 'sip', 'gw', 'live', 'ring']) {
        const details = await openDetails(el, uuid);
        expect(details.querySelector('[part="message-privately"]'), uuid).to.equal(null);
        button(details, 'Close').click();
        await el.updateComplete;
      }
      const details = await openDetails(el, 'b');
      await expect(el).to.be.accessible();
      button(details, 'Message privately').click();
      await el.updateComplete;
      expect(service.chat.get().to).to.deep.equal({ uuid: 'b', name: 'Bob' });
      await chatEl.updateComplete;
      const to = chatEl.shadowRoot!.querySelector('[part="recipient"]')!.textContent!;
      expect(to.replace(/[\u2068\u2069]/g, '').replace(/\s+/g, ' ')).to.include('To: Bob (privately)');
      expect(chatEl.shadowRoot!.activeElement).to.equal(chatEl.shadowRoot!.querySelector('textarea'));
    });

    it('offers no private message when the meeting has chat turned off', async () => {
      const { service, t } = await callAs('host');
      t.sink.joined({
        conferenceName: 'Quiet',
        chatEnabled: false,
        guestsCanPresent: true,
        role: 'host',
        waiting: false,
      });
      setList(t, [me(), participant({ uuid: 'b', displayName: 'Bob' })]);
      const el = await roster(service);
      const details = await openDetails(el, 'b');
      expect(details.querySelector('[part="message-privately"]')).to.equal(null);
    });
  });

  describe('keyboard', () => {
    it('moves between rows with the arrow keys, Home and End; Escape closes the details', async () => {
      const { service, t } = await callAs();
      const many = Array.from({ length: 200 }, (_, i) =>
        participant({ uuid: `u${i}`, displayName: `P${i}` }),
      );
      setList(t, [me(), ...many]);
      const el = await roster(service);
      await rowsFor(el, ['me', 'u0']);
      const tabbable = $$(el, '.name-button').filter((b) => b.tabIndex === 0);
      expect(tabbable).to.have.length(1, 'one row in the tab order (roving tabindex)');
      tabbable[0]!.focus();
      const key = (k: string): void => {
        (el.shadowRoot!.activeElement as HTMLElement).dispatchEvent(
          new KeyboardEvent('keydown', { key: k, bubbles: true, composed: true }),
        );
      };
      key('ArrowDown');
      await waitUntil(
        () =>
          (el.shadowRoot!.activeElement as HTMLElement)?.closest('.row')?.getAttribute('data-uuid') === 'u0',
      );
      key('End');
      await waitUntil(
        () =>
          (el.shadowRoot!.activeElement as HTMLElement)?.closest('.row')?.getAttribute('data-uuid') ===
          'u199',
        'focus on the last row',
      );
      key('Home');
      await waitUntil(
        () =>
          (el.shadowRoot!.activeElement as HTMLElement)?.closest('.row')?.getAttribute('data-uuid') === 'me',
      );
      (el.shadowRoot!.activeElement as HTMLButtonElement).click();
      await el.updateComplete;
      expect($(el, '#details')).to.exist;
      $(el, '#details')!.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      await el.updateComplete;
      expect($(el, '#details')).to.equal(null);
    });
  });

  describe('lifecycle', () => {
    it('leaves no listeners on window or document, nor store subscriptions, after removal', async () => {
      const { service, t } = await callAs();
      setList(t, [me(), participant({ uuid: 'a', displayName: 'Ann' })]);
      const left = await listenersLeftBy(async () => {
        for (let i = 0; i < 5; i++) {
          const el = await roster(service);
          await rowsFor(el, ['a']);
          el.remove();
        }
      });
      expect(left).to.deep.equal([]);
      expect(service.participants.listenerCount).to.equal(0);
      expect(service.conference.listenerCount).to.equal(0);
    });
  });

  describe('hostile display names', () => {
    afterEach(() => {
      delete (window as { __pwned?: unknown }).__pwned;
    });

    it(`renders ${HOSTILE.length} hostile names as text: nothing runs, nothing is lost, nothing overflows`, async () => {
      expect(HOSTILE.length).to.be.at.least(50);
      const { service, t } = await callAs();
      const wrap = await fixture<HTMLDivElement>(
        html`<div style="width: 320px"><pex-roster .service=${service}></pex-roster></div>`,
      );
      const el = wrap.querySelector('pex-roster')!;
      for (let i = 0; i < HOSTILE.length; i += 5) {
        const chunk = HOSTILE.slice(i, i + 5).map((name, j) =>
          participant({ uuid: `h${i + j}`, displayName: name, overlayText: name }),
        );
        setList(t, [me(), ...chunk]);
        await rowsFor(
          el,
          chunk.map((p) => p.uuid),
        );
        for (const p of chunk) {
          const r = row(el, p.uuid)!;
          expect(r.querySelector('.name')!.textContent).to.equal(p.displayName);
          expect(r.querySelector('.status')!.textContent).to.equal(p.displayName);
          expect(
            r.querySelector('script, img, svg, iframe, a, object, input, style, meta, template'),
          ).to.equal(null);
        }
        noOverflow(el);
      }
      // The details of the longest name hold too.
      const longest = HOSTILE.reduce((a, b) => (b.length > a.length ? b : a));
      setList(t, [me(), participant({ uuid: 'long', displayName: longest })]);
      const details = await openDetails(el, 'long');
      expect(details.querySelector('h3')!.textContent).to.include(longest);
      noOverflow(el);
      await new Promise((r) => setTimeout(r, 50));
      expect((window as { __pwned?: unknown }).__pwned).to.equal(undefined);
    });
  });
});
