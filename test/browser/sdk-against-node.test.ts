/**
 * The unmodified official SDK (@pexip/infinity) against the local conferencing node, one iframe per
 * participant. Tokens expire after 3 s in this run (see web-test-runner.config.mjs), so every
 * scenario here also relies on the SDK's token refresh working against the node.
 */
import { expect } from '@open-wc/testing';
import { SdkParticipant, waitFor } from './fixtures/sdk-participant.js';

describe('@pexip/infinity against the local conferencing node', () => {
  let people: SdkParticipant[] = [];
  const person = async (): Promise<SdkParticipant> => {
    const p = await SdkParticipant.create();
    people.push(p);
    return p;
  };

  afterEach(async () => {
    await Promise.all(people.map((p) => p.leave()));
    people = [];
  });

  it('joins control-only and shows a roster of two on both sides', async () => {
    const a = await person();
    const b = await person();
    await a.joined({ alias: 'meet.alice', name: 'Alice' });
    await b.joined({ alias: 'meet.alice', name: 'Bob' });
    await waitFor(() => a.find('Bob'), 'Alice to see Bob');
    await waitFor(() => b.find('Alice'), 'Bob to see Alice');
    expect(a.roster()).to.have.length(2);
    expect(b.roster()).to.have.length(2);
    expect(a.me?.isHost).to.equal(true);
    expect(a.find('Bob')?.protocol).to.equal('api');
    expect(a.client.conferenceName).to.equal("Alice's meeting room");
  });

  it('carries chat both ways with the sender named', async () => {
    const a = await person();
    const b = await person();
    await a.joined({ alias: 'meet.alice', name: 'Alice' });
    await b.joined({ alias: 'meet.alice', name: 'Bob' });
    await waitFor(() => a.find('Bob'), 'Alice to see Bob');
    await a.client.sendMessage({ payload: 'Hello Bob' });
    await waitFor(() => b.messages.length > 0, 'Bob to get a message');
    expect(b.messages[0]).to.deep.equal({ displayName: 'Alice', message: 'Hello Bob', direct: false });
    await b.client.sendMessage({ payload: 'Hi Alice <b>bold</b>' });
    await waitFor(() => a.messages.length > 0, 'Alice to get a message');
    expect(a.messages[0]?.displayName).to.equal('Bob');
    expect(a.messages[0]?.message).to.equal('Hi Alice <b>bold</b>');
    expect(b.messages).to.have.length(1, 'no echo of own messages');
  });

  it('meet.carol: asks for a PIN with Host and Guest PINs; the PIN decides the role', async () => {
    const h = await person();
    const g = await person();
    await h.join({ alias: 'meet.carol', name: 'Host' });
    expect(h.pinRequests[0]).to.deep.equal({ hasHostPin: true, hasGuestPin: true });
    await h.joined({ alias: 'meet.carol', name: 'Host', pin: '1234' });
    expect(h.me?.isHost).to.equal(true);
    await g.joined({ alias: 'meet.carol', name: 'Guest', pin: '5678' });
    expect(g.me?.isHost).to.equal(false);
    expect(g.me?.role).to.equal('guest');
  });

  it('meet.bob: PIN "none" joins as Guest; a wrong PIN is #pex101', async () => {
    const g = await person();
    await g.join({ alias: 'meet.bob', name: 'Guest' });
    expect(g.pinRequests[0]).to.deep.equal({ hasHostPin: true, hasGuestPin: false });
    const w = await person();
    await w.join({ alias: 'meet.bob', name: 'Wrong', pin: '9999' });
    await waitFor(() => w.errors.length > 0, 'an error for the wrong PIN');
    expect(w.errors[0]).to.deep.equal({ error: 'Invalid PIN', errorCode: '#pex101' });
    await g.joined({ alias: 'meet.bob', name: 'Guest', pin: 'none' });
    expect(g.me?.role).to.equal('guest');
  });

  it('meet.bob: a Guest waits for the Host until the conference starts', async () => {
    const g = await person();
    const h = await person();
    await g.joined({ alias: 'meet.bob', name: 'Guest', pin: 'none' });
    await waitFor(() => g.status(), 'a conference status');
    expect(g.status()?.started).to.equal(false);
    await h.joined({ alias: 'meet.bob', name: 'Host', pin: '1234' });
    // A control-only Host does not start it; "Start conference" does.
    expect(h.status()?.started).to.equal(false);
    await h.client.sendConferenceRequest({ path: 'start_conference', method: 'POST' });
    await waitFor(() => g.status()?.started, 'the Guest to see the conference start');
  });

  it('Virtual Reception: asks for the extension and routes to the room', async () => {
    const v = await person();
    await v.join({ alias: 'reception', name: 'Visitor' });
    expect(v.extensions).to.deep.equal(['standard']);
    await v.joined({ alias: 'reception', name: 'Visitor', extension: '100' });
    expect(v.client.conferenceName).to.equal("Alice's meeting room");
    expect(v.me?.isHost).to.equal(true);
  });

  it('locks: a newcomer waits, is admitted; another is rejected', async () => {
    const host = await person();
    const bob = await person();
    const eve = await person();
    await host.joined({ alias: 'meet.alice', name: 'Host' });
    await host.client.lock({ lock: true });
    await waitFor(() => host.status()?.locked, 'the lock to show');
    await bob.joined({ alias: 'meet.alice', name: 'Bob' });
    expect(bob.client.serviceType).to.equal('waiting_room');
    const waiting = await waitFor(() => host.find('Bob'), 'the host to see Bob waiting');
    expect(waiting.isWaiting).to.equal(true);
    expect(bob.roster().map((p) => p.displayName)).to.deep.equal(
      ['Bob'],
      'a waiting participant sees only itself',
    );
    await host.client.admit({ participantUuid: waiting.uuid });
    await waitFor(() => bob.serviceTypes.includes('conference'), 'Bob to be admitted');
    await waitFor(() => bob.find('Host'), 'Bob to see the roster after admission');
    await waitFor(() => host.find('Bob')?.isWaiting === false, 'the host to see Bob in');

    await eve.joined({ alias: 'meet.alice', name: 'Eve' });
    const eveRow = await waitFor(() => host.find('Eve'), 'the host to see Eve waiting');
    expect(eveRow.isWaiting).to.equal(true);
    await host.client.kick({ participantUuid: eveRow.uuid });
    await waitFor(() => eve.disconnects.length > 0, 'Eve to be turned away');
    expect(eve.disconnects[0]?.errorCode).to.equal('#pex124');
    await waitFor(() => !host.find('Eve'), 'Eve to leave the roster');
  });

  it('mutes all Guests and unmutes them', async () => {
    const h = await person();
    const g = await person();
    await h.joined({ alias: 'meet.bob', name: 'Host', pin: '1234' });
    await g.joined({ alias: 'meet.bob', name: 'Guest', pin: 'none' });
    await h.client.muteAllGuests({ mute: true });
    await waitFor(() => g.me?.isMuted, 'the Guest to be muted');
    await waitFor(() => h.find('Guest')?.isMuted, 'the Host to see the Guest muted');
    expect(h.me?.isMuted).to.equal(false, 'Hosts stay unmuted');
    expect(h.status()?.guestsMuted).to.equal(true);
    await h.client.muteAllGuests({ mute: false });
    await waitFor(() => g.me?.isMuted === false, 'the Guest to be unmuted');
  });

  it('changes a Guest into a Host', async () => {
    const h = await person();
    const g = await person();
    await h.joined({ alias: 'meet.carol', name: 'Host', pin: '1234' });
    await g.joined({ alias: 'meet.carol', name: 'Guest', pin: '5678' });
    const row = await waitFor(() => h.find('Guest'), 'the host to see the guest');
    await h.client.setRole({ role: 'chair', participantUuid: row.uuid });
    await waitFor(() => g.me?.isHost, 'the Guest to become a Host');
  });

  it('transfers a participant to another room', async () => {
    const h = await person();
    const g = await person();
    await h.joined({ alias: 'meet.alice', name: 'Host' });
    await g.joined({ alias: 'meet.alice', name: 'Mover' });
    const row = await waitFor(() => h.find('Mover'), 'the host to see the mover');
    await h.client.transfer({
      destination: 'meet.carol',
      role: 'guest',
      pin: '5678',
      participantUuid: row.uuid,
    });
    const refer = await waitFor(() => g.transfers[0], 'the transfer to arrive');
    expect(refer.alias).to.equal('meet.carol');
    await g.client.disconnect({ reason: 'Transfer' });
    await g.joined({ alias: refer.alias, name: 'Mover', token: refer.token });
    expect(g.client.conferenceName).to.equal("Carol's meeting room");
    expect(g.me?.role).to.equal('guest');
    await waitFor(() => !h.find('Mover'), 'the mover to leave the first room');
  });

  it('disconnects everyone', async () => {
    const h = await person();
    const g = await person();
    await h.joined({ alias: 'meet.alice', name: 'Host' });
    await g.joined({ alias: 'meet.alice', name: 'Other' });
    await h.client.disconnectAll({});
    await waitFor(() => g.disconnects.length > 0 && h.disconnects.length > 0, 'both to be disconnected');
    expect(g.disconnects[0]).to.deep.equal({
      error: 'Conference terminated by another participant',
      errorCode: '#pex125',
    });
  });

  it('stays in the call past several token lifetimes by refreshing', async () => {
    const a = await person();
    const b = await person();
    await a.joined({ alias: 'meet.alice', name: 'Long' });
    await b.joined({ alias: 'meet.alice', name: 'Stayer' });
    // Tokens live 3 s here (web-test-runner.config.mjs) and are refreshed every second: seven
    // refreshes are more than two token lifetimes.
    await waitFor(() => a.refreshes >= 7, 'seven token refreshes', 15_000);
    expect(a.refreshes).to.be.greaterThan(2);
    expect(a.disconnects).to.deep.equal([]);
    expect(b.find('Long')).to.not.equal(undefined);
    await a.client.sendMessage({ payload: 'still here' });
    await waitFor(() => b.messages.some((m) => m.message === 'still here'), 'chat after refreshes');
  });
});
