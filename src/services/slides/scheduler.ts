/**
 * The slide deck's work queue: drawing a slide for sending, making thumbnails. One job runs at a
 * time (pdf.js renders one page at a time anyway, and a decoded page is large), the most urgent
 * first.
 *
 * @module
 */

interface Job {
  priority: number;
  seq: number;
  run: () => Promise<void>;
}

/**
 * Runs asynchronous jobs one after another: the lowest `priority` number first, and jobs of equal
 * priority in the order they were scheduled. A job that throws does not stop the others (each job
 * reports its own failures). After the queue runs dry, `onIdle` is called.
 */
export class JobScheduler {
  readonly #jobs: Job[] = [];
  readonly #onIdle: () => void;
  #seq = 0;
  #running = false;
  #stopped = false;

  constructor(onIdle: () => void = () => undefined) {
    this.#onIdle = onIdle;
  }

  /** Queues `run`; it starts at once (synchronously) if nothing is running. */
  schedule(priority: number, run: () => Promise<void>): void {
    if (this.#stopped) return;
    this.#jobs.push({ priority, seq: ++this.#seq, run });
    this.#jobs.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
    void this.#pump();
  }

  /** Nothing running and nothing queued. */
  get idle(): boolean {
    return !this.#running && this.#jobs.length === 0;
  }

  /** Jobs queued and not yet started. */
  get pending(): number {
    return this.#jobs.length;
  }

  /** Drops the queued jobs and runs no more (a job already running finishes). */
  stop(): void {
    this.#stopped = true;
    this.#jobs.length = 0;
  }

  async #pump(): Promise<void> {
    if (this.#running) return;
    this.#running = true;
    try {
      while (this.#jobs.length && !this.#stopped) {
        const job = this.#jobs.shift()!;
        try {
          await job.run();
        } catch {
          // Each job reports its own failures.
        }
      }
    } finally {
      this.#running = false;
      this.#onIdle();
    }
  }
}
