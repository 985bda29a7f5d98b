import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/components/call/pex-call.js';
import type { PexCall } from '../src/components/call/call.js';
import { CallError, type CallErrorCode } from '../src/services/errors.js';
import { element, type Args, type RenderContext } from './support/element.js';
import { storySettings } from './support/globals.js';
import { participant, scripted, type Script, type ScriptOptions } from './support/scripted-call.js';
import { installSyntheticMedia, slideJpeg, syntheticVideo } from './support/synthetic-media.js';

// `<pex-call>` in each of its states, played by a scripted transport (no node, no camera: the
// pictures are synthetic canvas streams). The attributes in the controls panel change the element.
// The live stories (two participants on the local node) are under "Live".
// (The Docs page shows the element's own description, from custom-elements.json.)
const meta: Meta = {
  title: 'Elements/pex-call',
  component: 'pex-call',
  tags: ['autodocs'],
  args: { conference: 'meet.alice', name: 'Alice' },
  argTypes: {
    media: { control: 'inline-radio', options: ['video', 'audio', 'none'] },
    'dial-protocol': { control: 'select', options: ['auto', 'sip', 'h323', 'mssip', 'rtmp'] },
    bandwidth: { control: { type: 'number', min: 0, max: 1864, step: 64 } },
  },
  render: (args: Args, context?: RenderContext) =>
    element('pex-call', args, context, { props: { settings: storySettings() }, style: 'max-width: 56rem' }),
};
export default meta;
type Story = StoryObj;

const call = (canvas: HTMLElement): PexCall => canvas.querySelector('pex-call') as PexCall;

/** A story whose state is played by `script` once the element is on the page. */
const playing = (script: Script, options: ScriptOptions = {}, args: Args = {}): Story => ({
  args,
  play: async ({ canvasElement }) => {
    installSyntheticMedia();
    await scripted(call(canvasElement), script, options);
  },
});

/** Bob's moving picture as the main video; the roster of a small meeting. */
const withPeople = (t: Parameters<Script>[0], role: 'host' | 'guest'): void => {
  t.sink.participants(
    [
      participant({ uuid: 'me', displayName: 'Alice', role }),
      participant({ uuid: 'bob', displayName: 'Bob', role: 'host', isSpeaking: true }),
      participant({ uuid: 'chloe', displayName: 'Chloé', isMuted: true }),
    ],
    'me',
  );
  t.sink.remoteStream(syntheticVideo('Bob'));
};

export const JoinForm: Story = {};

export const JoinFormWithBranding: Story = {
  args: { branding: 'Welcome to the weekly all-hands', name: '' },
};

export const BadLink: Story = {
  name: 'Join form: malformed link',
  args: { link: 'pexip://meet.alice?pin=%zz' },
};

export const DeviceCheck: Story = {
  name: 'Device check before joining',
  args: { preview: true, media: 'video' },
  play: async ({ canvasElement }) => {
    installSyntheticMedia();
    const el = call(canvasElement);
    await el.updateComplete;
    await el.join();
    await el.updateComplete;
  },
};

export const Connecting: Story = playing(() => undefined);

export const PinWithGuestChoice: Story = playing((t) =>
  t.sink.pinRequired({ hostPin: true, guestPin: false }),
);

export const PinRequired: Story = playing((t) => t.sink.pinRequired({ hostPin: true, guestPin: true }));

export const WrongPin: Story = playing((t) => {
  t.sink.pinRequired({ hostPin: true, guestPin: true });
  t.sink.joinFailed(new CallError('invalid-pin', 'Invalid PIN'));
});

export const Extension: Story = playing((t) => t.sink.extensionRequired());

export const WaitingRoom: Story = playing((t) =>
  t.sink.joined({
    conferenceName: 'Team room',
    chatEnabled: true,
    guestsCanPresent: true,
    role: 'guest',
    waiting: true,
  }),
);

export const WaitingForHost: Story = playing((_t, join) => join('guest', { started: false }));

export const InCallHost: Story = playing(
  (t, join) => {
    join('host');
    withPeople(t, 'host');
  },
  { media: 'video' },
);

export const InCallGuest: Story = playing(
  (t, join) => {
    join('guest');
    withPeople(t, 'guest');
  },
  { media: 'video' },
);

