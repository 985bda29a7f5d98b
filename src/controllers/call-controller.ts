import { ContextConsumer } from '@lit/context';
import type { ReactiveController, ReactiveElement } from 'lit';
import { attachContextRoot } from '../internal/context-root.js';
import type { CallService } from '../services/call-service.js';
import { callServiceContext, settingsContext } from '../services/context.js';
import { attachPanel, type PanelKind } from '../services/panels.js';
import type { SettingsStore } from '../services/settings.js';

/** What a call provides: its service and its settings (in this order). */
type Provided = [CallService | undefined, SettingsStore | undefined];

const CONTEXTS = [callServiceContext, settingsContext] as const;

/**
 * Finds the CallService an element works with, and the settings that call uses: those of the
 * `<pex-call>` named by its `call` attribute (an id in the same document or shadow root), else of the
 * enclosing `<pex-call>` by context. The named element is asked for its context, not read: the
 * request does not bubble, so only an element that provides the call answers (`<pex-call>`, of this
 * copy of the library or another: the context keys are `Symbol.for` brands). An id that names
 * something else — `call="some-roster"` — is refused with a console warning, and the element shows
 * its empty state. Without a call, `service` is undefined.
 */
export class CallController implements ReactiveController {
  /** From the enclosing call (context), and from the call named by `call`. */
  readonly #context: Provided = [undefined, undefined];
  #named: Provided = [undefined, undefined];
  /** The element named by `call`, and how to stop following its answers. */
  #element: Element | undefined;
  #unsubscribe: (() => void)[] = [];
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
    CONTEXTS.forEach(
      (context, i) =>
        new ContextConsumer(host, {
          context: context as typeof callServiceContext,
          subscribe: true,
          callback: (value) => {
            this.#context[i] = value;
            this.#notify();
          },
        }),
    );
  }

  get service(): CallService | undefined {
    return (this.#callId ? this.#named : this.#context)[0];
  }

  /** The settings of the call followed, when it has any (else undefined: use the page's). */
  get settings(): SettingsStore | undefined {
    return (this.#callId ? this.#named : this.#context)[1];
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
    this.#stop();
    this.#element = undefined;
    this.#attach(undefined);
  }

  /** Keeps the panel registered with the service it follows, while connected. */
  #attach(service: CallService | undefined): void {
    if (!this.#panel || service === this.#attachedTo) return;
    this.#detach?.();
    this.#detach = service ? attachPanel(service, this.#panel) : undefined;
    this.#attachedTo = service;
  }

  #stop(): void {
    for (const off of this.#unsubscribe.splice(0)) off();
  }

  /** Follows what `el` provides (nothing when it provides no call). */
  #follow(el: Element | undefined): void {
    const [service, settings] = this.#named;
    if (el !== this.#element) {
      this.#stop();
      this.#element = el;
      this.#named = [undefined, undefined];
    }
    if (el && !this.#named[0]) {
      CONTEXTS.forEach((context, i) =>
        el.dispatchEvent(
          Object.assign(new Event('context-request'), {
            context,
            contextTarget: this.host,
            subscribe: true,
            callback: (value: never, unsubscribe?: () => void) => {
              if (unsubscribe) this.#unsubscribe.push(unsubscribe);
              this.#named[i] = value;
              this.#notify();
            },
          }),
        ),
      );
    }
    if (service !== this.#named[0] || settings !== this.#named[1]) this.#notify();
    // Named, there, upgraded if it is a <pex-call>, and it provides no call: say so (once).
    const id = this.#callId ?? '';
    if (
      el &&
      !this.#named[0] &&
      (el.localName !== 'pex-call' || el.matches(':defined')) &&
      this.#warned !== id
    ) {
      this.#warned = id;
      console.warn(`pex-components: <${this.host.localName} call="${id}">: #${id} is not a <pex-call>`);
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
    if (!this.#named[0]) void customElements.whenDefined('pex-call').then(find);
  }

  #notify(): void {
    if (this.host.isConnected) this.#attach(this.service);
    this.#onChange(this.service);
    this.host.requestUpdate();
  }
}
