/** The node's (and the SDK's) errors as {@link CallError}s; loaded with the adapter, in a call. */
import { CallError } from '../errors.js';

/** Maps the node's error strings (and the SDK's codes) to a {@link CallError}. */
export function fromNodeError(error: string, errorCode = ''): CallError {
  const e = error.toLowerCase();
  if (errorCode === '#pex101' || e === 'invalid pin') return new CallError('invalid-pin', error);
  if (errorCode === '#pex192' || e.includes('pin entry retries')) return new CallError('pin-retries', error);
  if (errorCode === '#pex154' || e.includes('neither conference nor gateway'))
    return new CallError('not-found', error);
  if (e.includes('conference extension not found')) return new CallError('extension-not-found', error);
  if (errorCode === '#pex127' || e === 'disabled') return new CallError('disabled', error);
  if (errorCode === '#pex194' || e.includes('participant limit')) return new CallError('full', error);
  if (errorCode === '#pex124' || e.includes('disconnected by another participant'))
    return new CallError('kicked', error);
  if (errorCode === '#pex125' || e.includes('terminated by another participant'))
    return new CallError('terminated', error);
  if (errorCode === '#pex126' || e.includes('timeout waiting for conference host'))
    return new CallError('host-timeout', error);
  if (errorCode === '#pex141' || e.includes('hosts departed')) return new CallError('hosts-departed', error);
  if (
    ['#pex129', '#pex130', '#pex131'].includes(errorCode) ||
    /^(signaling|media) node disconnected|^media process disconnected/.test(e)
  )
    return new CallError('node-stopped', error);
  // The SDK's own words when its token could not be refreshed in time (the network stayed down).
  if (e.includes('could not reconnect to the meeting')) return new CallError('reconnect-failed', error);
  if (errorCode === '#pex113' || e.includes('token')) return new CallError('expired', error);
  if (e.includes('permission denied')) return new CallError('not-allowed', error);
  if (e.includes('failed to fetch') || e.includes('network') || e.includes('could not'))
    return new CallError('network', error);
  return new CallError('unknown', error);
}
