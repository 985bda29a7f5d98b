/**
 * <pex-roster> and <pex-chat> end to end: each participant is a real <pex-call> (real SDK, real local
 * node) in its own iframe, with `<pex-roster call="call">` and `<pex-chat call="call">` beside it.
 */
import { expect } from '@open-wc/testing';
import { type CallPage, usePages } from './fixtures/call-page.js';
import { waitFor } from './fixtures/sdk-participant.js';

describe('<pex-roster> and <pex-chat> against the local node', () => {
  const open = usePages();

  const joinAlice = async (name: string): Promise<CallPage> => {
    const p = await open();
    await p.join('meet.alice', name);
    await p.phaseIs('in-call');
    return p;
  };

  const rowContaining = (page: CallPage, text: string): HTMLElement | undefined =>
    [...page.roster.shadowRoot!.querySelectorAll<HTMLElement>('.row')].find((r) =>
      r.textContent?.includes(text),
    );

  it('a Host admits one waiting Guest and rejects another at a locked conference', async () => {
    const host = await open();
    await host.join('meet.bob', 'Hana');
    await host.phaseIs('needs-pin');
    await host.fill('pin', '1234');
    await host.click('Join');
    await host.phaseIs('in-call');
    await host.click('Conference menu');
    await host.click('Start conference');
    await host.click('Conference menu');
    await host.click('Lock conference');
    await waitFor(() => host.call.service.conference.get().locked, 'the lock');

    const joinAsGuest = async (name: string): Promise<CallPage> => {
      const g = await open();
      await g.join('meet.bob', name);
      await g.phaseIs('needs-pin');
      await g.choose('role', 'guest');
      await g.click('Join');
      await g.phaseIs('waiting-room');
      return g;
    };
    const gina = await joinAsGuest('Gina');
    await host.rosterRowWith('Gina', /Waiting to join/);
    // Announced to the Host, visibly and in a polite live region.
    const notice = host.roster.shadowRoot!.querySelector('[part="notice"]')!;
    expect(notice.getAttribute('role')).to.equal('status');
    await waitFor(() => /Gina is waiting to join/.test(notice.textContent ?? ''), 'the announcement');
    const gus = await joinAsGuest('Gus');
    await host.rosterRowWith('Gus', /Waiting to join/);

    await host.rosterClick('Gina', 'Admit');
    await gina.phaseIs('in-call');
    await waitFor(
      () => !host.rosterRow('Gina')?.textContent?.includes('Waiting to join'),
      'Gina to be in the meeting in the roster',
    );
    expect(host.rosterRow('Gina')!.textContent).to.include('Guest');

    await host.rosterClick('Gus', 'Reject');
    await gus.phaseIs('ended');
    await waitFor(() => !host.rosterRow('Gus'), 'Gus to leave the roster');
    // The admitted Guest's own roster marks her and shows the Host, without Host controls.
    await gina.rosterRowWith('Gina', /\(you\)/);
    await gina.rosterRowWith('Hana', /Host/);
    expect(gina.roster.shadowRoot!.querySelector('[part="admit"], .mute')).to.equal(null);
  });

  it('a Host changes a role, mutes one and all guests, transfers one and disconnects one', async () => {
    const ann = await joinAlice('Ann');
    const ben = await joinAlice('Ben');
    const cy = await joinAlice('Cy');
    await ann.rosterRowWith('Ben', /Host/);
    await ann.rosterRowWith('Cy', /Host/);

    // Change Ben's role to Guest.
    const details = await ann.rosterDetails('Ben');
    details.querySelector<HTMLInputElement>('input[name="role"][value="guest"]')!.click();
    await waitFor(() => !ben.call.service.isHost, 'Ben to become a Guest');
    await ann.rosterRowWith('Ben', /Guest/);
    // Not yourself to Guest.
    const own = await ann.rosterDetails('Ann');
    expect(own.querySelector<HTMLInputElement>('input[value="guest"]')!.disabled).to.equal(true);

    // Mute Cy (a Host) from the roster, then all Guests from the conference menu.
    await ann.rosterClick('Cy', 'Mute');
    await ann.rosterRowWith('Cy', /Muted/);
    await waitFor(() => cy.participant('Cy')?.isMuted, 'Cy to see herself muted');
    await ann.click('Conference menu');
    await ann.click('Mute all guests');
    await ann.rosterRowWith('Ben', /Muted/);

    // Transfer Cy to meet.carol as a Guest with the Guest PIN.
    await ann.rosterClick('Cy', 'Transfer…');
    const dialog = await waitFor(
      () => ann.roster.shadowRoot!.querySelector<HTMLDialogElement>('#transfer[open]') ?? undefined,
      'the transfer dialog',
    );
    dialog.querySelector<HTMLInputElement>('input[name="alias"]')!.value = 'meet.carol';
    dialog.querySelector<HTMLSelectElement>('select[name="role"]')!.value = 'guest';
    dialog.querySelector<HTMLInputElement>('input[name="pin"]')!.value = '5678';
    dialog.querySelector<HTMLButtonElement>('button[type="submit"]')!.click();
    await waitFor(() => !dialog.open, 'the dialog to close');
    await waitFor(
      () => /meet\.carol/.test(cy.call.service.conference.get().alias),
      'Cy to be moved to meet.carol',
      15000,
    );
    await waitFor(
      () => ['in-call', 'waiting-for-host'].includes(cy.phase),
      `Cy to be in meet.carol (now ${cy.phase})`,
      15000,
    );
    await waitFor(() => !ann.rosterRow('Cy'), 'Cy to leave the roster');

    // Disconnect Ben (after the cancelable request event).
    let requested = '';
    ann.call.addEventListener('pex-disconnect-request', (e) => (requested = e.participant.displayName), {
      once: true,
    });
    await ann.rosterClick('Ben', 'Disconnect');
    expect(requested).to.equal('Ben');
    await ben.phaseIs('ended');
    expect(ben.call.service.conference.get().error?.code).to.equal('kicked');
    await waitFor(() => !ann.rosterRow('Ben'), 'Ben to leave the roster');
  });

  it('chat crosses both ways, as text, with safe links', async () => {
    const ann = await joinAlice('Ann');
    const ben = await joinAlice('Ben');
    await ann.sendChat('Hello Ben <b>not bold</b>');
    await waitFor(() => ben.chatTexts().includes('Hello Ben <b>not bold</b>'), 'Ben to get the message');
    const fromAnn = [...ben.chat.shadowRoot!.querySelectorAll('.message')].at(-1)!;
    expect(fromAnn.querySelector('.sender')!.textContent).to.equal('Ann');
    expect(fromAnn.querySelector('b')).to.equal(null);
    await ben.sendChat('Hi Ann, see https://example.com/notes and javascript:alert(1)');
    await waitFor(
      () => ann.chatTexts().includes('Hi Ann, see https://example.com/notes and javascript:alert(1)'),
      'Ann to get the reply',
    );
    const reply = [...ann.chat.shadowRoot!.querySelectorAll('.message')].at(-1)!;
    expect([...reply.querySelectorAll('a')].map((a) => a.href)).to.deep.equal(['https://example.com/notes']);
    // Each side sees its own message once, marked as its own.
    expect(ann.chatTexts().filter((t) => t.startsWith('Hello Ben'))).to.have.length(1);
    expect(ann.chat.shadowRoot!.querySelector('.message.mine')).to.exist;
  });

  it('a private message from the roster row reaches that one person only, by the direct endpoint', async () => {
    const ann = await joinAlice('Ann');
    const ben = await joinAlice('Ben');
    const cy = await joinAlice('Cy');
    await ann.rosterRowWith('Ben');
    await ann.rosterRowWith('Cy');
    const plain = (node: Element | null | undefined): string =>
      (node?.textContent ?? '')
        .replace(/[\u2068\u2069]/g, '')
        .replace(/\s+/g, ' ')
        .trim();
    const recipient = (): string => plain(ann.chat.shadowRoot!.querySelector('[part="recipient"]'));
    expect(recipient()).to.equal('To: Everyone');
    // Not offered on your own row.
    const own = await ann.rosterDetails('Ann');
    expect(own.querySelector('[part="message-privately"]')).to.equal(null);

    await ann.rosterClick('Ben', 'Message privately');
    await waitFor(() => recipient().startsWith('To: Ben (privately)'), "Ann's chat to show Ben as recipient");
    await ann.sendChat('Only for Ben');
    await waitFor(() => ben.chatTexts().includes('Only for Ben'), 'Ben to get the private message');
    const got = [...ben.chat.shadowRoot!.querySelectorAll('.message')].at(-1)!;
    expect(plain(got.querySelector('.head'))).to.include('(private)');
    const sent = [...ann.chat.shadowRoot!.querySelectorAll('.message.mine')].at(-1)!;
    expect(plain(sent.querySelector('.head'))).to.include('(privately to Ben)');

    // Back to everyone: a message that Cy receives after the private one (same ordered event stream).
    ann.chat.shadowRoot!.querySelector<HTMLButtonElement>('[part="to-everyone"]')!.click();
    await waitFor(() => recipient() === 'To: Everyone', 'the recipient back to everyone');
    await ann.sendChat('For everyone');
    await waitFor(() => cy.chatTexts().includes('For everyone'), 'Cy to get the public message');
    await waitFor(() => ben.chatTexts().includes('For everyone'), 'Ben to get the public message');
    expect(cy.chatTexts()).not.to.include('Only for Ben');
    expect(cy.call.service.chat.get().messages.map((m) => m.text)).to.deep.equal(['For everyone']);

    // What the node accepted, and through which endpoint.
    const log = (await (await fetch('/__local-node__/chat?conference=meet.alice')).json()) as {
      kind: string;
      from: string;
      to?: string;
      payload: string;
    }[];
    const annUuid = ann.call.service.participants.get().meUuid;
    const benUuid = ben.call.service.participants.get().meUuid;
    expect(log.map(({ kind, from, to, payload }) => ({ kind, from, to, payload }))).to.deep.equal([
      { kind: 'participant', from: annUuid, to: benUuid, payload: 'Only for Ben' },
      { kind: 'conference', from: annUuid, to: undefined, payload: 'For everyone' },
    ]);

    // The recipient leaves while a draft is being written: the chat says so and keeps the draft.
    await ann.rosterClick('Cy', 'Message privately');
    await waitFor(() => recipient().startsWith('To: Cy (privately)'), 'Cy as recipient');
    const box = ann.chat.shadowRoot!.querySelector<HTMLTextAreaElement>('textarea')!;
    box.value = 'draft for Cy';
    box.dispatchEvent(new Event('input', { bubbles: true }));
    await cy.close();
    await waitFor(
      () =>
        plain(ann.chat.shadowRoot!.querySelector('[part="recipient-left"]')) ===
        'Cy left the call, so your message will go to everyone.',
      'the note that Cy left',
    );
    expect(recipient()).to.equal('To: Everyone');
    expect(ann.chat.shadowRoot!.querySelector('textarea')!.value).to.equal('draft for Cy');
  });

  it('meet.quiet: the chat says it is turned off', async () => {
    const q = await open();
    await q.join('meet.quiet', 'Quentin');
    await q.phaseIs('in-call');
    await waitFor(
      () => q.chat.shadowRoot!.querySelector('[part="disabled"]')?.textContent?.includes('turned off'),
      'the chat-off notice',
    );
    expect(q.chat.shadowRoot!.querySelector('textarea')).to.equal(null);
  });

  it('a dial-out shows "Being called", then the answer or the failure', async () => {
    const ann = await joinAlice('Ann');
    const dial = async (address: string): Promise<void> => {
      await ann.click('Conference menu');
      await ann.click('Add a participant');
      await ann.fill('destination', address);
      await ann.click('Call');
    };
    await dial('sip:alice@example.com');
    await waitFor(
      () => rowContaining(ann, 'alice@example.com')?.textContent?.includes('Being called'),
      'calling',
    );
    await waitFor(() => {
      const row = rowContaining(ann, 'alice@example.com');
      return row && !row.textContent?.includes('Being called');
    }, 'alice to answer');
    await dial('busy@example.com');
    await waitFor(
      () => rowContaining(ann, 'busy@example.com')?.textContent?.includes('Being called'),
      'calling busy',
    );
    await waitFor(
      () => rowContaining(ann, 'busy@example.com')?.textContent?.includes('Call failed: Busy'),
      'the failure to show',
    );
    // Leave the room empty for the next test: disconnect the far end that answered.
    await ann.rosterClick(
      rowContaining(ann, 'alice@example.com')!.querySelector('.name')!.textContent!,
      'Disconnect',
    );
    await waitFor(() => !rowContaining(ann, 'alice@example.com'), 'the far end to be disconnected');
    // The failed call leaves the roster by itself after a while.
    await waitFor(() => !rowContaining(ann, 'busy@example.com'), 'the failed call to go', 15000);
  });
});
