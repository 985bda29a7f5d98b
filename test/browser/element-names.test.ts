/**
 * Attribute, property and method names that frameworks cannot confuse (issue 10, point 5). React 19
 * sets a prop on a custom element as a property when `name in element`, else as an attribute; Vue 3
 * does the same (`key in el`). So an attribute whose name, as written or in camelCase, is also a
 * method or another property of the element (its own or inherited from `HTMLElement.prototype`, such
 * as `hidden`, `title`, `click`) is not set as that attribute: `<pex-call join>` used to replace the
 * `join()` method and nothing joined. Likewise a reactive property must not shadow a built-in one.
 */
import { expect } from '@open-wc/testing';
import { LitElement, type PropertyDeclaration, type ReactiveElement } from 'lit';
import '../../src/index.js';

const TAGS = ['pex-call', 'pex-roster', 'pex-chat', 'pex-share', 'pex-settings', 'pex-dialpad'];

const camel = (attr: string): string => attr.replace(/-([a-z])/g, (_m, c: string) => c.toUpperCase());

/** What `name` is on `el`: a method, an accessor or a value, and where it comes from. */
function whatIs(el: Element, name: string): string {
  for (let o: object | null = el; o; o = Object.getPrototypeOf(o) as object | null) {
    const d = Object.getOwnPropertyDescriptor(o, name);
    if (!d) continue;
    const kind = typeof d.value === 'function' ? 'a method' : d.get ? 'an accessor' : 'a property';
    const owner =
      o === el ? 'the instance' : ((o as { constructor?: { name?: string } }).constructor?.name ?? '?');
    return `${kind} of ${owner}`;
  }
  return 'a member';
}

/** Every name clash of one element class (an empty list when a framework can set it safely). */
function clashes(ctor: typeof ReactiveElement, tag: string): string[] {
  const el = document.createElement(tag);
  const out: string[] = [];
  const props = ctor.elementProperties as Map<PropertyKey, PropertyDeclaration>;
  const mapped = new Set<string>();
  const check = (attr: string, prop: string | undefined): void => {
    for (const name of new Set([attr, camel(attr)])) {
      if (name === prop || !(name in el)) continue;
      out.push(
        `<${tag}> attribute "${attr}": "${name}" is ${whatIs(el, name)}` +
          (prop ? `, not the "${prop}" property it sets` : ''),
      );
    }
  };
  for (const [key, options] of props) {
    if (typeof key !== 'string') continue;
    if (key in HTMLElement.prototype)
      out.push(`<${tag}> property "${key}" shadows HTMLElement.prototype.${key}`);
    if (options.attribute === false) continue;
    const attr = typeof options.attribute === 'string' ? options.attribute : key.toLowerCase();
    mapped.add(attr);
    check(attr, key);
  }
  // Attributes observed outside the reactive properties, if any.
  for (const attr of ctor.observedAttributes) if (!mapped.has(attr)) check(attr, undefined);
  // Public methods and accessors of the element's own classes must not override built-ins either.
  for (let p = ctor.prototype as object; p !== LitElement.prototype; p = Object.getPrototypeOf(p) as object) {
    for (const name of Object.getOwnPropertyNames(p)) {
      if (name === 'constructor' || !(name in HTMLElement.prototype)) continue;
      out.push(`<${tag}> member "${name}" overrides HTMLElement.prototype.${name}`);
    }
  }
  return out;
}

describe('element names frameworks can set', () => {
  for (const tag of TAGS) {
    it(`<${tag}>: no attribute is also a method or another property, no property shadows HTMLElement`, () => {
      const ctor = customElements.get(tag) as typeof ReactiveElement | undefined;
      expect(ctor, `${tag} is registered`).to.exist;
      // The walk saw the element's attributes (every element has at least one).
      expect(ctor!.observedAttributes.length, `${tag} observes attributes`).to.be.greaterThan(0);
      expect(clashes(ctor!, tag)).to.deep.equal([]);
    });
  }

  it('<pex-call auto-join> is the attribute of autoJoin, and join() stays a method', () => {
    const call = document.createElement('pex-call');
    const observed = (customElements.get('pex-call') as typeof ReactiveElement | undefined)!
      .observedAttributes;
    expect(observed).to.include('auto-join');
    expect(observed).not.to.include('join');
    call.setAttribute('auto-join', '');
    expect(call.autoJoin).to.equal(true);
    expect(call.join).to.be.a('function');
  });

  it('finds the clashes it is there for (the old `join` attribute, `title`, a shadowed `hidden`)', () => {
    class Clashing extends LitElement {
      static override properties = {
        autoJoin: { type: Boolean, attribute: 'join' },
        heading: { attribute: 'title' },
        hidden: { type: Boolean },
        fine: { attribute: 'fine-name' },
      };
      declare autoJoin: boolean;
      declare heading: string;
      declare fine: string;
      join(): void {}
    }
    customElements.define('test-clashing-names', Clashing);
    const found = clashes(Clashing, 'test-clashing-names');
    expect(found.some((s) => s.includes('attribute "join": "join" is a method of Clashing'))).to.equal(
      true,
      found.join('\n'),
    );
    expect(found.some((s) => s.includes('attribute "title"'))).to.equal(true, found.join('\n'));
    expect(found.some((s) => s.includes('property "hidden" shadows'))).to.equal(true, found.join('\n'));
    expect(found.some((s) => s.includes('fine'))).to.equal(false, found.join('\n'));
  });
});
