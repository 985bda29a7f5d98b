/**
 * Tells a connection the page's Content Security Policy refused from a network failure: the browser
 * fires `securitypolicyviolation` on the document (its `effectiveDirective` is e.g. `connect-src`)
 * and the request fails like any unreachable server. A call that fails "on the network" checks here
 * whether the page's own policy blocked its Conferencing Node, so the person is told what really
 * happened (and the page's owner what to change) instead of "check the connection".
 */

/** A refusal of the page's policy: the directive and the origin it refused. */
export interface CspBlock {
  directive: string;
  origin: string;
}

/** Directives that govern connections to the node (fetch, EventSource). */
const CONNECTION_DIRECTIVES = new Set(['connect-src', 'default-src']);
/** Refusals older than this are not linked to a failure any more. */
const RECENT_MS = 60_000;

const recent: (CspBlock & { at: number })[] = [];
const listeners = new Set<(block: CspBlock) => void>();
let watching = false;

function originOf(url: string): string {
  try {
    return new URL(url, location.href).origin;
  } catch {
    return '';
  }
}

function onViolation(e: SecurityPolicyViolationEvent): void {
  const directive = e.effectiveDirective || e.violatedDirective;
  if (!CONNECTION_DIRECTIVES.has(directive)) return;
  const block = { directive, origin: originOf(e.blockedURI), at: performance.now() };
  recent.push(block);
  if (recent.length > 20) recent.shift();
  for (const listener of listeners) listener(block);
}

/** Starts listening for the page's policy refusals (once per page; cheap, passive). */
export function watchCsp(): void {
  if (watching || typeof document === 'undefined') return;
  watching = true;
  document.addEventListener('securitypolicyviolation', onViolation);
}

/** The recent refusal of a connection to `url`'s origin, if the page's policy made one. */
export function connectionBlock(url: string): CspBlock | undefined {
  const origin = originOf(url);
  const since = performance.now() - RECENT_MS;
  const hit = [...recent].reverse().find((b) => b.at >= since && b.origin === origin);
  return hit ? { directive: hit.directive, origin: hit.origin } : undefined;
}

/**
 * Calls `listener` for each later refusal of a connection (the event may come just after the failed
 * request). Returns the unsubscribe function.
 */
export function onConnectionBlocked(listener: (block: CspBlock) => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
