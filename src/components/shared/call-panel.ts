import { updateWhenLocaleChanges } from '@lit/localize';
import { LitElement, type PropertyValues } from 'lit';
import { CallController } from '../../controllers/call-controller.js';
import { LazyBody, type BodyModule, type ElementBody } from '../../controllers/lazy-body.js';
import { StoreController } from '../../controllers/store-controller.js';
import { PexToggleEvent } from '../../events/events.js';
import type { CallService } from '../../services/call-service.js';
import type { PanelKind } from '../../services/panels.js';
import type { ConferenceState } from '../../services/types.js';

/**
 * What `<pex-roster>` and `<pex-chat>` stand on: the call they follow (the `service` property, else
 * `call="<id of a pex-call>"`, else the enclosing `<pex-call>`), the call's conference state, a
 * panel that collapses to its title bar, and the element's in-call half (its body), loaded with
 * `import()` when there is a call to show. Declared without decorators, and with TypeScript-private
 * rather than `#` members: the build lowers both to helpers that would be a good part of what a page
 * downloads before joining.
 */
export abstract class CallPanel<B extends ElementBody> extends LitElement {
  static override properties = {
    call: {},
    service: { attribute: false },
    collapsed: { type: Boolean, reflect: true },
  };

  /** The id of the `<pex-call>` to follow (when the element is not inside it). */
  call = '';
  /** A call service to show directly (stories, custom pages); wins over `call` and the context. */
  service: CallService | undefined;
  /** The panel is collapsed to its title bar. */
  collapsed = false;

  protected readonly conferenceStore = new StoreController<ConferenceState>(this);
  protected readonly callLink: CallController;
  /** The in-call half, loaded when there is a call to show. */
  protected readonly lazyBody: LazyBody<CallPanel<B>, B>;

  constructor(panel: PanelKind, load: () => Promise<BodyModule<CallPanel<B>, B>>) {
    super();
    this.callLink = new CallController(this, () => this.bind(), panel);
    this.lazyBody = new LazyBody<CallPanel<B>, B>(this, load);
    updateWhenLocaleChanges(this);
  }

  /** The call service in use: the `service` property, else `call="…"`, else the enclosing call. */
  get callService(): CallService | undefined {
    return this.service ?? this.callLink.service;
  }

  /** Follows the call service's stores (subclasses add theirs). */
  protected bind(): void {
    this.conferenceStore.store = this.callService?.conference;
  }

  /** Whether a call has begun (or left something to show); the body loads then. */
  protected abstract started(): boolean;

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('call')) this.callLink.callId = this.call || null;
    if (changed.has('service')) this.bind();
    if (this.callService && this.started()) void this.lazyBody.want();
  }

  /** Whether the call's phase is one of a call under way (joining, waiting, in the call). */
  protected callUnderWay(): boolean {
    const phase = this.conferenceStore.value?.phase ?? 'idle';
    return phase !== 'idle' && phase !== 'ended';
  }

  /** Collapses or expands the panel and says so (`pex-toggle`). */
  protected toggleCollapsed(): void {
    this.collapsed = !this.collapsed;
    this.dispatchEvent(new PexToggleEvent(!this.collapsed));
  }
}
