/**
 * Plays the node's part for stories and story tests: `<pex-call>` joins through a FakeTransport and
 * the script drives what the node "says".
 */
import type { PexCall } from '../../src/components/call/call.js';
import { setTransportFactory } from '../../src/services/call-service.js';
import type { Role } from '../../src/services/types.js';
import { admitAs, FakeTransport } from '../../test/browser/fixtures/fake-transport.js';

export type Script = (
  transport: FakeTransport,
  join: (role: Role, opts?: { started?: boolean }) => void,
) => void;

export async function scripted(call: PexCall, script: Script): Promise<FakeTransport> {
  let transport: FakeTransport | undefined;
  const previous = setTransportFactory(async (sink) => (transport = new FakeTransport(sink)));
  try {
    call.conference ||= 'meet.alice';
    call.name ||= 'Alice';
    call.media = 'none';
    await call.updateComplete;
    await call.join();
  } finally {
    setTransportFactory(previous);
  }
  const t = transport!;
  script(t, (role, opts) => admitAs(t, role, opts));
  await call.updateComplete;
  return t;
}
