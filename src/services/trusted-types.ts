/**
 * The library's own Trusted Types policy, `pex-components`, for pages that enforce
 * `require-trusted-types-for 'script'`. The one script URL the library hands to a sink is pdf.js's
 * worker (`new Worker(url)`, see slides/pdf.ts); Lit's templates go through Lit's own `lit-html`
 * policy. So a strict page lists `trusted-types lit-html pex-components` and needs no `default`
 * policy.
 *
 * The policy is created once, lazily (the first time a PDF is opened), and only where
 * `trustedTypes` exists. A second copy of the library on the page reuses the first copy's policy
 * (shared through a global symbol), since creating the same name twice fails unless the page's CSP
 * says `'allow-duplicates'`. If the name is taken by something else, the plain URL is used (it still
 * works where the page has a `default` policy or does not enforce Trusted Types) and the console
 * says so once.
 */

/** The policy name a page's `trusted-types` directive must list. */
export const POLICY_NAME = 'pex-components';

interface ScriptUrlPolicy {
  createScriptURL(url: string): unknown;
}
interface PolicyFactory {
  createPolicy(name: string, rules: { createScriptURL(url: string): string }): ScriptUrlPolicy;
}

const SHARED = Symbol.for('pex-components.trusted-types-policy');
type Shared = { [SHARED]?: ScriptUrlPolicy };

/** undefined: not asked for yet; null: no policy (no Trusted Types, or the name was taken). */
let policy: ScriptUrlPolicy | null | undefined;

/**
 * The only URLs the policy turns into script URLs: http(s) and blob: (the same-origin wrapper for a
 * worker served from another origin). Anything else (`javascript:`, `data:`) is refused.
 */
function checkScriptUrl(url: string): string {
  const parsed = new URL(url, location.href);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:' && parsed.protocol !== 'blob:') {
    throw new TypeError(`${POLICY_NAME}: refusing the script URL scheme ${parsed.protocol}`);
  }
  return parsed.href;
}

function getPolicy(): ScriptUrlPolicy | null {
  if (policy !== undefined) return policy;
  const g = globalThis as typeof globalThis & Shared & { trustedTypes?: PolicyFactory };
  const tt = g.trustedTypes;
  if (!tt?.createPolicy) return (policy = null);
  const existing = g[SHARED];
  if (existing) {
    console.info(
      `${POLICY_NAME}: another copy of the library on this page already created the Trusted Types ` +
        `policy "${POLICY_NAME}"; this copy uses it too.`,
    );
    return (policy = existing);
  }
  try {
    policy = tt.createPolicy(POLICY_NAME, { createScriptURL: checkScriptUrl });
    Object.defineProperty(g, SHARED, { value: policy });
  } catch (e) {
    console.warn(
      `${POLICY_NAME}: could not create the Trusted Types policy "${POLICY_NAME}" (${String(e)}). ` +
        `Someone else on this page created one with that name; the PDF reader's worker URL is used ` +
        `as a plain string, which works only with a "default" policy or without ` +
        `require-trusted-types-for.`,
    );
    policy = null;
  }
  return policy;
}

/**
 * `url` as a TrustedScriptURL through the `pex-components` policy where the page has Trusted
 * Types, else the checked string. Typed as `string` for the DOM sinks that take either.
 */
export function trustedScriptUrl(url: string): string {
  const p = getPolicy();
  return (p ? p.createScriptURL(url) : checkScriptUrl(url)) as string;
}
