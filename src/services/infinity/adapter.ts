/**
 * The adapter over Pexip's official client SDK (`@pexip/infinity`): the only module that knows the
 * wire protocol. The SDK itself is loaded by `load.ts` when a call starts.
 */
import type { InfinityClient, Stage } from '@pexip/infinity';
import { CallError } from '../errors.js';
import { fromNodeError } from './adapter-errors.js';
import type { JoinRequest, Transport, TransportSink } from '../transport.js';
import type { MediaMode, StreamStats } from '../types.js';
import { createSdkLogger, type SdkLogger } from '../log.js';
import { ParticipantViews } from './adapter-participants.js';
import { AdapterPresentation } from './adapter-presentation.js';
import { callTypeFor, ROOM, SdkRequests } from './adapter-requests.js';
import { statsRows } from './adapter-stats.js';
import { loadSdk, type SdkModule } from './load.js';
import { quietSdkRejections, SignallingWatch } from './reconnect.js';

/** How long after a call ended on a fault the SDK may still be releasing its token. */
const WINDING_DOWN_MS = 30_000;

/** `logger`, with every call also shown to `tap` first (what the SDK requests, answers and fails). */
function tapped(logger: SdkLogger, tap: (meta: unknown, message?: string) => void): SdkLogger {
  const wrap =
    (write: (meta: unknown, message?: string) => void) =>
    (meta: unknown, message?: string): void => {
      try {
        tap(meta, message);
      } catch {
        // Watching must never break the SDK's own work.
      }
      write(meta, message);
    };
  return Object.freeze({
    ...logger,
    trace: wrap(logger.trace),
    debug: wrap(logger.debug),
    info: wrap(logger.info),
    warn: wrap(logger.warn),
    error: wrap(logger.error),
    fatal: wrap(logger.fatal),
  });
}

/**
 * The {@link Transport} over the SDK: its signals mapped to the call service's sink, its participants
 * to roster views (`adapter-participants.ts`), its requests (`adapter-requests.ts`, inherited), its
 * presentation (`adapter-presentation.ts`) and statistics (`adapter-stats.ts`).
 */
export class InfinityTransport extends SdkRequests implements Transport {
  readonly #views = new ParticipantViews();
  #request: JoinRequest | undefined;
  #version = '';
  #leaving = false;
  /** Newest token and alias (for still images, which the SDK does not fetch). */
  #token: string | undefined;
  #alias: string | undefined;
  readonly #presentation: AdapterPresentation;
  /** Signalling of the running call (event stream, token refreshes): see reconnect.ts. */
  #watch: SignallingWatch | undefined;
  /** Until then the SDK may still be releasing the token of a call that ended on a fault. */
  #windingDownUntil = 0;

