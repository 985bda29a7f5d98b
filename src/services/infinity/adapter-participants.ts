/**
 * The SDK's participants as the roster's rows ({@link ParticipantView} without `isMe`). The call
 * service's roster (`participants.ts`) keeps the one view cache: an unchanged participant keeps its
 * view object there, whatever objects this hands over, so keyed re-renders stay cheap.
 *
 * @module
 */
import type { Participant as SdkParticipant } from '@pexip/infinity';
import type { ParticipantView } from '../types.js';

/** A participant's view before the call service adds `isMe`. */
export type View = Omit<ParticipantView, 'isMe'>;

/** The roster's rows, with who is speaking now (no cache: the call service keeps the one). */
export class ParticipantViews {
  readonly speaking = new Set<string>();

  map(list: readonly SdkParticipant[]): View[] {
    return list.map((p) => toView(p, this.speaking.has(p.uuid)));
  }
}

export function toView(p: SdkParticipant, speaking: boolean): View {
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
