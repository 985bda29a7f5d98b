import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/components/roster/pex-roster.js';
import type { PexRoster } from '../src/components/roster/roster.js';
import { CallError } from '../src/services/errors.js';
import { element, type Args, type RenderContext } from './support/element.js';
import { bigRoster, participant, scriptedService } from './support/scripted-call.js';

// `<pex-roster>` following a scripted call given through its `service` property (no node needed):
// a meeting of 1,000 with every badge and someone waiting at the locked door, a Host's row menu, a
// Guest's view, a failed Host command, and no call at all.
// (The Docs page shows the element's own description, from custom-elements.json.)
const meta: Meta = {
  title: 'Elements/pex-roster',
  component: 'pex-roster',
  tags: ['autodocs'],
  args: {},
  render: (args: Args, context?: RenderContext) =>
    element('pex-roster', args, context, { style: 'max-width: 34rem; --pex-roster-max-height: 30rem' }),
};
export default meta;
type Story = StoryObj;

const roster = (canvas: HTMLElement): PexRoster => canvas.querySelector('pex-roster') as PexRoster;

export const ThousandParticipants: Story = {
  name: '1,000 participants, every badge, one waiting (Host)',
  play: async ({ canvasElement }) => {
    const el = roster(canvasElement);
    el.service = (await scriptedService('host', bigRoster(1000))).service;
    await el.updateComplete;
  },
};

export const GuestView: Story = {
  name: '1,000 participants (Guest)',
  play: async ({ canvasElement }) => {
    const el = roster(canvasElement);
    el.service = (await scriptedService('guest', bigRoster(1000, 'guest'))).service;
    await el.updateComplete;
  },
};

/** Opens the row menu (details and Host controls) of the participant named `name`. */
async function openRow(el: PexRoster, name: string): Promise<void> {
  await el.updateComplete;
  const button = [...el.shadowRoot!.querySelectorAll<HTMLButtonElement>('[part="name"]')].find((b) =>
    b.textContent?.includes(name),
  );
  if (!button) throw new Error(`no row for ${name}`);
  button.click();
  await el.updateComplete;
}

export const HostRowMenuOpen: Story = {
  name: "A Host's row menu open",
  play: async ({ canvasElement }) => {
    const el = roster(canvasElement);
    el.service = (await scriptedService('host', bigRoster(40))).service;
    await openRow(el, 'Bob Berg');
  },
};

export const WaitingParticipantMenu: Story = {
  name: 'Someone waiting: Admit or Reject',
  play: async ({ canvasElement }) => {
    const el = roster(canvasElement);
    el.service = (await scriptedService('host', bigRoster(8))).service;
    await openRow(el, 'Walter Waits');
  },
};

export const CommandFailed: Story = {
  name: 'A Host command failed',
  play: async ({ canvasElement }) => {
    const el = roster(canvasElement);
    const { service, t } = await scriptedService('host', [
      participant({ uuid: 'me', displayName: 'Alice', role: 'host' }),
      participant({ uuid: 'bob', displayName: 'Bob' }),
    ]);
    el.service = service;
    await el.updateComplete;
    t.failNext = new CallError('not-allowed');
    const mute = el.shadowRoot!.querySelector<HTMLButtonElement>('.row[data-uuid="bob"] button.mute');
    mute?.click();
    await new Promise((r) => setTimeout(r, 0));
    await el.updateComplete;
  },
};

export const Collapsed: Story = {
  args: { collapsed: true },
  play: async ({ canvasElement }) => {
    const el = roster(canvasElement);
    el.service = (await scriptedService('host', bigRoster(12))).service;
    await el.updateComplete;
  },
};

export const NoCall: Story = {};
