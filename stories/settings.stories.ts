import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/settings/pex-settings.js';
import { SettingsStore } from '../src/services/settings.js';

/** `<pex-settings>` alone (the page's settings), and with settings an administrator has hidden. */
const meta: Meta = {
  title: 'Elements/pex-settings',
  component: 'pex-settings',
  tags: ['autodocs'],
};
export default meta;
type Story = StoryObj;

export const Default: Story = {
  render: () => html`<pex-settings .settings=${new SettingsStore({ storage: null })}></pex-settings>`,
};

export const AdministratorHidesSome: Story = {
  render: () =>
    html`<pex-settings
      .settings=${new SettingsStore({
        storage: null,
        adminDefaults: { bandwidth: 1264, defaultDomain: 'example.com' },
        hidden: ['bandwidth', 'defaultDomain', 'sendUsageStatistics'],
      })}
    ></pex-settings>`,
};
