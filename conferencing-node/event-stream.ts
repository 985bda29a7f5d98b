/** One Server-Sent Events stream to one participant (a participant may briefly have several). */
import type { ServerResponse } from 'node:http';
import { type Clock, systemClock, type TimerHandle } from './clock.js';

const KEEPALIVE_MS = 15_000;

/**
 * Counters for the node test that guards the cost of a join (test/node/room-scale.test.ts): how
 * many event payloads were serialised to JSON, how many events were framed and how many writes
 * reached the sockets. Nothing else reads them.
 */
export const eventStats = { serialisations: 0, events: 0, writes: 0 };

/**
 * Event data as JSON text (`null` for payload-less events). An event for many streams is serialised
 * once with this and sent to each with {@link EventStream.sendText}.
 */
export function serialise(data: unknown): string {
  eventStats.serialisations++;
  return JSON.stringify(data ?? null);
}

/**
 * Streams with events waiting to be written. They are flushed together once per turn of the event
 * loop (setImmediate), so that events for one stream in the same turn (a roster sync, joins or chat
 * arriving together) cost one socket write, and a request's own response goes out before the
 * fan-out it caused.
 */
const dirty = new Set<EventStream>();
let flushScheduled = false;

function flushDirty(): void {
  flushScheduled = false;
  const batch = [...dirty];
  dirty.clear();
  for (const s of batch) s.flush();
}

export class EventStream {
  #seq = 0;
  #closed = false;
  #pending = '';
  readonly #keepalive: TimerHandle;

  constructor(
    private readonly res: ServerResponse,
    private readonly nodeAddress: string,
    onClose: () => void,
    /** The node's clock: the keepalive comment runs on it. */
    private readonly clock: Clock = systemClock,
  ) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    this.#keepalive = clock.setInterval(() => this.#queue(': keepalive\n\n'), KEEPALIVE_MS);
    res.on('close', () => {
      this.#dispose();
      onClose();
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Sends one event; `data` is always valid JSON (`null` for payload-less events). */
  send(event: string, data: unknown, id?: string): void {
    if (!this.#closed) this.sendText(event, serialise(data), id);
  }

  /** Sends one event whose data is already JSON text (see {@link serialise}). */
  sendText(event: string, json: string, id?: string): void {
    if (this.#closed) return;
    eventStats.events++;
    const eventId = id ?? Buffer.from(`${this.nodeAddress}_${++this.#seq}`).toString('base64');
    this.#queue(`event: ${event}\nid: ${eventId}\ndata: ${json}\n\n`);
  }

  /** Writes whatever is queued (normally called once per event-loop turn). */
  flush(): void {
    if (this.#closed || this.#pending === '') return;
    const chunk = this.#pending;
    this.#pending = '';
    eventStats.writes++;
    this.res.write(chunk);
  }

  /** Ends the stream after writing what is queued (a `disconnect` sent just before still arrives). */
  close(): void {
    if (this.#closed) return;
    this.flush();
    this.#dispose();
    this.res.end();
  }

  #queue(chunk: string): void {
    if (this.#closed) return;
    if (this.#pending === '') {
      dirty.add(this);
      if (!flushScheduled) {
        flushScheduled = true;
        setImmediate(flushDirty);
      }
    }
    this.#pending += chunk;
  }

  #dispose(): void {
    this.#closed = true;
    this.#pending = '';
    dirty.delete(this);
    this.clock.clearTimer(this.#keepalive);
  }
}
