/**
 * Plays the node's part for stories and story tests: `<pex-call>` joins through a FakeTransport and
 * the script drives what the node "says". Satellite elements (`<pex-roster>`, `<pex-chat>`,
 * `<pex-share>`) are given a scripted `CallService` through their `service` property.
 */
import type { PexCall } from '../../src/components/call/call.js';
import { CallService, setTransportFactory } from '../../src/services/call-service.js';
import type { JoinRequest, Transport, TransportFactory } from '../../src/services/transport.js';
import type { MediaMode, ParticipantView, Role } from '../../src/services/types.js';
import { admitAs, FakeTransport, participant } from '../../test/browser/fixtures/fake-transport.js';

export { FakeTransport, participant };

export type Script = (
  transport: FakeTransport,
  join: (role: Role, opts?: { started?: boolean }) => void,
) => void | Promise<void>;

/**
 * `<pex-call>` joins through the one global transport factory, so joins are played one at a time:
 * on a Docs page every story plays at once, and two interleaved joins would hand one call the
 * real SDK (which then reports that it cannot reach a node).
 */
let queue: Promise<unknown> = Promise.resolve();
function oneAtATime<T>(task: () => Promise<T>): Promise<T> {
  const run = queue.then(task, task);
  queue = run.catch(() => undefined);
  return run;
}

export interface ScriptOptions {
  /** What the call joins with; `video` and `audio` open the synthetic camera and microphone. */
  media?: MediaMode;
}

/** Joins `call` through a FakeTransport, then plays `script`; resolves with the transport. */
export async function scripted(
  call: PexCall,
  script: Script,
  options: ScriptOptions = {},
): Promise<FakeTransport> {
  const t = await oneAtATime(async () => {
    let transport: FakeTransport | undefined;
    const previous = setTransportFactory(async (sink) => (transport = new FakeTransport(sink)));
    try {
      call.conference ||= 'meet.alice';
      call.name ||= 'Alice';
      call.media = options.media ?? 'none';
      await call.updateComplete;
      await call.join();
    } finally {
      setTransportFactory(previous);
    }
    if (!transport) throw new Error('pex-call did not start joining (is a name and a meeting set?)');
    return transport;
  });
  await script(t, (role, opts) => admitAs(t, role, opts));
  await call.updateComplete;
  return t;
}

/** A call service in the call (for the satellite elements), joined through a FakeTransport. */
export async function scriptedService(
  role: Role,
  people: readonly Omit<ParticipantView, 'isMe'>[] = [],
  info: { chatEnabled?: boolean; guestsCanPresent?: boolean } = {},
): Promise<{ service: CallService; t: FakeTransport }> {
  let t: FakeTransport | undefined;
  const service = new CallService(async (sink) => (t = new FakeTransport(sink)));
  await service.join({ alias: 'meet.alice', displayName: 'Alice', mediaMode: 'none' });
  admitAs(t!, role);
  if (info.chatEnabled === false || info.guestsCanPresent === false) {
    t!.sink.joined({
      conferenceName: 'Test room',
      chatEnabled: info.chatEnabled ?? true,
      guestsCanPresent: info.guestsCanPresent ?? true,
      role,
      waiting: false,
    });
  }
  if (people.length) t!.sink.participants(people, 'me');
  return { service, t: t! };
}

const FIRST = [
  'Alice',
  'Bob',
  'Chloé',
  'Dmitri',
  'Eun-ji',
  'Farah',
  'Gustav',
  'Hiroshi',
  'Ines',
  'Jonas',
  'Kalani',
  'Lucía',
  'Mette',
  'Nnamdi',
  'Olga',
  'Priya',
  'Quentin',
  'Rania',
  'Søren',
  'Tomás',
  'Uma',
  'Viktor',
  'Wei',
  'Xiomara',
  'Yusuf',
  'Zofia',
];
const LAST = [
  'Andersen',
  'Berg',
  'Costa',
  'Dubois',
  'Eriksen',
  'Fischer',
  'García',
  'Haugen',
  'Ito',
  'Johansen',
  'Kowalski',
  'Larsen',
  'Moreau',
  'Nakamura',
  'Olsen',
  'Pereira',
  'Rossi',
  'Sato',
  'Tanaka',
  'Wang',
];

