import type { PropertyValues } from 'lit';
import { LazyBody, type BodyModule, type ElementBody } from '../../controllers/lazy-body.js';
import { StoreController } from '../../controllers/store-controller.js';
import { PexToggleEvent } from '../../events/events.js';
import type { PanelKind } from '../../services/panels.js';
import type { ConferenceState } from '../../services/types.js';
import { CallConsumer } from './call-consumer.js';

/**
 * What `<pex-roster>` and `<pex-chat>` stand on: a `CallConsumer` (the call followed, its settings,
 * the language, `run()`) with the call's conference state, a panel that collapses to its title bar,
 * and the element's in-call half (its body), loaded with `import()` when there is a call to show.
 * Declared without decorators, and with TypeScript-private rather than `#` members: the build lowers
 * both to helpers that would be a good part of what a page downloads before joining.
 */
export abstract class CallPanel<B extends ElementBody> extends CallConsumer {
  static override properties = {
    collapsed: { type: Boolean, reflect: true },
  };

  /** The panel is collapsed to its title bar. */
  collapsed = false;

  protected readonly conferenceStore = new StoreController<ConferenceState>(this);
  /** The in-call half, loaded when there is a call to show. */
  protected readonly lazyBody: LazyBody<CallPanel<B>, B>;

  constructor(panel: PanelKind, load: () => Promise<BodyModule<CallPanel<B>, B>>) {
    super(panel);
    this.lazyBody = new LazyBody<CallPanel<B>, B>(this, load);
  }

  protected override bind(): void {
    super.bind();
    this.conferenceStore.store = this.callService?.conference;
  }

  /** Whether a call has begun (or left something to show); the body loads then. */
  protected abstract started(): boolean;

  protected override willUpdate(changed: PropertyValues<this>): void {
    super.willUpdate(changed);
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
