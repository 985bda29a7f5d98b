/**
 * Presentation through the SDK: sending (taking the floor, and for a control-only participant
 * opening a call that carries presentation only), receiving in full motion without a media call,
 * and following still images (which the SDK does not pass on: see `stills.ts`).
 *
 * @module
 */
import type { InfinityClient } from '@pexip/infinity';
import { CallError } from '../errors.js';
import { ShareError } from '../share-error.js';
import type { JoinRequest, TransportSink } from '../transport.js';
import type { SdkModule } from './load.js';
import { ROOM } from './adapter-requests.js';
import { PresentationStills, type StillsEndpoint } from './stills.js';

export class AdapterPresentation {
  readonly #sdk: SdkModule;
  readonly #client: InfinityClient;
  readonly #sink: TransportSink;
  readonly #endpoint: () => StillsEndpoint | undefined;
  #stills: PresentationStills | undefined;
  /** A `present()` waiting for the SDK to say whether sending started. */
  #sendWaiter: { resolve: () => void; reject: (e: CallError) => void } | undefined;
  #callConnected = false;
  #connectWaiters = new Set<() => void>();
  /** Waiting for the presentation of someone else to be received on a new call. */
  #receivingWaiters = new Set<() => void>();
  #presentationReceived = false;

  /** @param endpoint where this call's conference answers, with the newest token (for stills). */
  constructor(
    sdk: SdkModule,
    client: InfinityClient,
    sink: TransportSink,
    endpoint: () => StillsEndpoint | undefined,
  ) {
    this.#sdk = sdk;
    this.#client = client;
    this.#sink = sink;
    this.#endpoint = endpoint;
  }

  /** The SDK's presentation lines changed state (`onPresentationConnectionChange`). */
  connectionChanged({ recv, send }: { recv: string; send: string }): void {
    if (recv !== 'connected') this.#sink.presentationStream(undefined);
    this.#presentationReceived = recv === 'connected';
    if (recv === 'connected') {
      for (const done of this.#receivingWaiters) done();
      this.#receivingWaiters.clear();
    }
    const waiter = this.#sendWaiter;
    if (send === 'connected') {
      this.#sendWaiter = undefined;
      waiter?.resolve();
      this.#sink.presenting(true);
    } else if (send === 'disconnected' || send === 'failed') {
      this.#sendWaiter = undefined;
      // take_floor refused (e.g. Guests may not present), or the call went while starting.
      waiter?.reject(new ShareError('presentation-refused', `presentation ${send}`));
      this.#sink.presenting(false);
    }
  }

  /** The SDK's media call connected (`onCallConnected`). */
  callConnected(): void {
    this.#callConnected = true;
    for (const done of this.#connectWaiters) done();
    this.#connectWaiters.clear();
  }

  /** The call ended: stills stop, and a later presentation call must connect anew. */
  ended(): void {
    this.#stills?.stop();
    this.#callConnected = false;
  }

  /** Stops following still images (leaving). */
  stopStills(): void {
    this.#stills?.stop();
  }

  async present(stream: MediaStream, request: JoinRequest | undefined): Promise<void> {
    // A control-only participant has no peer connection: open one that carries presentation only
    // (send and receive), then present on it once it is connected.
    const t = this.#sdk.ClientCallType;
    const client = this.#client;
    if (
      request &&
      request.mediaMode === 'none' &&
      (client.localCallType === t.None || client.localCallType === t.PresentationRecvOlly)
    ) {
      this.#callConnected = false;
      await client.restartCall({
        bandwidth: request.bandwidth,
        callType: this.#sdk.ClientCallType.Presentation,
      });
      await this.#whenCallConnected(10_000);
      // Someone else presents: the node announces it on the new call, and the SDK turns the slides
      // line to receiving. Take the floor only after that, or the two would race on that line.
      const me = client.getMe(ROOM)?.uuid;
      if (client.getParticipants(ROOM).some((p) => p.isPresenting && p.uuid !== me)) {
        await this.#whenReceivingPresentation(5_000);
      }
    }
    // The SDK's present() returns at once; its presentation state says whether the floor was taken.
    this.#sendWaiter?.reject(new CallError('busy', 'presentation replaced'));
    const started = new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        if (this.#sendWaiter?.resolve !== done) return;
        this.#sendWaiter = undefined;
        reject(new CallError('network', 'presentation did not start'));
      }, 20_000);
      const done = (): void => {
        clearTimeout(timer);
        resolve();
      };
      this.#sendWaiter = {
        resolve: done,
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      };
    });
    client.present(stream);
    await started;
  }

  #whenReceivingPresentation(timeoutMs: number): Promise<void> {
    if (this.#presentationReceived) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#receivingWaiters.delete(done);
        resolve();
      };
      // Present anyway after the timeout.
      const timer = setTimeout(done, timeoutMs);
      this.#receivingWaiters.add(done);
    });
  }

  #whenCallConnected(timeoutMs: number): Promise<void> {
    if (this.#callConnected) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.#connectWaiters.delete(done);
        resolve();
      };
      // Present anyway after the timeout: the SDK queues the renegotiation.
      const timer = setTimeout(done, timeoutMs);
      this.#connectWaiters.add(done);
    });
  }

  /**
   * A control-only participant watching in full motion: a call that only receives presentation
   * (`ClientCallType.PresentationRecvOlly`, sic); `false` goes back to no call at all. A media call,
   * or a presentation call of our own, is left alone.
   */
  async receive(on: boolean, bandwidth: number): Promise<void> {
    const t = this.#sdk.ClientCallType;
    const current = this.#client.localCallType;
    if (on && current === t.None) {
      await this.#client.restartCall({ bandwidth, callType: t.PresentationRecvOlly });
    } else if (!on && current === t.PresentationRecvOlly) {
      this.#sink.presentationStream(undefined);
      await this.#client.restartCall({ bandwidth, callType: t.None });
    }
  }

  async stop(): Promise<void> {
    this.#sendWaiter = undefined;
    this.#client.stopPresenting();
  }

  followStills(on: boolean, bandwidth: number): void {
    if (!on) {
      this.#stills?.stop();
      return;
    }
    this.#stills ??= new PresentationStills({
      endpoint: this.#endpoint,
      onImage: (image) => this.#sink.presentationStill(image),
      // Legacy clients fetched full-size stills above 512 kbps; 0 is the node's default (576).
      high: bandwidth === 0 || bandwidth > 512,
    });
    this.#stills.start();
  }
}
