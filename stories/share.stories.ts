import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html } from 'lit';
import '../src/components/call/pex-call.js';
import '../src/components/share/pex-share.js';
import type { PexCall } from '../src/components/call/call.js';
import type { PexShare } from '../src/components/share/share.js';
import type { CallService } from '../src/services/call-service.js';
import type { SettingsStore } from '../src/services/settings.js';
import type { Role } from '../src/services/types.js';
import type { FakeTransport } from '../test/browser/fixtures/fake-transport.js';
import { bmpFile, pdfFile, pptxFile } from '../test/browser/fixtures/slide-files.js';
import { element, type Args, type RenderContext } from './support/element.js';
import { storySettings } from './support/globals.js';
import { participant, scripted, scriptedService } from './support/scripted-call.js';
import { installSyntheticMedia, slideJpeg, syntheticVideo } from './support/synthetic-media.js';

// `<pex-share>` alone and in a call (played by a scripted transport, no node needed): adding images
// and PDFs, file problems, presenting, being taken over; and `<pex-call>` receiving a presentation.
// (The Docs page shows the element's own description, from custom-elements.json.)
const meta: Meta = {
  title: 'Elements/pex-share',
  component: 'pex-share',
  tags: ['autodocs'],
  args: {},
  render: (args: Args, context?: RenderContext) =>
    element('pex-share', args, context, { props: { settings: settings() }, style: 'max-width: 44rem' }),
};
export default meta;
type Story = StoryObj;

const settings = (): SettingsStore => storySettings();

const callAs = (role: Role, guestsCanPresent = true): Promise<{ service: CallService; t: FakeTransport }> =>
  scriptedService(role, [], { guestsCanPresent });

const inCall = (
  play: (el: PexShare, call: { service: CallService; t: FakeTransport }) => Promise<void>,
  role: Role = 'host',
  guestsCanPresent = true,
) => ({
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    const el = canvasElement.querySelector('pex-share') as PexShare;
    const call = await callAs(role, guestsCanPresent);
    el.service = call.service;
    await play(el, call);
    await el.deck.idle();
    await el.updateComplete;
  },
});

export const InCall: Story = inCall(async () => undefined);

export const WithSlides: Story = inCall(async (el) => {
  await el.addFiles([pdfFile(6, 'Quarterly review.pdf'), bmpFile(320, 180, [30, 90, 200], 'Chart.bmp')]);
});

export const FileProblems: Story = inCall(async (el) => {
  await el.addFiles([
    pptxFile('Quarterly review.pptx'),
    pdfFile(2, 'Locked.pdf', { encrypted: true }),
    new File(['%PDF-1.7 damaged'], 'Damaged.pdf', { type: 'application/pdf' }),
    pdfFile(3, 'Agenda.pdf'),
  ]);
});

export const Presenting: Story = inCall(async (el) => {
  await el.addFiles([pdfFile(4, 'Agenda.pdf')]);
  await el.startPresenting();
  el.deck.go(1);
});

export const TakenOver: Story = inCall(async (el, { t }) => {
  await el.addFiles([pdfFile(2, 'Agenda.pdf')]);
  await el.startPresenting();
  t.sink.participants(
    [
      participant({ uuid: 'me', displayName: 'Alice', role: 'host' }),
      participant({ uuid: 'p2', displayName: 'Bob', isPresenting: true }),
    ],
    'me',
  );
  t.sink.presenting(false);
});

export const GuestsMayNotPresent: Story = inCall(async () => undefined, 'guest', false);

/** `<pex-call>` while Bob presents: his presentation (a still image) big, the meeting video small. */
export const CallReceivingPresentation: Story = {
  render: () =>
    html`<pex-call
      conference="meet.alice"
      name="Alice"
      .settings=${settings()}
      style="max-width: 56rem"
    ></pex-call>`,
  play: async ({ canvasElement }: { canvasElement: HTMLElement }) => {
    installSyntheticMedia();
    const call = canvasElement.querySelector('pex-call') as PexCall;
    const t = await scripted(call, (_t, join) => join('host'), { media: 'video' });
    t.sink.remoteStream(syntheticVideo('Bob'));
    t.sink.participants(
      [
        participant({ uuid: 'me', displayName: 'Alice', role: 'host' }),
        participant({ uuid: 'p2', displayName: 'Bob', isPresenting: true }),
      ],
      'me',
    );
    t.sink.presentationStill(await slideJpeg('Quarterly review'));
    await call.updateComplete;
  },
};

export const NoCall: Story = {};
