import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/dialpad/pex-dialpad.js';
import { element, type Args, type RenderContext } from './support/element.js';

// The floating DTMF keypad used by `<pex-call>` and the roster. Drag it by its title bar; the digits
// pressed arrive as `pex-dtmf` events (shown in the Actions panel).
// (The Docs page shows the element's own description, from custom-elements.json.)
const meta: Meta = {
  title: 'Elements/pex-dialpad',
  component: 'pex-dialpad',
  tags: ['autodocs'],
  args: { label: 'Keypad' },
  render: (args: Args, context?: RenderContext) =>
    html`<div style="position: relative; height: 22rem">${element('pex-dialpad', args, context)}</div>`,
};
export default meta;
type Story = StoryObj;

export const Keypad: Story = {};

export const ForAParticipant: Story = {
  name: 'Keypad for a participant',
  args: { label: 'Keypad for Room 4.12 (SIP)' },
};
