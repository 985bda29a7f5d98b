/** An answer the API gives instead of a result: HTTP status plus a Pexip-style `result` string. */
export class ApiError extends Error {
  override name = 'ApiError';
  constructor(
    readonly status: number,
    message: string,
    /** `status` field of the envelope; Pexip says "success" on some refusals (e.g. PIN challenges). */
    readonly envelopeStatus: 'failed' | 'success' = 'failed',
    /** A structured `result` (e.g. the PIN challenge object) instead of the message string. */
    readonly result?: unknown,
  ) {
    super(message);
  }
}

export const Reasons = {
  invalidToken: 'Invalid token',
  invalidPin: 'Invalid PIN',
  pinRetries: 'Participant exceeded PIN entry retries',
  disabled: 'Disabled',
  notFound: 'Neither conference nor gateway found',
  extensionNotFound: 'Conference extension not found',
  full: 'Participant limit reached',
  tokenExpired: 'Timer expired awaiting token refresh',
  kicked: 'Disconnected by another participant',
  rejected: 'Disconnected by another participant',
  terminated: 'Conference terminated by another participant',
  hostWaitTimeout: 'Timeout waiting for conference host to join or permit access to locked conference',
  hostsDeparted: 'All conference hosts departed hosted conference',
  shutdown: 'Signaling node disconnected',
  hostOnly: 'Permission denied: this needs Host privileges',
  waiting: 'Permission denied: waiting to be admitted to the conference',
  chatDisabled: 'Chat is disabled in this conference',
  tooManyRequests: 'Too many requests',
} as const;
