/**
 * The domain rules live in the model (conferencing-node/model/rules.ts), not in the HTTP layer: they
 * are exercised here on a NodeState alone, without a server, a request or a route.
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ManualClock } from '../../conferencing-node/clock.js';
import { loadConfig } from '../../conferencing-node/config.js';
import { ApiError } from '../../conferencing-node/errors.js';
import { NodeState, Participant, type Role } from '../../conferencing-node/model.js';
import * as rules from '../../conferencing-node/model/rules.js';

function room(alias = 'meet.bob') {
  const state = new NodeState(loadConfig(), new ManualClock());
  const conf = state.conferenceFor(alias)!;
  const join = (name: string, role: Role, enteredHostPin = role === 'chair'): Participant => {
    const p = new Participant(conf, name, role, 'client', alias);
    rules.enter(p, enteredHostPin);
    conf.add(p);
    return p;
  };
  return { state, conf, join };
}

const refused = (fn: () => void, result: string | RegExp): void =>
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof ApiError);
    assert.equal(e.status, 403);
    if (typeof result === 'string') assert.equal(e.message, result);
    else assert.match(e.message, result);
    return true;
  });

describe('domain rules (model/rules.ts)', () => {
  it('a locked conference holds arrivals (Host PIN aside); unlocking admits everyone waiting', () => {
    const { conf, join } = room();
    const host = join('Host', 'chair');
    const guest = join('Early', 'guest');
    refused(() => rules.setLocked(guest, true), /Host privileges/);
    rules.setLocked(host, true);
    assert.equal(conf.locked, true);
    const late1 = join('Late 1', 'guest');
    const late2 = join('Late 2', 'guest');
    const host2 = join('Host 2', 'chair', true);
    assert.deepEqual(
      [late1, late2, host2].map((p) => p.serviceType),
      ['waiting_room', 'waiting_room', 'conference'],
    );
    assert.equal(rules.admit(host, late1), true);
    assert.equal(rules.admit(host, late1), false, 'not waiting any more');
    rules.setLocked(host, false);
    assert.deepEqual(
      [late1, late2].map((p) => p.serviceType),
      ['conference', 'conference'],
    );
  });

  it('muting all guests mutes each Guest and later ones; a muted Guest may not unmute', () => {
    const { conf, join } = room();
    const host = join('Host', 'chair');
    const otherHost = join('Other Host', 'chair');
    const guest = join('Guest', 'guest');
    refused(() => rules.setGuestsMuted(guest, true), /Host privileges/);
    rules.setGuestsMuted(host, true);
    assert.deepEqual(
      [host, otherHost, guest].map((p) => p.isMuted),
      [false, false, true],
    );
    refused(() => rules.setMuted(guest, guest, false), 'Guests are muted by the Host');
    assert.equal(guest.isMuted, true);
    const later = join('Later', 'guest');
    assert.equal(later.isMuted, true, 'a Guest arriving later is muted');
    rules.setRole(host, otherHost, 'guest');
    assert.equal(otherHost.isMuted, true, 'a Host made Guest is muted');
    rules.setMuted(guest, guest, true); // muting oneself is always allowed
    rules.setMuted(host, guest, false); // a Host may unmute a Guest
    assert.equal(guest.isMuted, false);
    rules.setGuestsMuted(host, false);
    assert.deepEqual(
      [later, otherHost].map((p) => p.isMuted),
      [false, false],
    );
    rules.setMuted(later, later, true);
    rules.setMuted(later, later, false); // with guests unmuted, a Guest unmutes itself
    assert.equal(later.isMuted, false);
    assert.equal(conf.guestsMuted, false);
  });

  it('a Guest acts only on itself; a Host on anyone', () => {
    const { join } = room();
    const host = join('Host', 'chair');
    const a = join('A', 'guest');
    const b = join('B', 'guest');
    refused(() => rules.setMuted(a, b, true), /Host privileges/);
    refused(() => rules.raiseHand(host, a, 0), 'Permission denied: only for yourself');
    rules.raiseHand(a, a, 5_000);
    assert.equal(a.buzzTime, 5);
    rules.lowerAllHands(host);
    assert.equal(a.buzzTime, 0);
    rules.setVideoMuted(host, b, true);
    assert.equal(b.isVideoMuted, true);
  });
});
