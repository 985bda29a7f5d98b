/**
 * The elements on a strict page: each participant frame (test/browser/fixtures/strict-frame.html)
 * is served with the Content Security Policy README.md documents under "Embedding safely", read from
 * the README by scripts/wtr-csp.mjs — Trusted Types enforced with only `lit-html` and
 * `pex-components`, no inline style. A call with video, chat, a shared PDF and a roster of 62 on the
 * local node must cause no `securitypolicyviolation` at all; a node the policy does not allow is
 * reported as the policy's refusal.
 */
import { expect } from '@open-wc/testing';
import type { PexShare } from '../../src/components/share/share.js';
import { joinAliceAndBobWithVideo, type CallPage, usePages } from './fixtures/call-page.js';
import { repoFixture } from './fixtures/slide-files.js';
import { waitFor } from './fixtures/sdk-participant.js';

const STRICT = 'strict-frame.html';

interface Violation {
  directive: string;
  blockedURI: string;
  sample: string;
  source: string;
}

/** Every policy refusal the frame saw since it loaded (recorded by fixtures/csp-spy.js). */
function violations(p: CallPage): Violation[] {
  const seen = (p.frame.contentWindow as { __cspViolations?: Violation[] } | null)?.__cspViolations;
  if (!seen) throw new Error('csp-spy.js is not loaded in the frame');
  return seen;
}

/** No refusal on any of the pages so far (checked after each step, to name the step). */
function noViolations(pages: CallPage[], step: string): void {
  for (const p of pages) {
    const name = p.call.service.participants.get().list.find((x) => x.isMe)?.displayName ?? '?';
    expect(violations(p), `policy violations on ${name}'s page after ${step}`).to.deep.equal([]);
  }
}

/** Brightness statistics of a video's current frame (mean and spread of the grey levels). */
function videoStats(video: HTMLVideoElement): { mean: number; spread: number } {
  const canvas = document.createElement('canvas');
  canvas.width = 160;
  canvas.height = 120;
  const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
  ctx.drawImage(video, 0, 0, 160, 120);
  const d = ctx.getImageData(0, 0, 160, 120).data;
  let sum = 0;
  let min = 255;
  let max = 0;
  for (let i = 0; i < d.length; i += 4) {
    const grey = (d[i]! + d[i + 1]! + d[i + 2]!) / 3;
    sum += grey;
    min = Math.min(min, grey);
    max = Math.max(max, grey);
  }
  return { mean: sum / (d.length / 4), spread: max - min };
}

/** The page's own `<pex-share call="call">`. */
function shareOf(p: CallPage): PexShare {
  return p.frame.contentDocument!.querySelector<PexShare>('pex-share')!;
}

