import { msg } from '@lit/localize';
import { html, type TemplateResult } from 'lit';
import { DEFAULT_DEVICE_ID, resolveDevice } from '../../services/settings.js';

/** The device settings a select edits. */
export type DeviceKey = 'cameraId' | 'microphoneId' | 'speakerId';

/**
 * A labelled `<select name=key>` of devices (of `<pex-settings>` and the device check of
 * `<pex-call>`): "Default" first, then `list`; a saved device that has gone shows (and is used) as
 * "Default". Devices without a label (no permission yet) are numbered.
 */
export function deviceSelect(
  key: DeviceKey,
  label: string,
  list: readonly MediaDeviceInfo[],
  saved: string,
  onChoose: (deviceId: string) => void,
  disabled = false,
): TemplateResult {
  const current = resolveDevice(saved, list);
  return html`<label
    >${label}
    <select
      name=${key}
      ?disabled=${disabled}
      @change=${(e: Event) => onChoose((e.target as HTMLSelectElement).value)}
    >
      <option value=${DEFAULT_DEVICE_ID} ?selected=${current === DEFAULT_DEVICE_ID}>${msg('Default')}</option>
      ${list.map(
        (d, i) =>
          html`<option value=${d.deviceId} ?selected=${current === d.deviceId}>
            ${d.label || `${label} ${i + 1}`}
          </option>`,
      )}
    </select></label
  >`;
}
