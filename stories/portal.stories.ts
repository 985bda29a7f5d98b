import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/call/pex-call.js';
import '../src/components/chat/pex-chat.js';
import '../src/components/roster/pex-roster.js';
import '../src/components/settings/pex-settings.js';
import '../src/components/share/pex-share.js';
import type { PexCall } from '../src/components/call/call.js';
import { storySettings } from './support/globals.js';
import { participant, scripted } from './support/scripted-call.js';
import { installSyntheticMedia, syntheticVideo } from './support/synthetic-media.js';

/**
 * A whole intranet page as a portal team would build it: their own header and layout, the call in
 * the middle, and the roster, chat, sharing and settings in a side column following that call with
 * `call="…"`. The call is played by a scripted transport (no node needed).
 */
const meta: Meta = {
  title: 'Introduction/Portal page',
  tags: ['!autodocs'],
  parameters: { layout: 'fullscreen' },
};
export default meta;
type Story = StoryObj;

const page = (): ReturnType<typeof html> => {
  const settings = storySettings({ displayName: 'Alice' });
  return html`<div
    class="portal"
    style="font: 1rem/1.5 system-ui, sans-serif; color: #1b1f24; background: #eef1f5; min-height: 100vh"
  >
    <header
      style="display: flex; align-items: center; gap: 1rem; padding: 0.75rem 1.5rem; background: #14325c; color: #fff"
    >
      <strong style="font-size: 1.2rem">Intranet</strong>
      <nav aria-label="Portal" style="display: flex; gap: 1rem">
        <a href="#news" style="color: #fff">News</a>
        <a href="#meetings" style="color: #fff">Meetings</a>
        <a href="#people" style="color: #fff">People</a>
      </nav>
    </header>
    <main
      style="display: grid; grid-template-columns: minmax(0, 1fr) minmax(18rem, 24rem); gap: 1rem; padding: 1rem 1.5rem; align-items: start"
    >
      <section aria-labelledby="meeting-title">
        <h1 id="meeting-title" style="font-size: 1.4rem; margin: 0 0 0.5rem">Weekly all-hands</h1>
        <pex-call id="portal-call" conference="meet.alice" name="Alice" .settings=${settings}>
          <p slot="branding">Welcome! Join with your camera, or listen in.</p>
        </pex-call>
      </section>
      <aside aria-label="Meeting tools" style="display: grid; gap: 1rem">
        <pex-roster call="portal-call"></pex-roster>
        <pex-chat call="portal-call"></pex-chat>
        <details>
          <summary>Share images or PDFs</summary>
          <pex-share call="portal-call" .settings=${settings}></pex-share>
        </details>
        <details>
          <summary>Settings</summary>
          <pex-settings call="portal-call" .settings=${settings}></pex-settings>
        </details>
      </aside>
    </main>
  </div>`;
};

/** Before joining: the portal's page with the join form. */
export const BeforeJoining: Story = { render: page };

/** In the meeting as Host: video, roster, chat. */
export const InTheMeeting: Story = {
  render: page,
  play: async ({ canvasElement }) => {
    installSyntheticMedia();
    const call = canvasElement.querySelector('pex-call') as PexCall;
    const t = await scripted(
      call,
      (t, join) => {
        join('host');
        t.sink.participants(
          [
            participant({ uuid: 'me', displayName: 'Alice', role: 'host' }),
            participant({ uuid: 'bob', displayName: 'Bob', isSpeaking: true }),
            participant({ uuid: 'chloe', displayName: 'Chloé', isMuted: true }),
            participant({ uuid: 'dmitri', displayName: 'Dmitri', handRaised: true }),
          ],
          'me',
        );
        t.sink.remoteStream(syntheticVideo('Bob'));
      },
      { media: 'video' },
    );
    t.sink.message({
      id: 'p1',
      at: Date.now(),
      senderUuid: 'bob',
      senderName: 'Bob',
      text: 'Slides are on https://intranet.example.com/all-hands',
      direct: false,
    });
    await call.updateComplete;
  },
};
