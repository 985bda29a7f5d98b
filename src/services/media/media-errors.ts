/**
 * getUserMedia's (and getDisplayMedia's) failures as {@link CallError}s; loaded with the code that
 * opens media (the device check, the call, sharing), not before.
 */
import { CallError } from '../errors.js';

interface PolicyDocument {
  permissionsPolicy?: { allowsFeature(feature: string): boolean };
  featurePolicy?: { allowsFeature(feature: string): boolean };
}

/**
 * Whether this document sits in a frame whose embedding page did not allow one of `features`
 * (`camera`, `microphone`, `display-capture`) through the iframe's `allow` attribute. The top-level
 * page is never "blocked by the frame". A refusal whose message names the permissions policy counts
 * too, where the browser cannot be asked.
 */
export function blockedByFrame(features: readonly string[], error?: unknown): boolean {
  if (typeof window === 'undefined' || window === window.top) return false;
  const d = document as Document & PolicyDocument;
  const policy = d.permissionsPolicy ?? d.featurePolicy;
  if (policy?.allowsFeature) return features.some((f) => !policy.allowsFeature(f));
  return /permissions? policy|feature policy/i.test(String((error as Error)?.message ?? ''));
}

/**
 * Maps a getUserMedia failure to a {@link CallError}; `features` are what was asked for, to tell a
 * frame that does not allow them from a browser setting.
 */
export function fromMediaError(
  e: unknown,
  features: readonly string[] = ['camera', 'microphone'],
): CallError {
  const name = (e as { name?: string })?.name ?? '';
  if ((name === 'NotAllowedError' || name === 'SecurityError') && blockedByFrame(features, e))
    return new CallError('frame-blocked', `${name}: ${String((e as Error)?.message ?? '')}`);
  if (name === 'NotAllowedError' || name === 'SecurityError') return new CallError('device-blocked', name);
  if (name === 'NotFoundError' || name === 'OverconstrainedError')
    return new CallError('device-missing', name);
  return new CallError('unknown', String((e as Error)?.message ?? e));
}
