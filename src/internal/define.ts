/**
 * Guarded custom-element registration: a portal page that loads two copies of the library (common in
 * CMSs) gets one warning instead of a "name already used" exception.
 */
const warned = new Set<string>();

export function defineElement(tag: string, ctor: CustomElementConstructor): void {
  const existing = customElements.get(tag);
  if (existing === undefined) {
    customElements.define(tag, ctor);
    return;
  }
  if (existing !== ctor && !warned.has(tag)) {
    warned.add(tag);
    console.warn(`<${tag}> is already defined by another copy of pex-components; keeping the first.`);
  }
}