describe('a strict page (README policy: CSP + Trusted Types)', function () {
  this.timeout(180000);
  const open = usePages();

  it('serves the frames with the documented policy', async () => {
    const res = await fetch(new URL(`./fixtures/${STRICT}`, import.meta.url));
    const csp = res.headers.get('content-security-policy') ?? '';
    expect(csp).to.contain("require-trusted-types-for 'script'");
    expect(csp).to.contain('trusted-types lit-html pex-components');
    expect(csp).to.contain("style-src 'self';");
    expect(csp).to.contain(`connect-src 'self' ${location.origin};`);
  });

  it('video call, chat, remote video, a shared PDF and a roster of 62: no policy violation', async () => {
    const a = await open('', STRICT);
    const b = await open('', STRICT);
    await joinAliceAndBobWithVideo(a, b);
    noViolations([a, b], 'joining with video');

    // Chat both ways.
    await a.sendChat('Hello from a strict page');
    await waitFor(() => b.chatTexts().includes('Hello from a strict page'), 'Bob gets the message');
    await b.sendChat('Hello back');
    await waitFor(() => a.chatTexts().includes('Hello back'), 'Alice gets the answer');

    // Bob's main video shows Alice's (fake) camera: a picture, not black.
    const main = await waitFor(
      () => b.root.querySelector<HTMLVideoElement>('video[part="main-video"]') ?? undefined,
      "Bob's main video",
    );
    await waitFor(
      () => main.videoWidth > 0 && videoStats(main).spread > 40,
      `Alice's picture in Bob's main video (${main.videoWidth} px wide)`,
      20000,
    );
    expect(videoStats(main).mean).to.be.above(10);
    // The statistics panel (its headings used to carry a style attribute).
    await b.click('Statistics');
    await waitFor(() => b.root.querySelector('.stats h3'), 'statistics of the media', 15000);
    await b.click('Statistics');
    noViolations([a, b], 'chat and video');

    // Alice shares a real PDF (17 pages, text with embedded fonts) from the page's <pex-share>.
    const share = shareOf(a);
    await share.addFiles([await repoFixture('real-world-spec.pdf', 'application/pdf')]);
    await waitFor(
      () =>
        [...share.shadowRoot!.querySelectorAll('button')].find(
          (x) => x.textContent?.trim() === 'Start presenting',
        ),
      'Start presenting',
      20000,
    ).then((button) => button.click());
    await waitFor(() => a.call.service.presentation.get().sending, 'Alice presenting', 20000);
    await waitFor(
      () => {
        const view = b.presentationView();
        return view?.localName === 'img' && (view as HTMLImageElement).naturalWidth > 0;
      },
      'Bob sees the first page as a still',
      60000,
    );
    const page = b.presentationView() as HTMLImageElement;
    // A text page: mostly white paper with dark glyphs. The portrait page sits in the middle of the
    // 16:9 picture, between dark bars: only the middle third is read.
    const canvas = document.createElement('canvas');
    canvas.width = page.naturalWidth;
    canvas.height = page.naturalHeight;
    const ctx = canvas.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(page, 0, 0);
    const third = Math.round(canvas.width / 3);
    const px = ctx.getImageData(third, 0, third, canvas.height).data;
    let white = 0;
    let dark = 0;
    for (let i = 0; i < px.length; i += 4) {
      const grey = (px[i]! + px[i + 1]! + px[i + 2]!) / 3;
      if (grey > 230) white++;
      else if (grey < 100) dark++;
    }
    const n = px.length / 4;
    expect(white / n, 'paper').to.be.above(0.6);
    expect(dark / n, 'text').to.be.above(0.001);
    await a.call.service.stopPresenting();
    noViolations([a, b], 'sharing a PDF');

    // 60 dial-outs on the node make a roster of 62 (ten at a time, within the node's request
    // limits); Alice scrolls to the last name.
    for (let i = 1; i <= 60; i++) {
      await a.call.service
        .dial({ destination: `guest${i}@example.com`, protocol: 'sip', role: 'guest' })
        .catch((e: unknown) => {
          const c = a.call.service.conference.get();
          throw new Error(`dial-out ${i}: ${String(e)} (call ${c.phase}: ${c.error?.detail ?? ''})`);
        });
      if (i % 10 !== 0) continue;
      await waitFor(
        () => a.call.service.participants.get().list.filter((p) => !p.isCalling).length === 2 + i,
        `${2 + i} participants, all connected`,
        15000,
      );
    }
    const roster = a.roster;
    await roster.updateComplete;
    const list = roster.shadowRoot!.querySelector<HTMLElement>('.list')!;
    const last = await waitFor(
      () => {
        list.scrollTop = list.scrollHeight;
        return roster.shadowRoot!.querySelector<HTMLElement>('.row[data-index="61"]') ?? undefined;
      },
      `the 62nd row (scrollTop ${list.scrollTop} of ${list.scrollHeight})`,
      10000,
    );
    const box = list.getBoundingClientRect();
    const row = last.getBoundingClientRect();
    expect(row.bottom, 'the last row is in view').to.be.at.most(box.bottom + 1);
    expect(row.top).to.be.at.least(box.top - 1);

    noViolations([a, b], 'scrolling the roster');
  });

  it('a node the policy does not allow: the policy’s refusal is what the person reads', async () => {
    const a = await open('', STRICT);
    // The same server under another name: another origin, not in connect-src.
    const other = new URL(location.href);
    other.hostname = other.hostname === 'localhost' ? '127.0.0.1' : 'localhost';
    a.call.node = other.origin;
    await a.join('meet.alice', 'Alice', 'none');
    await a.phaseIs('ended', 20000);
    await waitFor(() => /security policy/.test(a.alert()), `the policy message (alert: ${a.alert()})`);
    expect(a.alert()).to.contain('(connect-src)');
    expect(a.alert()).not.to.match(/connection to the meeting was lost/i);
    expect(a.call.service.conference.get().error?.code).to.equal('csp-blocked');
    expect(violations(a).map((v) => v.directive)).to.include('connect-src');
  });
});