/**
 * A big meeting: `me` (Alice, Host) first, then someone waiting at the locked door, one participant
 * per badge (being called, streaming, speaking, muted, camera off, presenting, hand raised, an
 * External SIP room system with a status text), then ordinary participants up to `count`.
 */
export function bigRoster(count: number, myRole: Role = 'host'): Omit<ParticipantView, 'isMe'>[] {
  const people: Omit<ParticipantView, 'isMe'>[] = [
    participant({ uuid: 'me', displayName: 'Alice Andersen', role: myRole }),
    participant({ uuid: 'waiting', displayName: 'Walter Waits', isWaiting: true, hasMedia: false }),
    participant({
      uuid: 'calling',
      displayName: 'Room 4.12 (SIP)',
      isCalling: true,
      callDirection: 'out',
      protocol: 'sip',
      uri: 'sip:room412@example.com',
      isExternal: true,
      canTransfer: false,
    }),
    participant({
      uuid: 'streaming',
      displayName: 'Recorder',
      isStreaming: true,
      protocol: 'rtmp',
      canMute: false,
    }),
    participant({ uuid: 'speaking', displayName: 'Bob Berg', role: 'host', isSpeaking: true }),
    participant({ uuid: 'muted', displayName: 'Chloé Costa', isMuted: true }),
    participant({ uuid: 'camera-off', displayName: 'Dmitri Dubois', isCameraMuted: true }),
    participant({ uuid: 'presenting', displayName: 'Eun-ji Eriksen', isPresenting: true }),
    participant({ uuid: 'hand', displayName: 'Farah Fischer', handRaised: true }),
    participant({
      uuid: 'failed',
      displayName: 'Lobby endpoint',
      isExternal: true,
      protocol: 'h323',
      overlayText: 'Call failed: Busy',
      hasMedia: false,
    }),
    participant({
      uuid: 'everything',
      displayName: 'Gustav García (all badges)',
      isSpeaking: true,
      isMuted: true,
      isCameraMuted: true,
      isPresenting: true,
      handRaised: true,
      isStreaming: true,
    }),
  ];
  for (let i = people.length; i < count; i++) {
    const name = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]} ${i}`;
    people.push(
      participant({
        uuid: `p${i}`,
        displayName: name,
        role: i % 17 === 0 ? 'host' : 'guest',
        isMuted: i % 5 === 0,
        isCameraMuted: i % 7 === 0,
      }),
    );
  }
  return people;
}

/**
 * What a join does in the Storybook catalogue when no script plays it (a visitor pressing Join on
 * the join form or in the device check): joins given a `node` (the live stories) go to that node
 * through the real SDK; the others join a demo meeting played by a FakeTransport (Host, two other
 * people, Bob's synthetic video and a hello in the chat), so no story ends in "cannot reach the node".
 * Returns what puts the previous factory back.
 */
export function installDemoTransport(video: (label: string) => MediaStream): () => void {
  const demo: TransportFactory = async (sink) => {
    let inner: Transport | undefined;
    const pick = async (request: JoinRequest): Promise<Transport> => {
      if (request.node) return (inner = await real(sink));
      const t = new FakeTransport(sink);
      t.onJoin = () =>
        setTimeout(() => {
          admitAs(t, 'host', { name: 'Demo room' });
          t.sink.participants(
            [
              participant({ uuid: 'me', displayName: request.displayName || 'Alice', role: 'host' }),
              participant({ uuid: 'bob', displayName: 'Bob', isSpeaking: true }),
              participant({ uuid: 'chloe', displayName: 'Chloé', isMuted: true }),
            ],
            'me',
          );
          t.sink.remoteStream(video('Bob'));
          t.sink.message({
            id: 'demo-1',
            at: Date.now(),
            senderUuid: 'bob',
            senderName: 'Bob',
            text: 'Hello from the demo meeting 👋',
            direct: false,
          });
        }, 300);
      return (inner = t);
    };
    return new Proxy({} as Transport, {
      get(_target, prop) {
        if (prop === 'join') return async (request: JoinRequest) => (await pick(request)).join(request);
        if (prop === 'serverVersion') return inner?.serverVersion ?? '';
        const value = inner ? (inner as unknown as Record<PropertyKey, unknown>)[prop] : undefined;
        return typeof value === 'function' ? value.bind(inner) : value;
      },
    });
  };
  const real = setTransportFactory(demo);
  return () => void setTransportFactory(real);
}
