import type { PropertyValues } from 'lit';
import { parseHiddenAttribute } from '../../services/settings.js';
import type { PexCall } from './call.js';

/** What `<pex-call>` shows when its configuration is refused: a malformed link, refused settings. */
export type ConfigNotices = (shown: { linkError: string } | { notice: string }) => void;

/**
 * What configures `<pex-call>` from outside its join form: a preconfigured link (`link`, or the
 * page's own URL with `use-page-link`) and the administrator's settings (`admin-config`,
 * `hidden-settings`). The link parser and the administrator file's loader are loaded on first use.
 */
export class CallConfig {
  readonly #el: PexCall;
  readonly #notices: ConfigNotices;
  #appliedLink = '';
  /** The link being applied, if any (joining and `updateComplete` wait for it). */
  linkApplied: Promise<void> | undefined;
  /** `escalate=1` from a link: offer camera and microphone as soon as the control-only call is up. */
  escalateOnJoin = false;

  constructor(el: PexCall, notices: ConfigNotices) {
    this.#el = el;
    this.#notices = notices;
  }

  /** Before the element renders: applies what changed. */
  willUpdate(changed: PropertyValues): void {
    const el = this.#el;
    if (changed.has('usePageLink') && el.usePageLink && !this.#appliedLink) {
      const query = location.search;
      // Only a page URL that carries link parameters is a link; plain pages are left alone.
      if (
        /[?&](conference|name|join|pin|role|media|audioonly|escalate|extension|forceguest|bw)=/i.test(query)
      ) {
        this.linkApplied = this.#applyLink(query, true);
      }
    }
    if (changed.has('link') && el.link && el.link !== this.#appliedLink)
      this.linkApplied = this.#applyLink(el.link, false);
    if ((changed.has('hiddenSettings') || changed.has('settings')) && el.hiddenSettings) {
      const hidden = parseHiddenAttribute(el.hiddenSettings);
      if (hidden.ok) el.settings.setAdminConfig({ hidden: hidden.value });
      else this.#notices({ notice: hidden.error.message });
    }
    if (changed.has('adminConfig') && el.adminConfig) void this.#loadAdminConfig(el.adminConfig);
  }

  async #loadAdminConfig(url: string): Promise<void> {
    let result: Awaited<ReturnType<typeof import('../../services/admin-config.js').loadAdminConfig>>;
    try {
      const { loadAdminConfig } = await import('../../services/admin-config.js');
      result = await loadAdminConfig(url);
    } catch (e) {
      console.error('pex-call: could not load the administrator configuration', e);
      return;
    }
    if (!result.ok) {
      this.#notices({ notice: result.error.message });
      return;
    }
    const applied = this.#el.settings.setAdminConfig(result.value);
    if (!applied.ok) this.#notices({ notice: applied.error.message });
  }

  /**
   * Fills the form from a preconfigured link (and joins when the link says so). The link parser is
   * loaded on first use; `updateComplete` waits for it.
   */
  async #applyLink(input: string, fromPage: boolean): Promise<void> {
    this.#appliedLink = input;
    let parseLink: typeof import('../../services/links.js').parseLink;
    try {
      ({ parseLink } = await import('../../services/links.js'));
    } catch (e) {
      this.#appliedLink = '';
      console.error('pex-call: could not load the link parser', e);
      return;
    }
    // A newer link was set while the parser loaded: that one wins.
    if (input !== this.#appliedLink) return;
    const parsed = parseLink(input);
    if (!parsed.ok) {
      this.#notices({ linkError: parsed.error.message });
      return;
    }
    const l = parsed.value;
    const el = this.#el;
    this.#notices({ linkError: '' });
    // A link read from the embedding page's own URL names the page, not a Conferencing Node.
    if (l.node && !fromPage) el.node = l.node;
    if (l.alias) el.conference = l.alias;
    if (l.displayName) el.name = l.displayName;
    if (l.bandwidth) el.bandwidth = l.bandwidth;
    if (l.access.kind === 'pin') el.pin = l.access.pin;
    if (l.access.kind === 'guest') el.pin = 'none';
    if (l.extension) el.extension = l.extension;
    if (l.forceGuest) el.forceGuest = true;
    el.media = el.settings.mediaForLink(l.alias, l.media, el.media);
    this.escalateOnJoin = l.escalate;
    if (l.autoJoin) el.autoJoin = true;
  }
}
