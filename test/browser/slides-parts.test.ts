/**
 * The slide deck's parts on their own: the job scheduler (one job at a time, most urgent first) and
 * the drawn-slide cache (a few slides kept, each one dropped released at once).
 */
import { expect } from '@open-wc/testing';
import { JobScheduler } from '../../src/services/slides/scheduler.js';
import { SlideCache, type Drawn } from '../../src/services/slides/slide-cache.js';

/** A promise and the function that settles it. */
function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

const canvas = (w = 64, h = 36): HTMLCanvasElement => {
  const c = document.createElement('canvas');
  c.width = w;
  c.height = h;
  return c;
};

const released = (d: Drawn): boolean => d.width === 0 && d.height === 0;

describe('JobScheduler', () => {
  it('runs one job at a time, lowest priority number first, equal priorities in order', async () => {
    const ran: string[] = [];
    let running = 0;
    let most = 0;
    const idle = deferred();
    const jobs = new JobScheduler(() => idle.resolve());
    const gate = deferred();
    const job = (name: string, wait?: Promise<void>) => async (): Promise<void> => {
      running++;
      most = Math.max(most, running);
      ran.push(name);
      await (wait ?? Promise.resolve());
      running--;
    };
    jobs.schedule(5, job('first', gate.promise)); // starts at once: nothing was running
    jobs.schedule(2, job('thumb 1'));
    jobs.schedule(0, job('current slide'));
    jobs.schedule(2, job('thumb 2'));
    jobs.schedule(1, job('next slide'));
    expect(ran).to.deep.equal(['first']);
    expect(jobs.idle).to.equal(false);
    expect(jobs.pending).to.equal(4);
    gate.resolve();
    await idle.promise;
    expect(ran).to.deep.equal(['first', 'current slide', 'next slide', 'thumb 1', 'thumb 2']);
    expect(most).to.equal(1);
    expect(jobs.idle).to.equal(true);
  });

  it('goes on after a job that throws, and says when it runs dry', async () => {
    const ran: string[] = [];
    let idleCalls = 0;
    const idle = deferred();
    const jobs = new JobScheduler(() => {
      idleCalls++;
      idle.resolve();
    });
    jobs.schedule(0, async () => {
      ran.push('a');
      throw new Error('page failed');
    });
    jobs.schedule(0, async () => {
      ran.push('b');
    });
    await idle.promise;
    expect(ran).to.deep.equal(['a', 'b']);
    expect(idleCalls).to.equal(1);
  });

  it('stop() drops queued jobs, lets the running one finish and takes no new ones', async () => {
    const ran: string[] = [];
    const idle = deferred();
    const jobs = new JobScheduler(() => idle.resolve());
    const gate = deferred();
    jobs.schedule(0, async () => {
      ran.push('running');
      await gate.promise;
      ran.push('finished');
    });
    jobs.schedule(1, async () => {
      ran.push('queued');
    });
    jobs.stop();
    jobs.schedule(0, async () => {
      ran.push('after stop');
    });
    expect(jobs.pending).to.equal(0);
    gate.resolve();
    await idle.promise;
    expect(ran).to.deep.equal(['running', 'finished']);
  });
});

describe('SlideCache', () => {
  it('keeps at most `limit` slides, releasing the least recently used first', () => {
    const cache = new SlideCache(3);
    const [a, b, c, d] = [canvas(), canvas(), canvas(), canvas()];
    cache.keep('a', a);
    cache.keep('b', b);
    cache.keep('c', c);
    expect(cache.use('a')).to.equal(a); // now the most recently used
    cache.keep('d', d);
    expect(cache.size).to.equal(3);
    expect(cache.has('b')).to.equal(false);
    expect(released(b)).to.equal(true);
    expect([a, c, d].some(released)).to.equal(false);
    expect(cache.peek('a')).to.equal(a);
  });

  it('never releases the protected slides (the current one and its neighbours)', () => {
    const cache = new SlideCache(2);
    const [a, b, c] = [canvas(), canvas(), canvas()];
    cache.keep('a', a);
    cache.keep('b', b);
    cache.keep('c', c, ['a', 'b']);
    // Over the limit rather than dropping what is on screen or next.
    expect(cache.size).to.equal(3);
    expect([a, b, c].some(released)).to.equal(false);
    // Once they are no longer protected, the oldest go.
    const e = canvas();
    cache.keep('e', e, ['c']);
    expect([cache.has('a'), cache.has('b'), cache.has('c'), cache.has('e')]).to.deep.equal([
      false,
      false,
      true,
      true,
    ]);
    expect([a, b].every(released)).to.equal(true);
    expect([c, e].some(released)).to.equal(false);
  });

  it('releases what an id held when it is drawn again, and closes image bitmaps', async () => {
    const cache = new SlideCache();
    const old = await createImageBitmap(canvas(32, 18));
    const fresh = canvas();
    cache.keep('s', old);
    cache.keep('s', fresh);
    expect(cache.peek('s')).to.equal(fresh);
    expect(released(old)).to.equal(true);
    cache.forget('s');
    expect(cache.has('s')).to.equal(false);
    expect(released(fresh)).to.equal(true);
  });

  it('remembers drawings in progress until they settle, and clear() releases everything', () => {
    const cache = new SlideCache();
    const drawing = Promise.resolve<Drawn | undefined>(undefined);
    expect(cache.drawing('p')).to.equal(undefined);
    cache.startDrawing('p', drawing);
    expect(cache.drawing('p')).to.equal(drawing);
    cache.settled('p');
    expect(cache.drawing('p')).to.equal(undefined);
    const all = [canvas(), canvas()];
    all.forEach((d, i) => cache.keep(String(i), d));
    cache.clear();
    expect(cache.size).to.equal(0);
    expect(all.every(released)).to.equal(true);
  });
});
