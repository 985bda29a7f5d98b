/**
 * Errors are values: every command resolves or rejects with a {@link CallError} whose `message` is
 * user-facing and localised at the moment it is read (so a language switch re-localises it).
 */
import { msg, str } from '@lit/localize';

export type CallErrorCode =
  | 'invalid-pin'
  | 'pin-retries'
  | 'not-found'
  | 'extension-not-found'
  | 'disabled'
  | 'full'
  | 'device-blocked'
  | 'frame-blocked'
  | 'device-missing'
  | 'no-call'
  | 'not-allowed'
  | 'kicked'
  | 'terminated'
  | 'host-timeout'
  | 'hosts-departed'
  | 'expired'
  | 'network'
  | 'reconnect-failed'
  | 'node-stopped'
  | 'session-lost'
  | 'csp-blocked'
  | 'invalid-input'
  | 'busy'
  | 'unknown';

/** The `allow` attribute an embedding page gives the iframe the elements run in. */
export const FRAME_ALLOW = 'allow="camera; microphone; display-capture"';

export class CallError extends Error {
  override name = 'CallError';

  constructor(
    readonly code: CallErrorCode,
    /** What the node or browser said, for support; never shown as the main message. */
    readonly detail = '',
  ) {
    // No message to Error: an own `message` property would hide the localised getter below.
    super();
  }

  /** The localised, user-facing explanation. */
  override get message(): string {
    return describe(this.code, this.detail);
  }
}

function describe(code: CallErrorCode, detail: string): string {
  switch (code) {
    case 'invalid-pin':
      return msg('That PIN is not correct. Please try again.');
    case 'pin-retries':
      return msg('Too many wrong PINs. Please wait a minute before trying again.');
    case 'not-found':
      return msg('There is no meeting with that address. Check the address and try again.');
    case 'extension-not-found':
      return msg('There is no meeting with that extension.');
    case 'disabled':
      return msg('Joining from this app has been disabled by your administrator.');
    case 'full':
      return msg('The meeting is full.');
    case 'device-blocked':
      return msg('Your camera or microphone is blocked. Allow access in your browser, or join without them.');
    case 'frame-blocked':
      return msg(
        str`This page is embedded in a frame that does not allow the camera and microphone. The page that embeds it must add ${FRAME_ALLOW} to its iframe.`,
      );
    case 'device-missing':
      return msg('No camera or microphone was found. Join with audio only or without media.');
    case 'no-call':
      return msg('There is no call to do this in.');
    case 'not-allowed':
      return msg("You don't have permission to do that.");
    case 'kicked':
      return msg('You were disconnected by another participant.');
    case 'terminated':
      return msg('The meeting was ended by another participant.');
    case 'host-timeout':
      return msg('No Host let you in, so the meeting could not start.');
    case 'hosts-departed':
      return msg('All Hosts have left, so the meeting has ended.');
    case 'expired':
      return msg('Your connection to the meeting timed out.');
    case 'network':
      return msg('The connection to the meeting was lost.');
    case 'reconnect-failed':
      return msg(
        'The connection to the meeting was lost and could not be restored. Check your network, then rejoin.',
      );
    case 'node-stopped':
      return msg('The meeting server stopped, so you were disconnected. Rejoin when it is back.');
    case 'session-lost':
      return msg('The meeting server no longer knows this call (it may have restarted). Rejoin to continue.');
    case 'csp-blocked':
      return msg(
        str`This page's security policy (${detail || 'connect-src'}) blocked the connection to the meeting server. The page's owner must allow the server in that directive.`,
      );
    case 'invalid-input':
      return detail ? msg(str`That was not accepted: ${detail}`) : msg('That was not accepted.');
    case 'busy':
      return msg('Please wait for the current action to finish.');
    case 'unknown':
      return detail ? msg(str`Something went wrong: ${detail}`) : msg('Something went wrong.');
  }
}

/** Errors after which the same call can simply be joined again ("Rejoin"). */
export function canRejoin(error: CallError | undefined): boolean {
  return ['network', 'reconnect-failed', 'node-stopped', 'session-lost', 'expired'].includes(
    error?.code ?? '',
  );
}

// The node's errors (fromNodeError) are mapped in infinity/adapter-errors.ts, getUserMedia's
// (fromMediaError, blockedByFrame) in media/media-errors.ts: they load with what meets them.
