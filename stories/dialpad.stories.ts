import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/dialpad/pex-dialpad.js';

/** The floating DTMF keypad used by `<pex-call>` and the roster. Drag it by its title bar. */
const meta: Meta = {
  title: 'Elements/pex-dialpad',
  component: 'pex-dialpad',
};
export default meta;
type Story = StoryObj;

export const Keypad: Story = {
  render: () =>
    html`<div style="position: relative; height: 22rem">
      <pex-dialpad
        label="Keypad"
        @pex-dtmf=${(e: CustomEvent<{ digits: string }>) => console.log(e.detail.digits)}
      ></pex-dialpad>
    </div>`,
};
