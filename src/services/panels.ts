/**
 * Which `<pex-roster>` and `<pex-chat>` elements follow a call. Each registers with the call's
 * service while it is connected (inside `<pex-call>` by context, or elsewhere with `call="<id>"`), so
 * `<pex-call>` alone on a page knows to show waiting participants itself and to offer the roster and
 * chat behind toolbar buttons.
 *
 * @module
 */
import type { CallService } from './call-service.js';
import { Store, type ReadonlyStore } from './store.js';

/** A panel that can follow a call. */
export type PanelKind = 'roster' | 'chat';

/** How many panels of each kind follow a call. */
export type PanelCounts = Readonly<Record<PanelKind, number>>;

const registry = new WeakMap<CallService, Store<PanelCounts>>();

function storeOf(service: CallService): Store<PanelCounts> {
  let store = registry.get(service);
  if (!store) {
    store = new Store<PanelCounts>({ roster: 0, chat: 0 });
    registry.set(service, store);
  }
  return store;
}

/** The panels following `service` (a store: subscribe to hear when one comes or goes). */
export function panelsOf(service: CallService): ReadonlyStore<PanelCounts> {
  return storeOf(service);
}

/** Registers a panel of `kind` with `service`; the returned function unregisters it (once). */
export function attachPanel(service: CallService, kind: PanelKind): () => void {
  const store = storeOf(service);
  store.update((c) => ({ ...c, [kind]: c[kind] + 1 }));
  let attached = true;
  return () => {
    if (!attached) return;
    attached = false;
    store.update((c) => ({ ...c, [kind]: Math.max(0, c[kind] - 1) }));
  };
}
