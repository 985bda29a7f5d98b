import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/call/pex-call.js';
import type { PexCall } from '../src/components/call/call.js';
import { CallError } from '../src/services/errors.js';
import { scripted, type Script } from './support/scripted-call.js';

/**
 * `<pex-call>` in each of its states. The states are played by a scripted transport (no node
 * needed); the "Live" story joins the local conferencing node started by `npm start`.
 */
const meta: Meta = {
  title: 'Elements/pex-call',
  component: 'pex-call',
  tags: ['autodocs'],
};
export default meta;
type Story = StoryObj;

const playing = (script: Script, attrs = '') => ({
  render: () => html`<pex-call ${attrs} style="max-width: 56rem"></pex-call>`,
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    await scripted(canvasElement.querySelector('pex-call') as PexCall, script);
  },
});

export const JoinForm: Story = {
  render: () => html`<pex-call conference="meet.alice" name="Alice"></pex-call>`,
};

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

export const InCallHost: Story = playing((_t, join) => join('host'));

export const InCallGuest: Story = playing((_t, join) => join('guest'));

export const ConferenceFull: Story = playing((t) => t.sink.joinFailed(new CallError('full')));

export const Live: Story = {
  name: 'Live (local node)',
  render: () =>
    html`<p>
        Start the local node with <code>npm start</code> (it allows this origin when started with
        <code>PEX_ALLOWED_ORIGINS=http://localhost:6006</code>).
      </p>
      <pex-call
        node="http://127.0.0.1:8080"
        conference="meet.alice"
        name="Storybook"
        media="none"
      ></pex-call>`,
};
