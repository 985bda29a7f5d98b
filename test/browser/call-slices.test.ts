/**
 * The call service's slices behind its facade, through a scripted transport: optimistic updates
 * roll back when the node refuses them, the roster keeps one view per unchanged participant, the
 * requests the commands raise can be vetoed, and a failure is told once.
 */
import { expect } from '@open-wc/testing';
import type { PexErrorEvent } from '../../src/events/events.js';
import { CallService } from '../../src/services/call-service.js';
import { CallError } from '../../src/services/errors.js';
import { admitAs, FakeTransport, participant } from './fixtures/fake-transport.js';

/** A service joined through a FakeTransport as `role`, its events raised on a detached element. */
async function joined(
  role: 'host' | 'guest' = 'host',
  mediaMode: 'audio' | 'none' = 'none',
): Promise<{ service: CallService; t: FakeTransport; host: HTMLElement; stream?: MediaStream }> {
  let t: FakeTransport | undefined;
  const service = new CallService(async (sink) => (t = new FakeTransport(sink)));
  const host = document.createElement('div');
  service.attachHost(host);
  let stream: MediaStream | undefined;
  if (mediaMode === 'audio') {
    const ctx = new AudioContext();
    stream = ctx.createMediaStreamDestination().stream;
  }
  await service.join({ alias: 'meet.alice', displayName: 'Me', mediaMode, ...(stream ? { stream } : {}) });
  admitAs(t!, role);
  return { service, t: t!, host, ...(stream ? { stream } : {}) };
}

describe('CallService slices', () => {
  it('rolls a refused microphone mute back (store and track)', async () => {
    const { service, t, stream } = await joined('guest', 'audio');
    const track = stream!.getAudioTracks()[0]!;
    expect(track.enabled).to.equal(true);
    t.failNext = new CallError('network');
    const muting = service.setMicMuted(true);
    // Shown at once…
    expect(service.media.get().micMuted).to.equal(true);
    expect(track.enabled).to.equal(false);
    await muting.then(
      () => expect.fail('the refusal is reported'),
      (e: CallError) => expect(e.code).to.equal('network'),
    );
    // …and undone when the node refused it.
    expect(service.media.get().micMuted).to.equal(false);
    expect(track.enabled).to.equal(true);
    await service.setMicMuted(true);
    expect(service.media.get().micMuted).to.equal(true);
    expect(t.commands.filter((c) => c[0] === 'muteSelf')).to.deep.equal([
      ['muteSelf', true],
      ['muteSelf', true],
    ]);
  });

  it('rolls a refused camera mute back', async () => {
    const { service, t } = await joined('guest');
    t.failNext = new CallError('network');
    await service.setCameraMuted(true).catch(() => undefined);
    expect(service.media.get().cameraMuted).to.equal(false);
  });

  it('keeps one view per unchanged participant, whatever objects the transport hands over', async () => {
    const { service, t } = await joined();
    const rows = (): ReturnType<typeof participant>[] => [
      participant({ uuid: 'me', displayName: 'Me', role: 'host' }),
      participant({ uuid: 'a', displayName: 'Ann' }),
    ];
    t.sink.participants(rows(), 'me');
    const [me1, ann1] = service.participants.get().list;
    t.sink.participants(rows(), 'me'); // new, equal objects
    const [me2, ann2] = service.participants.get().list;
    expect(me2).to.equal(me1);
    expect(ann2).to.equal(ann1);
    t.sink.participants([rows()[0]!, participant({ uuid: 'a', displayName: 'Ann', isMuted: true })], 'me');
    const [me3, ann3] = service.participants.get().list;
    expect(me3).to.equal(me1);
    expect(ann3).not.to.equal(ann1);
    expect(ann3!.isMuted).to.equal(true);
    expect(Object.isFrozen(ann3)).to.equal(true);
  });

  it('takes the role from the roster in one place (and Host controls follow it)', async () => {
    const { service, t } = await joined('host');
    expect(service.isHost).to.equal(true);
    t.sink.participants([participant({ uuid: 'me', displayName: 'Me', role: 'guest' })], 'me');
    expect(service.conference.get().role).to.equal('guest');
    expect(service.isHost).to.equal(false);
    await service.lock(true).then(
      () => expect.fail('a Guest may not lock'),
      (e: CallError) => expect(e.code).to.equal('not-allowed'),
    );
  });

  it('raises the cancelable requests from the commands; a veto does nothing', async () => {
    const { service, t, host } = await joined('host');
    t.sink.participants(
      [
        participant({ uuid: 'me', displayName: 'Me', role: 'host' }),
        participant({ uuid: 'a', displayName: 'Ann' }),
      ],
      'me',
    );
    const veto = (e: Event): void => e.preventDefault();
    for (const type of ['pex-disconnect-request', 'pex-chat-send', 'pex-leave-request']) {
      host.addEventListener(type, veto);
    }
    expect(await service.kick('a')).to.equal(false);
    expect(await service.sendChat('hello')).to.equal(false);
    await service.leave();
    expect(t.commands.map((c) => c[0])).to.not.include.members(['kick', 'sendMessage', 'leave']);
    expect(service.chat.get().messages).to.have.length(0);
    expect(service.conference.get().phase).to.equal('in-call');

    for (const type of ['pex-disconnect-request', 'pex-chat-send', 'pex-leave-request']) {
      host.removeEventListener(type, veto);
    }
    expect(await service.kick('a')).to.equal(true);
    expect(await service.sendChat('hello')).to.equal(true);
    // Removed for good: the leave cannot be vetoed.
    host.addEventListener('pex-leave-request', veto);
    await service.leave({ force: true });
    expect(t.commands.map((c) => c[0])).to.include.members(['kick', 'sendMessage', 'leave']);
    expect(service.conference.get().phase).to.equal('ended');
  });

  it('tells a failure once, however many report it', async () => {
    const { service, t, host } = await joined('guest');
    const errors: PexErrorEvent[] = [];
    host.addEventListener('pex-error', (e) => errors.push(e));
    const kicked = new CallError('kicked');
    t.sink.disconnected(kicked);
    const told = service.conference.get().error!;
    service.report(told);
    service.report(told);
    expect(errors.map((e) => e.error)).to.deep.equal([told]);
    service.report(new CallError('network'));
    expect(errors).to.have.length(2);
  });
});
