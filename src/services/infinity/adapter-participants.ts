/**
 * The SDK's participants as the roster's {@link ParticipantView}s: kept stable (the same object) for
 * a participant whose SDK record and speaking state did not change, so keyed re-renders stay cheap.
 *
 * @module
 */
import type { Participant as SdkParticipant } from '@pexip/infinity';
import type { ParticipantView } from '../types.js';

/** A participant's view before the call service adds `isMe`. */
export type View = Omit<ParticipantView, 'isMe'>;

/** Keeps view objects stable for unchanged participants (cheap keyed re-renders). */
export class ParticipantViews {
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
