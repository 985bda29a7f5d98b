/**
 * The adapter over Pexip's official client SDK (`@pexip/infinity`): the only module that knows the
 * wire protocol. The SDK itself is loaded by `load.ts` when a call starts.
 */
import type {
  InfinityClient,
  Participant as SdkParticipant,
  Stage,
  ClientCallType as ClientCallTypeEnum,
  ParticipantID,
} from '@pexip/infinity';
import { CallError, fromNodeError } from '../errors.js';
import { ShareError } from '../share-error.js';
import type { DialRequest, JoinRequest, Transport, TransportSink } from '../transport.js';
import type { MediaMode, ParticipantView, Role, StreamStats } from '../types.js';
import { createSdkLogger, type SdkLogger } from '../log.js';
import { loadSdk, type SdkModule } from './load.js';
import { quietSdkRejections, SignallingWatch } from './reconnect.js';
import { PresentationStills } from './stills.js';

const ROOM = 'main';
/** How long after a call ended on a fault the SDK may still be releasing its token. */
const WINDING_DOWN_MS = 30_000;
/** Participant uuids are branded in the SDK's types. */
const pid = (uuid: string): ParticipantID => uuid as ParticipantID;

/** Bit flags of the SDK's ClientCallType: what we send and receive for each media mode. */
function callTypeFor(sdk: SdkModule, mode: MediaMode): ClientCallTypeEnum {
  const t = sdk.ClientCallType;
  if (mode === 'video') return t.AudioVideoPresentation;
  if (mode === 'audio') return t.AudioPresentation;
  return t.None;
}

type View = Omit<ParticipantView, 'isMe'>;
type Metrics = NonNullable<InfinityClient['latestStats']>['inbound']['audio'];

/** Keeps view objects stable for unchanged participants (cheap keyed re-renders). */
class ParticipantViews {
  readonly #cache = new Map<string, { src: SdkParticipant; speaking: boolean; view: View }>();
  readonly speaking = new Set<string>();

  map(list: readonly SdkParticipant[]): View[] {
    const seen = new Set<string>();
    const out = list.map((p) => {
      seen.add(p.uuid);
      const speaking = this.speaking.has(p.uuid);
      const cached = this.#cache.get(p.uuid);
      if (cached && cached.src === p && cached.speaking === speaking) return cached.view;
      const view = toView(p, speaking);
      this.#cache.set(p.uuid, { src: p, speaking, view });
      return view;
    });
    for (const uuid of this.#cache.keys()) if (!seen.has(uuid)) this.#cache.delete(uuid);
    return out;
  }
}

function toView(p: SdkParticipant, speaking: boolean): View {
  return Object.freeze({
    uuid: p.uuid,
    displayName: p.displayName || p.uri.replace(/^sip:/, '') || p.uuid,
    role: p.role === 'chair' ? 'host' : 'guest',
    isWaiting: p.isWaiting,
    isCalling: p.serviceType === 'connecting' || p.isConnecting,
    isStreaming: p.isStreaming,
    isSpeaking: speaking,
    isMuted: p.isMuted,
    isCameraMuted: p.isCameraMuted,
    isPresenting: p.isPresenting,
    handRaised: p.raisedHand,
    hasMedia: p.hasMedia,
    isExternal: p.isExternal,
    canMute: p.canMute,
    canDisconnect: p.canDisconnect,
    canTransfer: p.canTransfer,
    rxPresentation: p.rxPresentation,
    protocol: p.protocol ?? '',
    uri: p.uri,
    overlayText: p.overlayText,
    callDirection: p.rawData?.call_direction === 'out' ? 'out' : 'in',
  } satisfies View);
}

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

/** Runs an SDK command; a rejected or empty answer becomes a {@link CallError}. */
async function run(what: Promise<unknown>): Promise<void> {
  let res: unknown;
  try {
    res = await what;
  } catch (e) {
    throw e instanceof CallError ? e : fromNodeError(String((e as Error)?.message ?? e));
  }
  const r = res as { status?: number; data?: { result?: unknown } } | undefined;
  if (r && typeof r.status === 'number' && r.status >= 400) {
    const result = r.data?.result;
    throw fromNodeError(typeof result === 'string' ? result : `HTTP ${r.status}`);
  }
}

export class InfinityTransport implements Transport {
  readonly #views = new ParticipantViews();
  #request: JoinRequest | undefined;
  #version = '';
  #leaving = false;
  /** Newest token and alias (for still images, which the SDK does not fetch). */
  #token: string | undefined;
  #alias: string | undefined;
  #stills: PresentationStills | undefined;
  /** A `present()` waiting for the SDK to say whether sending started. */
  #sendWaiter: { resolve: () => void; reject: (e: CallError) => void } | undefined;
  #callConnected = false;
  /** The last DTMF request (each waits for the one before). */
  #dtmfQueue: Promise<unknown> = Promise.resolve();
  #connectWaiters = new Set<() => void>();
  /** Waiting for the presentation of someone else to be received on a new call. */
  #receivingWaiters = new Set<() => void>();
  #presentationReceived = false;
  /** Signalling of the running call (event stream, token refreshes): see reconnect.ts. */
  #watch: SignallingWatch | undefined;
  /** Until then the SDK may still be releasing the token of a call that ended on a fault. */
  #windingDownUntil = 0;

