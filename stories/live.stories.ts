import type { Meta, StoryObj } from '@storybook/web-components-vite';
import { html, render, type TemplateResult } from 'lit';
import '../src/components/call/pex-call.js';
import '../src/components/chat/pex-chat.js';
import '../src/components/roster/pex-roster.js';
import type { PexCall } from '../src/components/call/call.js';
import { storySettings } from './support/globals.js';
import { installSyntheticMedia, nextCameraLabel } from './support/synthetic-media.js';

/**
 * The elements against the local conferencing node that `npm start` runs (http://127.0.0.1:8080):
 * two participants, each in a frame of their own (a page shares one SDK instance, so two calls in
 * one page would hear each other), each with a synthetic camera, the roster and the chat. Without a
 * node (or when it does not allow the catalogue's origin) the story says how to start one.
 */
const meta: Meta = {
  title: 'Live/Local node',
  tags: ['!autodocs', 'live'],
  parameters: { layout: 'fullscreen' },
  args: { node: 'http://127.0.0.1:8080', conference: 'meet.alice' },
};
export default meta;
type Story = StoryObj;

type NodeCheck = 'ok' | 'down' | 'origin';

/**
 * Whether the node answers, and answers this page: a no-cors request reaches any running server; a
 * CORS request to its API is readable only when the node allows this page's origin.
 */
async function checkNode(node: string): Promise<NodeCheck> {
  const base = node || location.origin;
  try {
    await fetch(`${base}/`, { mode: 'no-cors', cache: 'no-store' });
  } catch {
    return 'down';
  }
  try {
    await fetch(`${base}/api/client/v2/conferences/storybook-probe/`, { cache: 'no-store' });
    return 'ok';
  } catch {
    return 'origin';
  }
}

function howToStart(check: NodeCheck, node: string): TemplateResult {
  const origin = location.origin;
  const command = `PEX_ALLOWED_ORIGINS=${origin} npm start`;
  return html`<div role="status" style="font: 1rem/1.5 system-ui; max-width: 44rem; padding: 1rem">
    <p>
      ${
        check === 'down'
          ? `No conferencing node answers at ${node}.`
          : `The node at ${node} runs, but does not allow this page (${origin}).`
      }
    </p>
    <p>${'Start the local node in the repository, allowing this page, then reload:'}</p>
    <pre style="background: #f1f3f6; padding: 0.75rem; border-radius: 6px"><code>${command}</code></pre>
  </div>`;
}

const LINES: Record<string, string[]> = {
  Alice: ['Hello Bob! Can you see my video?', 'Great. Muting for a moment…', 'Back again. Bye for now!'],
  Bob: ['Hi Alice, yes — the orbiting dot and all.', 'I see the Muted badge in the roster.', 'See you!'],
};

/** After joining: a few chat lines and a mute/unmute, so the other frame sees roster and chat move. */
function converse(call: PexCall, name: string): void {
  const lines = LINES[name] ?? [];
  const offset = name === 'Bob' ? 1500 : 0;
  lines.forEach((line, i) =>
    setTimeout(
      () => {
        if (!call.isConnected || call.service.conference.get().phase !== 'in-call') return;
        void call.service.sendChat(line).catch(() => undefined);
        if (name === 'Alice' && i === 1) void call.service.setMicMuted(true);
        if (name === 'Alice' && i === 2) void call.service.setMicMuted(false);
      },
      4000 + offset + i * 4000,
    ),
  );
}

