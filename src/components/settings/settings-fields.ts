import { msg, str } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import { languages } from '../../i18n/localization.js';
import { BANDWIDTH_MAX, BANDWIDTH_MIN } from '../../services/links.js';
import {
  DIAL_OUT_PROTOCOLS,
  LANGUAGE_AUTO,
  SCREENSHARE_FPS_STEPS,
  type DialOutProtocol,
  type Settings,
  type SettingsStore,
} from '../../services/settings.js';

/** Bandwidth choices offered (kbps), as in the Web App. */
const BANDWIDTHS = [256, 384, 512, 576, 768, 1024, 1264, 1464, 1864].filter(
  (b) => b >= BANDWIDTH_MIN && b <= BANDWIDTH_MAX,
);

/** Saves one setting (and shows its error, if any). */
export type Save = <K extends keyof Settings>(key: K, value: Settings[K]) => void;

/** The error of one field, when it has one (`<key>-error`, which the field names as its description). */
export type FieldError = (key: keyof Settings) => TemplateResult | typeof nothing;

function protocolName(p: DialOutProtocol): string {
  switch (p) {
    case 'auto':
      return msg('Automatic');
    case 'sip':
      return 'SIP';
    case 'h323':
      return 'H.323';
    case 'mssip':
      return msg('Lync / Skype for Business');
    case 'rtmp':
      return 'RTMP';
  }
}

function screenshare(s: Readonly<Settings>, save: Save): TemplateResult {
  const steps = SCREENSHARE_FPS_STEPS;
  const index = Math.max(
    0,
    steps.findIndex((f) => f >= s.screenshareFrameRate),
  );
  return html`<label
    >${msg('Screensharing quality')}
    <span class="range">
      <span aria-hidden="true">${msg('Sharper')}</span>
      <input
        type="range"
        name="screenshareFrameRate"
        min="0"
        max=${steps.length - 1}
        step="1"
        .value=${String(index)}
        aria-valuetext=${msg(str`${s.screenshareFrameRate} frames per second`)}
        @change=${(e: Event) =>
          save('screenshareFrameRate', steps[Number((e.target as HTMLInputElement).value)] ?? 5)}
      />
      <span aria-hidden="true">${msg('More motion')}</span>
    </span></label
  >`;
}

/**
 * The call and client settings of `<pex-settings>`: bandwidth, screensharing quality, language,
 * default domain and default dial-out protocol (each unless the administrator hides it).
 */
export function renderCallSettings(
  s: Readonly<Settings>,
  store: SettingsStore,
  save: Save,
  error: FieldError,
): TemplateResult {
  const hidden = (k: keyof Settings): boolean => store.isHidden(k);
  const value = (e: Event): string => (e.target as HTMLInputElement | HTMLSelectElement).value;
  return html`<section part="section" class="grid">
    ${
      hidden('bandwidth')
        ? nothing
        : html`<label
            >${msg('Bandwidth')}
            <select name="bandwidth" @change=${(e: Event) => save('bandwidth', Number(value(e)))}>
              ${BANDWIDTHS.map((b) => html`<option value=${b} ?selected=${b === s.bandwidth}>${b} kbps</option>`)}
              ${
                BANDWIDTHS.includes(s.bandwidth)
                  ? nothing
                  : html`<option value=${s.bandwidth} selected>${s.bandwidth} kbps</option>`
              }
            </select></label
          >`
    }
    ${hidden('screenshareFrameRate') ? nothing : screenshare(s, save)}
    ${
      hidden('language')
        ? nothing
        : html`<label
            >${msg('Language')}
            <select name="language" @change=${(e: Event) => save('language', value(e))}>
              <option value=${LANGUAGE_AUTO} ?selected=${s.language === LANGUAGE_AUTO}>
                ${msg('Same as the browser')}
              </option>
              ${languages.map(
                (l) =>
                  html`<option value=${l.code} lang=${l.code} ?selected=${s.language === l.code}>
                    ${l.name}
                  </option>`,
              )}
            </select></label
          >`
    }
    ${
      hidden('defaultDomain')
        ? nothing
        : html`<div class="field">
            <label
              >${msg('Default domain')}
              <input
                name="defaultDomain"
                placeholder="example.com"
                autocomplete="off"
                spellcheck="false"
                .value=${s.defaultDomain}
                aria-describedby="defaultDomain-error"
                @change=${(e: Event) => save('defaultDomain', value(e).trim())}
            /></label>
            ${error('defaultDomain')}
          </div>`
    }
    ${
      hidden('defaultDialOutProtocol')
        ? nothing
        : html`<label
            >${msg('Default protocol for adding participants')}
            <select
              name="defaultDialOutProtocol"
              @change=${(e: Event) => save('defaultDialOutProtocol', value(e) as DialOutProtocol)}
            >
              ${DIAL_OUT_PROTOCOLS.map(
                (p) =>
                  html`<option value=${p} ?selected=${s.defaultDialOutProtocol === p}>
                    ${protocolName(p)}
                  </option>`,
              )}
            </select></label
          >`
    }
  </section>`;
}
