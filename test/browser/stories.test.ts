/**
 * Every Storybook story renders and passes axe. Story files are listed here explicitly (the browser
 * cannot glob); `test/node/stories-listed.test.ts` fails when a stories file is missing from the list.
 */
import { expect, fixture } from '@open-wc/testing';
import type { TemplateResult } from 'lit';

type StoryModule = Record<string, unknown> & { default: { title: string; render?: Story['render'] } };
interface Story {
  name?: string;
  args?: Record<string, unknown>;
  render?: (args: Record<string, unknown>) => TemplateResult;
  play?: (ctx: { canvasElement: HTMLElement }) => Promise<void>;
}

export const storyFiles: Record<string, () => Promise<StoryModule>> = {
  'call.stories.ts': () => import('../../stories/call.stories.js') as Promise<StoryModule>,
  'settings.stories.ts': () => import('../../stories/settings.stories.js') as Promise<StoryModule>,
  'dialpad.stories.ts': () => import('../../stories/dialpad.stories.js') as Promise<StoryModule>,
  'share.stories.ts': () => import('../../stories/share.stories.js') as Promise<StoryModule>,
};

/** Stories that need a running node and are only rendered, not played. */
const LIVE = new Set(['Live']);

for (const [file, load] of Object.entries(storyFiles)) {
  describe(`stories/${file}`, () => {
    let mod: StoryModule;
    before(async () => {
      mod = await load();
    });

    it('every story renders and is accessible', async () => {
      const names = Object.keys(mod).filter((k) => k !== 'default' && k !== '__namedExportsOrder');
      expect(names.length).to.be.greaterThan(0);
      for (const name of names) {
        const story = mod[name] as Story;
        const render = story.render ?? mod.default.render;
        if (!render) throw new Error(`${file} ${name}: no render function`);
        const wrapper = await fixture<HTMLElement>(render(story.args ?? {}));
        const canvas = wrapper.parentElement as HTMLElement;
        if (story.play && !LIVE.has(name)) await story.play({ canvasElement: canvas });
        await new Promise((r) => setTimeout(r, 0));
        try {
          await expect(canvas).to.be.accessible();
        } catch (e) {
          throw new Error(`${file} › ${name}: ${(e as Error).message}`);
        }
      }
    });
  });
}