/** One participant: a call with its roster and chat beside it (one per frame in the two-person story). */
export const Participant: Story = {
  name: 'One participant',
  args: { name: 'Alice', media: 'video' },
  render: (args) => {
    // The two-participant story names the node in the frame's address (Storybook's `args` in a URL
    // cannot hold one).
    const node = new URLSearchParams(location.search).get('pexNode') ?? String(args['node'] ?? '');
    const name = String(args['name'] ?? 'Alice');
    const id = `live-${name.toLowerCase()}`;
    return html`<div class="live" data-node=${node} style="display: grid; gap: 0.75rem; padding: 0.5rem">
      <p class="live-status" role="status" style="font: 0.9rem system-ui; margin: 0"></p>
      <pex-call
        id=${id}
        node=${node}
        conference=${String(args['conference'] ?? 'meet.alice')}
        name=${name}
        media=${String(args['media'] ?? 'video')}
        .settings=${storySettings()}
      ></pex-call>
      <div style="display: grid; gap: 0.75rem; grid-template-columns: repeat(auto-fit, minmax(16rem, 1fr))">
        <pex-roster call=${id}></pex-roster>
        <pex-chat call=${id}></pex-chat>
      </div>
    </div>`;
  },
  play: async ({ canvasElement }) => {
    installSyntheticMedia();
    const root = canvasElement.querySelector<HTMLElement>('.live')!;
    const call = root.querySelector('pex-call') as PexCall;
    const status = root.querySelector<HTMLElement>('.live-status')!;
    const node = root.dataset['node'] ?? '';
    const check = await checkNode(node);
    if (check !== 'ok') {
      call.hidden = true;
      root.querySelectorAll<HTMLElement>('pex-roster, pex-chat').forEach((el) => (el.hidden = true));
      render(howToStart(check, node || location.origin), status);
      return;
    }
    status.textContent = `Joining ${call.conference} on ${node || location.origin}…`;
    nextCameraLabel(call.name);
    await call.updateComplete;
    await call.join();
    const phase = call.service.conference.get().phase;
    status.textContent =
      phase === 'in-call'
        ? `${call.name} is in ${call.conference} on ${node || location.origin}.`
        : `${call.name} could not join: see the call below.`;
    converse(call, call.name);
  },
};

/**
 * Two people in one meeting, side by side: roster, chat and video move in both. The frames are
 * added once the node answers; until then (or without a node) the story says how to start one.
 */
export const TwoParticipants: Story = {
  name: 'Two participants',
  args: { frame: '' },
  render: (args) =>
    html`<div class="live-two" data-node=${String(args['node'] ?? '')} style="padding: 8px">
      <p class="live-status" role="status" style="font: 0.9rem system-ui; margin: 0 0 8px"></p>
      <div
        class="frames"
        style="display: grid; grid-template-columns: 1fr 1fr; gap: 8px; height: calc(100vh - 3rem); min-height: 56rem"
      ></div>
    </div>`,
  play: async ({ canvasElement, args }) => {
    const root = canvasElement.querySelector<HTMLElement>('.live-two')!;
    const status = root.querySelector<HTMLElement>('.live-status')!;
    const node = root.dataset['node'] ?? '';
    const check = await checkNode(node);
    if (check !== 'ok') {
      render(howToStart(check, node || location.origin), status);
      return;
    }
    const conference = String(args['conference'] ?? 'meet.alice');
    status.textContent = `Alice and Bob join ${conference} on ${node || location.origin}, each in a page of their own.`;
    // Each participant is the "One participant" story in a frame of its own (its own SDK instance).
    const src = (name: string): string =>
      args['frame']
        ? `${String(args['frame'])}?conference=${encodeURIComponent(conference)}&name=${name}&join=1&media=`
        : `iframe.html?id=live-local-node--participant&viewMode=story&args=name:${name}&pexNode=${encodeURIComponent(node)}`;
    render(
      ['Alice', 'Bob'].map(
        (name) =>
          html`<iframe
            src=${src(name)}
            title=${`${name}'s page`}
            allow="camera; microphone; display-capture; autoplay"
            style="width: 100%; height: 100%; border: 0; border-radius: 8px; background: #fff; box-shadow: 0 0 0 1px #c9d0d9"
          ></iframe>`,
      ),
      root.querySelector<HTMLElement>('.frames')!,
    );
  },
};
