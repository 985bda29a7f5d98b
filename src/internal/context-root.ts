import { ContextRoot } from '@lit/context';

const KEY = Symbol.for('pex-components.context-root');

/**
 * Lets context consumers (`<pex-roster>`, `<pex-chat>`, `<pex-share>`, `<pex-settings>`) find a
 * `<pex-call>` that upgrades after them: its code arriving later (a lazily loaded chunk) or coming
 * from a second copy of the library. A `ContextRoot` on the document keeps their unanswered requests
 * and replays them when a provider appears. One root per page, shared by every copy of the library
 * (contexts are keyed with `Symbol.for`, so copies understand each other).
 */
export function attachContextRoot(): void {
  const holder = globalThis as { [KEY]?: ContextRoot };
  if (holder[KEY] || typeof document === 'undefined') return;
  const root = new ContextRoot();
  root.attach(document.documentElement);
  holder[KEY] = root;
}
