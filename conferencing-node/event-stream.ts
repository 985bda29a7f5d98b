/** One Server-Sent Events stream to one participant (a participant may briefly have several). */
import type { ServerResponse } from 'node:http';

const KEEPALIVE_MS = 15_000;

export class EventStream {
  #seq = 0;
  #closed = false;
  readonly #keepalive: NodeJS.Timeout;

  constructor(
    private readonly res: ServerResponse,
    private readonly nodeAddress: string,
    onClose: () => void,
  ) {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
      Connection: 'keep-alive',
      'X-Accel-Buffering': 'no',
    });
    res.flushHeaders();
    this.#keepalive = setInterval(() => this.#write(': keepalive\n\n'), KEEPALIVE_MS);
    this.#keepalive.unref();
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
    const eventId = id ?? Buffer.from(`${this.nodeAddress}_${++this.#seq}`).toString('base64');
    this.#write(`event: ${event}\nid: ${eventId}\ndata: ${JSON.stringify(data ?? null)}\n\n`);
  }

  close(): void {
    if (this.#closed) return;
    this.#dispose();
    this.res.end();
  }

  #write(chunk: string): void {
    if (!this.#closed) this.res.write(chunk);
  }

  #dispose(): void {
    this.#closed = true;
    clearInterval(this.#keepalive);
  }
}
