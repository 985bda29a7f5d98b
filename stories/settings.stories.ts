import type { Meta, StoryObj } from '@storybook/web-components-vite';
import '../src/components/settings/pex-settings.js';
import type { PexSettings } from '../src/components/settings/settings.js';
import { element, type Args, type RenderContext } from './support/element.js';
import { storySettings } from './support/globals.js';
import { failNextGetUserMedia, installSyntheticMedia } from './support/synthetic-media.js';

// `<pex-settings>` editing a store of its own (the `settings` property; nothing is saved): every
// setting, settings an administrator has hidden, the camera and microphone test with synthetic
// devices, a value that is refused, and a camera the browser blocks.
// (The Docs page shows the element's own description, from custom-elements.json.)
const meta: Meta = {
  title: 'Elements/pex-settings',
  component: 'pex-settings',
  tags: ['autodocs'],
  args: {},
  render: (args: Args, context?: RenderContext) =>
    element('pex-settings', args, context, {
      props: { settings: storySettings({ displayName: 'Alice' }) },
      style: 'max-width: 40rem',
    }),
};
export default meta;
type Story = StoryObj;

const settings = (canvas: HTMLElement): PexSettings => canvas.querySelector('pex-settings') as PexSettings;

export const Default: Story = {};

export const AdministratorHidesSome: Story = {
  name: 'Administrator-hidden fields',
  render: (args: Args, context?: RenderContext) =>
    element('pex-settings', args, context, {
      props: {
        settings: storySettings(
          {},
          {
            adminDefaults: { bandwidth: 1264, defaultDomain: 'example.com' },
            hidden: [
              'bandwidth',
              'defaultDomain',
              'sendUsageStatistics',
              'defaultDialOutProtocol',
              'screenshareFrameRate',
            ],
          },
        ),
      },
      style: 'max-width: 40rem',
    }),
};

export const CameraAndMicrophoneTest: Story = {
  name: 'Camera and microphone test (synthetic devices)',
  play: async ({ canvasElement }) => {
    installSyntheticMedia();
    const el = settings(canvasElement);
    await el.updateComplete;
    await el.startPreview();
    await el.updateComplete;
  },
};

export const RefusedValue: Story = {
  name: 'A value that is refused',
  play: async ({ canvasElement }) => {
    const el = settings(canvasElement);
    await el.updateComplete;
    const input = el.shadowRoot!.querySelector<HTMLInputElement>('input[name="defaultDomain"]');
    if (!input) throw new Error('no default domain field');
    input.value = 'not a domain!';
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await el.updateComplete;
  },
};

export const CameraBlocked: Story = {
  name: 'Camera blocked by the browser',
  play: async ({ canvasElement }) => {
    installSyntheticMedia();
    const el = settings(canvasElement);
    await el.updateComplete;
    failNextGetUserMedia('NotAllowedError');
    await el.startPreview().catch(() => undefined);
    await el.updateComplete;
  },
};