  private constructor(
    sdk: SdkModule,
    client: InfinityClient,
    private readonly sink: TransportSink,
    private readonly signals: ReturnType<SdkModule['createInfinityClientSignals']>,
    callSignals: ReturnType<SdkModule['createCallSignals']>,
  ) {
    super(sdk, client);
    const presentation = new AdapterPresentation(sdk, client, sink, () => this.#endpoint());
    this.#presentation = presentation;
    const s = signals;
    s.onPinRequired.add(({ hasHostPin, hasGuestPin }) => {
      sink.pinRequired({ hostPin: hasHostPin, guestPin: hasGuestPin });
    });
    s.onExtension.add(() => sink.extensionRequired());
    s.onError.add(({ error, errorCode }) => sink.joinFailed(fromNodeError(error, errorCode)));
    s.onAuthenticatedWithConference.add(() => {
      const flags = client.conferenceFeatureFlags;
      const me = client.getMe(ROOM);
      sink.joined({
        conferenceName: client.conferenceName ?? this.#request?.alias ?? '',
        chatEnabled: flags?.chatEnabled ?? true,
        guestsCanPresent: flags?.guestsCanPresent ?? true,
        role: me ? (me.isHost ? 'host' : 'guest') : 'guest',
        waiting: client.serviceType === 'waiting_room',
      });
      this.#publishRoster();
    });
    s.onAuthenticatedWithConference.add(({ token, conferenceAlias }) => {
      this.#token = token;
      this.#alias = conferenceAlias;
      this.#watchSignalling();
    });
    s.onTokenRefreshed.add(({ token }) => {
      this.#token = token;
    });
    s.onServiceType.add((t) => sink.serviceType(t === 'waiting_room'));
    const roster = (): void => this.#publishRoster();
    s.onParticipants.add(roster);
    s.onParticipantJoined.add(roster);
    s.onParticipantUpdated.add(roster);
    s.onParticipantLeft.add(roster);
    s.onMe.add(roster);
    s.onStage.add((stages: Stage[]) => {
      this.#views.speaking.clear();
      for (const st of stages) if (st.vad > 0) this.#views.speaking.add(st.userId);
      this.#publishRoster();
    });
    s.onConferenceStatus.add(({ id, status }) => {
      if (id !== ROOM) return;
      sink.conferenceStatus({
        locked: status.locked,
        guestsMuted: status.guestsMuted,
        started: status.started,
      });
    });
    s.onMessage.add((m) => {
      sink.message({
        id: m.id,
        at: m.at.getTime(),
        senderUuid: m.userId,
        senderName: m.displayName,
        text: m.message,
        direct: Boolean(m.direct),
      });
    });
    s.onMyselfMuted.add((muted) => sink.myselfMuted(muted));
    s.onTransfer.add(({ alias, token }) => sink.transfer({ alias, token }));
    s.onDisconnected.add(({ error, errorCode }) => {
      if (error) this.#windingDownUntil = performance.now() + WINDING_DOWN_MS;
      this.#stopWatching();
      presentation.ended();
      if (this.#leaving) return;
      sink.disconnected(error ? fromNodeError(error, errorCode) : undefined);
    });
    callSignals.onRemoteStream.add((stream) => sink.remoteStream(stream));
    callSignals.onRemotePresentationStream.add((stream) => sink.presentationStream(stream));
    callSignals.onPresentationConnectionChange.add((change) => presentation.connectionChanged(change));
    callSignals.onCallConnected.add(() => presentation.callConnected());
  }

  /** Loads a fresh SDK instance (its signals are module-level) and wires it to `sink`. */
  static async create(sink: TransportSink): Promise<InfinityTransport> {
    const sdk = await loadSdk();
    // Every package of the SDK logs through its own logger: route them all through ours (quiet by
    // default, verbose for support: see services/log.ts). The token is redacted as soon as it exists.
    // Weakly: the SDK keeps its loggers in module scope, and in the drop-in build every call has a
    // module copy of its own that is never freed; it must not keep the call's transport alive.
    const made: { transport?: WeakRef<InfinityTransport>; token?: string } = {};
    const logger = tapped(
      createSdkLogger(() => {
        const t = made.transport?.deref();
        if (t) made.token = t.#token; // still redacted should the SDK log after the transport went
        return [made.token];
      }),
      (meta, message) => {
        const t = made.transport?.deref();
        if (t) t.#watch?.tap(meta, message);
      },
    );
    sdk.setLogger(logger);
    sdk.setPeerConnectionLogger(logger);
    sdk.setSignalLogger(logger);
    const signals = sdk.createInfinityClientSignals([], {
      batchBufferSize: 1000,
      batchScheduleTimeoutMS: 50,
    });
    const callSignals = sdk.createCallSignals([]);
    const client = sdk.createInfinityClient(signals, callSignals);
    const transport = new InfinityTransport(sdk, client, sink, signals, callSignals);
    made.transport = new WeakRef(transport);
    InfinityTransport.#quietRejections(transport);
    return transport;
  }

  /** Transports whose SDK may be winding down, held weakly (a call gone with its element is freed). */
  static readonly #transports = new Set<WeakRef<InfinityTransport>>();
  static #quieted = false;

  /**
   * The SDK's refresh timer ends in a rejection nobody can catch, and so does its release of the
   * token of a call it ended: not the page's uncaught errors. One page-wide listener for every
   * transport, which keeps none of them alive.
   */
  static #quietRejections(transport: InfinityTransport): void {
    const all = InfinityTransport.#transports;
    all.add(new WeakRef(transport));
    if (InfinityTransport.#quieted) return;
    InfinityTransport.#quieted = true;
    quietSdkRejections(() => {
      let winding = false;
      for (const ref of all) {
        const t = ref.deref();
        if (!t) all.delete(ref);
        else if (performance.now() < t.#windingDownUntil) winding = true;
      }
      return winding;
    });
  }

  get serverVersion(): string {
    return this.#version;
  }

  #host(): string {
    return this.#request?.node ? this.#request.node.replace(/\/$/, '') : location.origin;
  }

  /** Where this call's conference answers, with the newest token (none before joining). */
  #endpoint(): { host: string; alias: string; token: string } | undefined {
    const token = this.#token;
    const alias = this.#alias ?? this.#request?.alias;
    return token && alias ? { host: this.#host(), alias, token } : undefined;
  }

  /** Starts watching the call's signalling (once joined; a new join replaces the watch). */
  #watchSignalling(): void {
    this.#stopWatching();
    this.#watch = new SignallingWatch(
      this.sdk,
      () => {
        const token = this.#token;
        const alias = this.#alias ?? this.#request?.alias;
        return token && alias ? { host: this.#host(), alias, token } : undefined;
      },
      {
        reconnecting: (on, gap) => {
          if (!this.#leaving) this.sink.connection({ reconnecting: on, gap });
        },
        refused: (status) => this.#sessionRefused(status),
        token: (token) => {
          this.#token = token;
        },
      },
    );
  }

  #stopWatching(): void {
    this.#watch?.dispose();
    this.#watch = undefined;
  }

  /**
   * The node refused to refresh our token (it restarted, or removed us): the session is over. The
   * SDK would retry at once, in a loop, for the token's whole lifetime; ending it now stops that.
   */
  #sessionRefused(status: number): void {
    if (this.#leaving) return;
    this.#leaving = true;
    this.#windingDownUntil = performance.now() + WINDING_DOWN_MS;
    this.#stopWatching();
    this.#presentation.ended();
    // No call to hang up at a node that forgot it (`callUuid: ''`); releasing the token ends the
    // SDK's refresh loop at its next turn.
    this.client.disconnect({ reason: 'User initiated disconnect', callUuid: '' }).catch(() => undefined);
    this.sink.disconnected(new CallError('session-lost', `refresh_token ${status}`));
  }

  #publishRoster(): void {
    const list = this.#views.map(this.client.getParticipants(ROOM));
    this.sink.participants(list, this.client.getMe(ROOM)?.uuid);
  }

