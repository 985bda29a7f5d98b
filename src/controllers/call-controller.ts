import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { attachContextRoot } from '../internal/context-root.js';
import type { CallService } from '../services/call-service.js';
import { callServiceContext } from '../services/context.js';
import { attachPanel, type PanelKind } from '../services/panels.js';

/** An element that provides a CallService (i.e. `<pex-call>`). */
export interface CallProvider extends HTMLElement {
  readonly service: CallService;
}

const isProvider = (el: Element | null): el is CallProvider =>
  el !== null && (el as Partial<CallProvider>).service !== undefined;

/**
 * Finds the CallService an element works with: the one named by its `call` attribute (the id of a
 * `<pex-call>` in the same document or shadow root), else the enclosing `<pex-call>` by context.
 * Without either, `service` is undefined and the element shows its empty state.
 */
export class CallController implements ReactiveController {
  #fromContext: CallService | undefined;
  #fromId: CallService | undefined;
  #element: CallProvider | undefined;
  #callId: string | null = null;
  #observer: MutationObserver | undefined;
  readonly #onChange: (service: CallService | undefined) => void;
  readonly #panel: PanelKind | undefined;
  #detach: (() => void) | undefined;
  #attachedTo: CallService | undefined;

  /**
   * @param panel - Registers the host as this kind of panel with the call it follows (see
   *   `services/panels.ts`), so `<pex-call>` knows it need not show its own.
   */
  constructor(
    private readonly host: ReactiveElement,
    onChange: (service: CallService | undefined) => void,
    panel?: PanelKind,
  ) {
    this.#onChange = onChange;
    this.#panel = panel;
    host.addController(this);
    // Before the first request: a <pex-call> that upgrades later still answers (see context-root.ts).
    attachContextRoot();
    new ContextConsumer(host, {
      context: callServiceContext,
      subscribe: true,
      callback: (service) => {
        this.#fromContext = service;
        this.#notify();
      },
    });
  }

  get service(): CallService | undefined {
    return this.#callId ? this.#fromId : this.#fromContext;
  }

  /** The `<pex-call>` named by the `call` attribute, when there is one. */
  get element(): CallProvider | undefined {
    return this.#callId ? this.#element : undefined;
  }

  /** Follows the `call` attribute (an element id); null uses the context. */
  set callId(id: string | null) {
    if (id === this.#callId) return;
    this.#callId = id;
    if (this.host.isConnected) this.#resolve();
  }

  hostConnected(): void {
    this.#resolve();
  }

  hostDisconnected(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    this.#attach(undefined);
  }

  /** Keeps the panel registered with the service it follows, while connected. */
  #attach(service: CallService | undefined): void {
    if (!this.#panel || service === this.#attachedTo) return;
    this.#detach?.();
    this.#detach = service ? attachPanel(service, this.#panel) : undefined;
    this.#attachedTo = service;
  }

  #resolve(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    if (!this.#callId) {
      this.#fromId = undefined;
      this.#notify();
      return;
    }
    const root = this.host.getRootNode() as Document | ShadowRoot;
    const find = (): void => {
      const el = root.getElementById?.(this.#callId ?? '') ?? null;
      const service = isProvider(el) ? el.service : undefined;
      this.#element = isProvider(el) ? el : undefined;
      if (service !== this.#fromId) {
        this.#fromId = service;
        this.#notify();
      }
    };
    find();
    // The named <pex-call> may appear, be upgraded or go away later: watch the tree while connected.
    const target = root instanceof Document ? root.documentElement : root;
    this.#observer = new MutationObserver(find);
    this.#observer.observe(target, {
      childList: true,
      subtree: true,
      attributes: true,
      attributeFilter: ['id'],
    });
    if (!this.#fromId) void customElements.whenDefined('pex-call').then(find);
  }

  #notify(): void {
    if (this.host.isConnected) this.#attach(this.service);
    this.#onChange(this.service);
    this.host.requestUpdate();
  }
}
