import { ContextConsumer, type ContextCallback } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { attachContextRoot } from '../internal/context-root.js';
import type { CallService } from '../services/call-service.js';
import { callServiceContext, settingsContext } from '../services/context.js';
import { attachPanel, type PanelKind } from '../services/panels.js';
import type { SettingsStore } from '../services/settings.js';

type Unsubscribe = () => void;

/**
 * Asks `el` itself — not its ancestors: the request does not bubble — for a context value. Only an
 * element that provides that context answers (`<pex-call>`, of this copy of the library or another:
 * the context keys are `Symbol.for` brands), so an id that names anything else gives nothing.
 */
function ask(el: Element, context: unknown, target: Element, callback: ContextCallback<never>): void {
  el.dispatchEvent(
    Object.assign(new Event('context-request'), {
      context,
      contextTarget: target,
      callback,
      subscribe: true,
    }),
  );
}

/**
 * Finds the CallService an element works with, and the settings that call uses: those of the
 * `<pex-call>` named by its `call` attribute (an id in the same document or shadow root), else of the
 * enclosing `<pex-call>` by context. The named element must provide the call (it is asked for its
 * context, not read): an id that names something else — `call="some-roster"` — is refused with a
 * console warning, and the element shows its empty state. Without a call, `service` is undefined.
 */
export class CallController implements ReactiveController {
  #fromContext: CallService | undefined;
  #contextSettings: SettingsStore | undefined;
  #fromId: CallService | undefined;
  #idSettings: SettingsStore | undefined;
  /** The element named by `call`, and how to stop following its answers. */
  #named: Element | undefined;
  #unsubscribe: Unsubscribe[] = [];
  #warned = '';
  #callId: string | null = null;
  #observer: MutationObserver | undefined;
  readonly #onChange: (service: CallService | undefined) => void;
  readonly #panel: PanelKind | undefined;
  #detach: (() => void) | undefined;
  #attachedTo: CallService | undefined;

  /**
   * @param onChange - Called when the service or the settings change.
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
    new ContextConsumer(host, {
      context: settingsContext,
      subscribe: true,
      callback: (settings) => {
        this.#contextSettings = settings;
        this.#notify();
      },
    });
  }

  get service(): CallService | undefined {
    return this.#callId ? this.#fromId : this.#fromContext;
  }

  /** The settings of the call followed, when it has any (else undefined: use the page's). */
  get settings(): SettingsStore | undefined {
    return this.#callId ? this.#idSettings : this.#contextSettings;
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
    // Stop listening to the named call, but keep what it gave (a moved element finds it again).
    for (const off of this.#unsubscribe.splice(0)) off();
    this.#named = undefined;
    this.#attach(undefined);
  }

  /** Keeps the panel registered with the service it follows, while connected. */
  #attach(service: CallService | undefined): void {
    if (!this.#panel || service === this.#attachedTo) return;
    this.#detach?.();
    this.#detach = service ? attachPanel(service, this.#panel) : undefined;
    this.#attachedTo = service;
  }

  readonly #onService: ContextCallback<CallService | undefined> = (service, unsubscribe) => {
    if (unsubscribe) this.#unsubscribe.push(unsubscribe);
    if (service === this.#fromId) return;
    this.#fromId = service;
    this.#notify();
  };

  readonly #onSettings: ContextCallback<SettingsStore | undefined> = (settings, unsubscribe) => {
    if (unsubscribe) this.#unsubscribe.push(unsubscribe);
    if (settings === this.#idSettings) return;
    this.#idSettings = settings;
    this.#notify();
  };

  /** Follows what `el` provides (nothing when it provides no call). */
  #follow(el: Element | undefined): void {
    const service = this.#fromId;
    const settings = this.#idSettings;
    if (el !== this.#named) {
      for (const off of this.#unsubscribe.splice(0)) off();
      this.#named = el;
      this.#fromId = this.#idSettings = undefined;
    }
    if (el && !this.#fromId) {
      ask(el, callServiceContext, this.host, this.#onService as ContextCallback<never>);
      ask(el, settingsContext, this.host, this.#onSettings as ContextCallback<never>);
    }
    if (service !== this.#fromId || settings !== this.#idSettings) this.#notify();
    // Named, there, upgraded if it is a <pex-call>, and it provides no call: say so (once).
    const id = this.#callId ?? '';
    if (
      el &&
      !this.#fromId &&
      (el.localName !== 'pex-call' || el.matches(':defined')) &&
      this.#warned !== id
    ) {
      this.#warned = id;
      console.warn(
        `pex-components: <${this.host.localName} call="${id}">: #${id} is a <${el.localName}>, not a <pex-call>; no call to follow.`,
      );
    }
  }

  #resolve(): void {
    this.#observer?.disconnect();
    this.#observer = undefined;
    const id = this.#callId;
    const root = this.host.getRootNode() as Document | ShadowRoot;
    const find = (): void => this.#follow((id && root.getElementById?.(id)) || undefined);
    find();
    this.#notify();
    if (!id) return;
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