export const AudioOnly: Story = playing(
  (t, join) => {
    join('guest');
    withPeople(t, 'guest');
  },
  { media: 'audio' },
);

export const ControlOnly: Story = playing((t, join) => {
  join('host');
  withPeople(t, 'host');
  t.sink.remoteStream(undefined);
});

export const Locked: Story = playing(
  (t, join) => {
    join('host');
    withPeople(t, 'host');
    t.sink.conferenceStatus({ locked: true, guestsMuted: true, started: true });
    t.sink.participants(
      [
        participant({ uuid: 'me', displayName: 'Alice', role: 'host' }),
        participant({ uuid: 'bob', displayName: 'Bob' }),
        participant({ uuid: 'walter', displayName: 'Walter Waits', isWaiting: true }),
      ],
      'me',
    );
  },
  { media: 'video' },
);

const presenting = (t: Parameters<Script>[0]): void => {
  t.sink.participants(
    [
      participant({ uuid: 'me', displayName: 'Alice', role: 'host' }),
      participant({ uuid: 'bob', displayName: 'Bob', isPresenting: true }),
    ],
    'me',
  );
};

export const PresentationStills: Story = {
  name: 'Presentation received as stills',
  ...playing(
    async (t, join) => {
      join('host');
      t.sink.remoteStream(syntheticVideo('Bob'));
      presenting(t);
      t.sink.presentationStill(await slideJpeg('Quarterly review'));
    },
    { media: 'video' },
  ),
};

export const PresentationFullMotion: Story = {
  name: 'Presentation received in full motion',
  args: {},
  play: async ({ canvasElement }) => {
    installSyntheticMedia();
    const el = call(canvasElement);
    await scripted(
      el,
      (t, join) => {
        join('host');
        t.sink.remoteStream(syntheticVideo('Bob'));
        presenting(t);
        el.service.setPresentationMode('full');
        t.sink.presentationStream(syntheticVideo('Bob’s screen', 960, 540));
      },
      { media: 'video' },
    );
  },
};

export const Reconnecting: Story = playing(
  (t, join) => {
    join('guest');
    withPeople(t, 'guest');
    t.sink.connection({ reconnecting: true, gap: false });
  },
  { media: 'video' },
);

/** A join the node refuses with `code`. */
const joinFails = (code: CallErrorCode): Story => playing((t) => t.sink.joinFailed(new CallError(code)));
/** A call under way that ends with `code`. */
const callEnds = (code: CallErrorCode): Story =>
  playing((t, join) => {
    join('guest');
    t.sink.disconnected(new CallError(code));
  });

// Every error a join can end in…
export const ErrorInvalidPin: Story = joinFails('invalid-pin');
export const ErrorPinRetries: Story = joinFails('pin-retries');
export const ErrorNotFound: Story = joinFails('not-found');
export const ErrorExtensionNotFound: Story = joinFails('extension-not-found');
export const ErrorDisabled: Story = joinFails('disabled');
export const ErrorFull: Story = joinFails('full');
export const ErrorDeviceBlocked: Story = joinFails('device-blocked');
export const ErrorFrameBlocked: Story = joinFails('frame-blocked');
export const ErrorDeviceMissing: Story = joinFails('device-missing');
export const ErrorNotAllowed: Story = joinFails('not-allowed');
export const ErrorNetwork: Story = joinFails('network');
export const ErrorCspBlocked: Story = joinFails('csp-blocked');
export const ErrorInvalidInput: Story = joinFails('invalid-input');
export const ErrorBusy: Story = joinFails('busy');
export const ErrorUnknown: Story = joinFails('unknown');
// …and every way a call under way can end.
export const EndedKicked: Story = callEnds('kicked');
export const EndedTerminated: Story = callEnds('terminated');
export const EndedHostTimeout: Story = callEnds('host-timeout');
export const EndedHostsDeparted: Story = callEnds('hosts-departed');
export const EndedExpired: Story = callEnds('expired');
export const EndedReconnectFailed: Story = callEnds('reconnect-failed');
export const EndedNodeStopped: Story = callEnds('node-stopped');
export const EndedSessionLost: Story = callEnds('session-lost');
export const EndedNoCall: Story = callEnds('no-call');
