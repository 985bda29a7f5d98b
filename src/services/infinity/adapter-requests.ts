/**
 * The requests a participant and a Host send through the SDK (chat, mute, lock, dial, admit,
 * transfer, DTMF, …), each turned into a promise that rejects with a {@link CallError} when the node
 * refuses. The transport (`adapter.ts`) inherits them.
 *
 * @module
 */
import type { ClientCallType as ClientCallTypeEnum, InfinityClient, ParticipantID } from '@pexip/infinity';
import { CallError } from '../errors.js';
import { fromNodeError } from './adapter-errors.js';
import type { DialRequest } from '../transport.js';
import type { MediaMode, Role } from '../types.js';
import type { SdkModule } from './load.js';

/** The SDK's name for the conference's one room (breakout rooms have others). */
export const ROOM = 'main';

/** Participant uuids are branded in the SDK's types. */
export const pid = (uuid: string): ParticipantID => uuid as ParticipantID;

/** Bit flags of the SDK's ClientCallType: what we send and receive for each media mode. */
export function callTypeFor(sdk: SdkModule, mode: MediaMode): ClientCallTypeEnum {
  const t = sdk.ClientCallType;
  if (mode === 'video') return t.AudioVideoPresentation;
  if (mode === 'audio') return t.AudioPresentation;
  return t.None;
}

/** Runs an SDK command; a rejected or empty answer becomes a {@link CallError}. */
export async function run(what: Promise<unknown>): Promise<void> {
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

/** The transport's commands: one SDK request each (DTMF queued, so keys arrive in order). */
export abstract class SdkRequests {
  /** The last DTMF request (each waits for the one before). */
  #dtmfQueue: Promise<unknown> = Promise.resolve();

  protected constructor(
    protected readonly sdk: SdkModule,
    protected readonly client: InfinityClient,
  ) {}

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
}