  async join(request: JoinRequest): Promise<void> {
    this.#request = request;
    this.#leaving = false;
    const res = await this.client.call({
      conferenceAlias: request.alias,
      displayName: request.displayName,
      bandwidth: request.bandwidth,
      callType: callTypeFor(this.sdk, request.mediaMode),
      ...(request.stream ? { mediaStream: request.stream } : {}),
      ...(request.pin !== undefined ? { pin: request.pin } : {}),
      ...(request.extension !== undefined ? { conferenceExtension: request.extension } : {}),
      ...(request.token !== undefined ? { token: request.token } : {}),
      ...(request.node ? { host: request.node.replace(/\/$/, '') } : {}),
    });
    const result = (
      res as { data?: { result?: { version?: { version_id?: string; pseudo_version?: string } } } }
    )?.data?.result;
    const v = result && typeof result === 'object' ? result.version : undefined;
    if (v) this.#version = [v.version_id, v.pseudo_version].filter(Boolean).join(' / ');
  }

  async leave(): Promise<void> {
    this.#leaving = true;
    this.#stopWatching();
    this.#presentation.stopStills();
    try {
      await this.client.disconnect({ reason: 'User initiated disconnect' });
    } catch {
      // Already gone: leaving is still done.
    }
  }

  releaseOnUnload(): void {
    this.#leaving = true;
    this.#stopWatching();
    this.#presentation.stopStills();
    const e = this.#endpoint();
    if (!e) return;
    const url = `${e.host}/api/client/v2/conferences/${encodeURIComponent(e.alias)}/release_token`;
    // `keepalive` lets the request finish after the page is gone; its answer is of no use to anyone.
    fetch(url, { method: 'POST', keepalive: true, headers: { token: e.token } }).catch(() => undefined);
  }

  async restart(mediaMode: MediaMode, stream: MediaStream | undefined, bandwidth: number): Promise<void> {
    await this.client.restartCall({
      bandwidth,
      callType: callTypeFor(this.sdk, mediaMode),
      ...(stream ? { mediaStream: stream } : {}),
    });
  }

  async replaceStream(stream: MediaStream): Promise<void> {
    this.client.setStream(stream);
    if (this.#request) this.#request = { ...this.#request, stream };
  }

  present(stream: MediaStream): Promise<void> {
    return this.#presentation.present(stream, this.#request);
  }

  /**
   * A control-only participant watching in full motion: a call that only receives presentation;
   * `false` goes back to no call at all (see {@link AdapterPresentation.receive}).
   */
  receivePresentation(on: boolean): Promise<void> {
    return this.#presentation.receive(on, this.#request?.bandwidth ?? 0);
  }

  stopPresenting(): Promise<void> {
    return this.#presentation.stop();
  }

  followStills(on: boolean): void {
    this.#presentation.followStills(on, this.#request?.bandwidth ?? 0);
  }

  /** The SDK's newest per-stream figures, in display units (see {@link statsRows}). */
  async stats(): Promise<StreamStats[]> {
    return statsRows(this.client.latestStats);
  }

  /** For tests: the SDK's signal hub of this call. */
  get sdkSignals(): typeof this.signals {
    return this.signals;
  }
}