  private constructor(
    private readonly sdk: SdkModule,
    private readonly client: InfinityClient,
    private readonly sink: TransportSink,
    private readonly signals: ReturnType<SdkModule['createInfinityClientSignals']>,
    callSignals: ReturnType<SdkModule['createCallSignals']>,
  ) {
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
      this.#stills?.stop();
      this.#callConnected = false;
      if (this.#leaving) return;
      sink.disconnected(error ? fromNodeError(error, errorCode) : undefined);
    });
    callSignals.onRemoteStream.add((stream) => sink.remoteStream(stream));
    callSignals.onRemotePresentationStream.add((stream) => sink.presentationStream(stream));
    callSignals.onPresentationConnectionChange.add(({ recv, send }) => {
      if (recv !== 'connected') sink.presentationStream(undefined);
      this.#presentationReceived = recv === 'connected';
      if (recv === 'connected') {
        for (const done of this.#receivingWaiters) done();
        this.#receivingWaiters.clear();
      }
      const waiter = this.#sendWaiter;
      if (send === 'connected') {
        this.#sendWaiter = undefined;
        waiter?.resolve();
        sink.presenting(true);
      } else if (send === 'disconnected' || send === 'failed') {
        this.#sendWaiter = undefined;
        // take_floor refused (e.g. Guests may not present), or the call went while starting.
        waiter?.reject(new ShareError('presentation-refused', `presentation ${send}`));
        sink.presenting(false);
      }
    });
    callSignals.onCallConnected.add(() => {
      this.#callConnected = true;
      for (const done of this.#connectWaiters) done();
      this.#connectWaiters.clear();
    });
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
    this.#stills?.stop();
    this.#callConnected = false;
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
    this.#stills?.stop();
    try {
      await this.client.disconnect({ reason: 'User initiated disconnect' });
    } catch {
      // Already gone: leaving is still done.
    }
  }

  releaseOnUnload(): void {
    this.#leaving = true;
    this.#stopWatching();
    this.#stills?.stop();
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

  sendMessage(text: string, toUuid?: string): Promise<void> {
    return run(
      this.client.sendMessage({ payload: text, ...(toUuid ? { participantUuid: pid(toUuid) } : {}) }),
    );
  }

  muteSelf(muted: boolean): Promise<void> {
    return run(this.client.mute({ mute: muted }));
  }

  muteCameraSelf(muted: boolean): Promise<void> {
    return run(this.client.muteVideo({ muteVideo: muted }));
  }

  lock(locked: boolean): Promise<void> {
    return run(this.client.lock({ lock: locked }));
  }

  muteGuests(muted: boolean): Promise<void> {
    return run(this.client.muteAllGuests({ mute: muted }));
  }

  startConference(): Promise<void> {
    return run(this.client.sendConferenceRequest({ path: 'start_conference', method: 'POST' }));
  }

  disconnectAll(): Promise<void> {
    return run(this.client.disconnectAll({}));
  }

  dial(request: DialRequest): Promise<void> {
    return run(
      this.client.dial({
        destination: request.destination,
        protocol: request.protocol,
        role: request.role === 'host' ? 'HOST' : 'GUEST',
      }),
    );
  }

  admit(uuid: string): Promise<void> {
    return run(this.client.admit({ participantUuid: pid(uuid) }));
  }

  kick(uuid: string): Promise<void> {
    return run(this.client.kick({ participantUuid: pid(uuid) }));
  }

  muteParticipant(uuid: string, muted: boolean): Promise<void> {
    return run(this.client.mute({ mute: muted, participantUuid: pid(uuid) }));
  }

  setRole(uuid: string, role: Role): Promise<void> {
    return run(
      this.client.setRole({ role: role === 'host' ? 'chair' : 'guest', participantUuid: pid(uuid) }),
    );
  }

  transfer(uuid: string, alias: string, role: Role, pin: string): Promise<void> {
    return run(this.client.transfer({ destination: alias, role, pin, participantUuid: pid(uuid) }));
  }

  /**
   * With `uuid`: toward that participant (`participants/<uuid>/dtmf`, e.g. a dialled gateway).
   * Without: into our own media call (`participants/<own>/calls/<call>/dtmf`), which is what an IVR
   * or gateway in the conference hears; a control-only participant has no call to send it into.
   * Keys pressed quickly are sent one request after another, so they arrive in order.
   */
  sendDtmf(digits: string, uuid?: string): Promise<void> {
    const send = (): Promise<void> => {
      if (uuid) return run(this.client.sendDTMF({ digits, participantUuid: pid(uuid) }));
      const noCall = new CallError('no-call', 'DTMF needs an audio or video call');
      if ((this.client.localCallType & this.sdk.ClientCallType.AudioSendOnly) === 0) {
        return Promise.reject(noCall);
      }
      // The SDK throws before any request while the call has no uuid yet (still connecting).
      return run(
        this.client.sendDTMF({ digits }).catch((e: unknown) => {
          throw /call uuid/i.test(String((e as Error)?.message)) ? noCall : e;
        }),
      );
    };
    const sent = this.#dtmfQueue.then(send, send);
    this.#dtmfQueue = sent.catch(() => undefined);
    return sent;
  }

  setRxPresentation(uuid: string, allow: boolean): Promise<void> {
    return run(
      this.client.sendConferenceRequest({
        path: `participants/${uuid}/${allow ? 'allowrxpresentation' : 'denyrxpresentation'}`,
        method: 'POST',
      }),
    );
  }

  async present(stream: MediaStream): Promise<void> {
    const request = this.#request;
    // A control-only participant has no peer connection: open one that carries presentation only
    // (send and receive), then present on it once it is connected.
    const t = this.sdk.ClientCallType;
    if (
      request &&
      request.mediaMode === 'none' &&
      (this.client.localCallType === t.None || this.client.localCallType === t.PresentationRecvOlly)
    ) {
      this.#callConnected = false;
      await this.client.restartCall({
        bandwidth: request.bandwidth,
        callType: this.sdk.ClientCallType.Presentation,
      });
      await this.#whenCallConnected(10_000);
      // Someone else presents: the node announces it on the new call, and the SDK turns the slides
      // line to receiving. Take the floor only after that, or the two would race on that line.
      const me = this.client.getMe(ROOM)?.uuid;
      if (this.client.getParticipants(ROOM).some((p) => p.isPresenting && p.uuid !== me)) {
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
    this.client.present(stream);
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
  async receivePresentation(on: boolean): Promise<void> {
    const t = this.sdk.ClientCallType;
    const bandwidth = this.#request?.bandwidth ?? 0;
    const current = this.client.localCallType;
    if (on && current === t.None) {
      await this.client.restartCall({ bandwidth, callType: t.PresentationRecvOlly });
    } else if (!on && current === t.PresentationRecvOlly) {
      this.sink.presentationStream(undefined);
      await this.client.restartCall({ bandwidth, callType: t.None });
    }
  }

  async stopPresenting(): Promise<void> {
    this.#sendWaiter = undefined;
    this.client.stopPresenting();
  }

  followStills(on: boolean): void {
    if (!on) {
      this.#stills?.stop();
      return;
    }
    const bandwidth = this.#request?.bandwidth ?? 0;
    this.#stills ??= new PresentationStills({
      endpoint: () => this.#endpoint(),
      onImage: (image) => this.sink.presentationStill(image),
      // Legacy clients fetched full-size stills above 512 kbps; 0 is the node's default (576).
      high: bandwidth === 0 || bandwidth > 512,
    });
    this.#stills.start();
  }

  /**
   * The SDK's newest per-stream figures (`@pexip/peer-connection-stats`, sampled once a second from
   * each transceiver's `getStats()`), in display units: its bitrate is in bit/s (shown in kbps), its
   * jitter in seconds (ms), its loss a ratio of all packets (%), its codec a MIME type (`video/VP8`).
   */
  async stats(): Promise<StreamStats[]> {
    const s = this.client.latestStats;
    if (!s) return [];
    const rows: StreamStats[] = [];
    const add = (
      stream: StreamStats['stream'],
      direction: StreamStats['direction'],
      m: (Metrics & { resolution?: string; framesPerSecond?: number }) | undefined,
    ): void => {
      // A line that carries nothing (e.g. presentation while nobody presents) has no real figures:
      // the SDK then reports zeros with no codec.
      if (!m || (!m.codec && !m.packetsTransmitted)) return;
      rows.push({
        stream,
        direction,
        ...(m.bitrate !== undefined ? { bitrateKbps: Math.round(m.bitrate / 1000) } : {}),
        packetsLost: m.packetsLost,
        ...(m.totalPercentageLost !== undefined ? { lossPercent: m.totalPercentageLost * 100 } : {}),
        ...(m.codec ? { codec: m.codec.replace(/^(audio|video)\//, '') } : {}),
        ...(m.jitter !== undefined ? { jitterMs: Math.round(m.jitter * 1000) } : {}),
        ...(m.resolution ? { resolution: m.resolution } : {}),
        ...(m.framesPerSecond !== undefined ? { fps: m.framesPerSecond } : {}),
      });
    };
    add('audio', 'in', s.inbound.audio);
    add('video', 'in', s.inbound.video);
    add('presentation', 'in', s.inbound.preso);
    add('audio', 'out', s.outbound.audio);
    add('video', 'out', s.outbound.video);
    add('presentation', 'out', s.outbound.preso);
    return rows;
  }

  /** For tests: the SDK's signal hub of this call. */
  get sdkSignals(): typeof this.signals {
    return this.signals;
  }
}
