/**
 * Renders a pex-* element from a story's args, so the controls panel drives the element the way a
 * page would: attribute args become attributes (booleans present or absent), `--pex-*` args become
 * custom properties on the element, slot args become slotted text, event args (`onPexJoin`, made
 * by Storybook from the manifest's events) become listeners, and other simple property args are
 * set as properties. Which is which comes from the argTypes that `setCustomElementsManifest` made
 * (`table.category`); without them (the story tests) a key is an attribute unless it names a
 * custom property or a listener.
 */
import { html, nothing, type TemplateResult } from 'lit';
import { ref } from 'lit/directives/ref.js';
import { html as staticHtml, unsafeStatic } from 'lit/static-html.js';

export type Args = Record<string, unknown>;

/** How the docs list the default (unnamed) slot; its arg is rendered as plain children. */
export const DEFAULT_SLOT = '(default)';
interface ArgType {
  table?: { category?: string };
  action?: { name?: string } | string;
}
export interface RenderContext {
  argTypes?: Record<string, ArgType>;
}

export interface ElementOptions {
  /** Properties set once, when the element is first rendered (stores, services). */
  props?: Record<string, unknown>;
  /** Inline style of the element itself (layout); custom-property args are added to it. */
  style?: string;
  /** Children (light DOM) besides the slot args. */
  content?: TemplateResult | typeof nothing;
  /** Called once with the element, after its first render (e.g. to start a script). */
  ready?: (el: HTMLElement) => void;
}

const listeners = new WeakMap<Element, Map<string, EventListener>>();
const initialised = new WeakSet<Element>();

const kebab = (s: string): string => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`).replace(/^-/, '');

function eventName(key: string, type: ArgType | undefined): string | undefined {
  const action = type?.action;
  if (typeof action === 'string') return action;
  if (action?.name) return action.name;
  return /^on[A-Z]/.test(key) ? kebab(key.slice(2)) : undefined;
}

/** The category of one arg: how it reaches the element. */
function kindOf(key: string, value: unknown, type: ArgType | undefined): string {
  if (key.startsWith('--')) return 'css';
  if (typeof value === 'function') return 'event';
  const category = type?.table?.category;
  if (category === 'slots') return 'slot';
  if (category === 'css custom properties') return 'css';
  if (category === 'properties') return 'property';
  return 'attribute';
}

function apply(
  el: HTMLElement,
  args: Args,
  context: RenderContext | undefined,
  options: ElementOptions,
): void {
  const argTypes = context?.argTypes ?? {};
  if (!initialised.has(el)) {
    initialised.add(el);
    Object.assign(el, options.props ?? {});
    if (options.ready) queueMicrotask(() => options.ready!(el));
  }
  const css: string[] = [options.style ?? ''];
  const on = listeners.get(el) ?? new Map<string, EventListener>();
  listeners.set(el, on);
  for (const [event, listener] of on) el.removeEventListener(event, listener);
  on.clear();
  for (const [key, value] of Object.entries(args)) {
    const type = argTypes[key];
    switch (kindOf(key, value, type)) {
      case 'css':
        if (value !== undefined && value !== '') css.push(`${key}: ${String(value)}`);
        break;
      case 'event': {
        const name = eventName(key, type);
        if (!name) break;
        const listener = value as EventListener;
        el.addEventListener(name, listener);
        on.set(name, listener);
        break;
      }
      case 'slot':
        break; // rendered as children
      case 'property':
        if (value === undefined || typeof value === 'object') break;
        (el as unknown as Record<string, unknown>)[key] = value;
        break;
      default:
        if (value === undefined || value === null || value === false || value === '') el.removeAttribute(key);
        else el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  const style = css.filter(Boolean).join('; ');
  if (style) el.setAttribute('style', style);
  else el.removeAttribute('style');
}

/** `<tag …args>` with its slot args and children. */
export function element(
  tag: string,
  args: Args = {},
  context?: RenderContext,
  options: ElementOptions = {},
): TemplateResult {
  const argTypes = context?.argTypes ?? {};
  const slots = Object.entries(args).filter(
    ([key, value]) => argTypes[key]?.table?.category === 'slots' && typeof value === 'string' && value,
  );
  const t = unsafeStatic(tag);
  const named = slots.filter(([name]) => name !== DEFAULT_SLOT);
  const text = slots.find(([name]) => name === DEFAULT_SLOT)?.[1];
  // A new callback each render: Lit calls it again, so changed args are applied.
  const applied = (el?: Element): void => {
    if (el) apply(el as HTMLElement, args, context, options);
  };
  return staticHtml`<${t} ${ref(applied)}>${named.map(
    ([name, value]) => html`<span slot=${name}>${value}</span>`,
  )}${text ? html`<p>${text}</p>` : nothing}${options.content ?? nothing}</${t}>`;
}
