import { msg } from '@lit/localize';
import { css, html, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { LazyBody, type BodyModule, type ElementBody } from '../../controllers/lazy-body.js';
import { StoreController } from '../../controllers/store-controller.js';
import { PexToggleEvent } from '../../events/events.js';
import type { PanelKind } from '../../services/panels.js';
import type { ConferenceState } from '../../services/types.js';
import { CallConsumer } from './call-consumer.js';

/**
 * The panel's frame, shared by `<pex-roster>` and `<pex-chat>` (each adds its own after these): the
 * panel, its header and collapse toggle, the body and the empty state.
 */
export const panelStyles = css`
  :host {
    min-width: 0;
    max-width: 100%;
    overflow: hidden;
    background: var(--_surface);
    border-radius: var(--_radius);
  }
  :host([hidden]) {
    display: none;
  }
  [hidden] {
    display: none !important;
  }
  .base,
  .body {
    display: flex;
    flex-direction: column;
    gap: 0.5rem;
    min-width: 0;
  }
  .base {
    padding: 0.6rem;
  }
  header {
    display: flex;
    align-items: center;
    gap: 0.5rem;
    min-width: 0;
  }
  h2 {
    margin: 0;
    font-size: 1rem;
    font-weight: 600;
  }
  .toggle {
    padding: 0.25rem 0.6rem;
    flex: none;
  }
  .empty {
    margin: 0.25rem 0;
    color: var(--_muted-text);
  }
`;

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

  /**
   * The panel's frame: the header (`title` in the heading, the collapse toggle labelled `show` or
   * `hide`), `between`, the body (`content`, hidden while collapsed) and `after`.
   */
  protected renderPanel(
    title: unknown,
    [show, hide]: [string, string],
    between: unknown,
    content: unknown,
    after: unknown = nothing,
  ): TemplateResult {
    return html`<section class="base" part="base" aria-labelledby="title">
      <header part="header">
        <h2 id="title">${title}</h2>
        <button
          type="button"
          class="toggle"
          part="toggle"
          aria-expanded=${this.collapsed ? 'false' : 'true'}
          aria-controls="body"
          @click=${this.toggleCollapsed}
        >
          ${this.collapsed ? show : hide}
        </button>
      </header>
      ${between}
      <div id="body" class="body" part="body" ?hidden=${this.collapsed}>${content}</div>
      ${after}
    </section>`;
  }

  /** The body's content before a call (and after one that left nothing to show). */
  protected renderEmpty(): TemplateResult {
    return html`<p class="empty" part="empty"><slot name="empty">${msg('Not in a call')}</slot></p>`;
  }

  /** Collapses or expands the panel and says so (`pex-toggle`). */
  protected toggleCollapsed(): void {
    this.collapsed = !this.collapsed;
    this.dispatchEvent(new PexToggleEvent(!this.collapsed));
  }
}
