import type { TemplateResult } from 'lit';
import { CallError } from '../../services/errors.js';
import type { PexCall } from './call.js';
import type { DeviceCheck, DeviceCheckPurpose } from './device-check.js';

/**
 * Where `<pex-call>` shows its device check (device-check.ts, loaded with `import()` the first time it
 * is needed): one check at a time, before joining with media or before adding media to a
 * control-only call; the element re-renders when it comes and goes.
 */
export class DeviceCheckSlot {
  readonly #el: PexCall;
  readonly #onLoadError: (message: string) => void;
  /** The device check, while shown. */
  #check: DeviceCheck | undefined;
  #loading: Promise<void> | undefined;

  constructor(el: PexCall, onLoadError: (message: string) => void) {
    this.#el = el;
    this.#onLoadError = onLoadError;
  }

  /** The check's code being loaded (the element's `updateComplete` waits for it). */
  get loading(): Promise<void> | undefined {
    return this.#loading;
  }

  /** What the shown check is for, if one is shown. */
  get purpose(): DeviceCheckPurpose | undefined {
    return this.#check?.purpose;
  }

  /** The check, while shown. */
  render(): TemplateResult | undefined {
    return this.#check?.render();
  }

  /** Closes the check (nothing stays open). */
  cancel(): void {
    this.#check?.cancel();
  }

  /** Shows the device check (loading it the first time); `onConfirm` gets the checked stream. */
  show(
    mode: 'video' | 'audio',
    purpose: DeviceCheckPurpose,
    onConfirm: (stream: MediaStream) => void,
  ): Promise<void> {
    this.#check?.cancel();
    const el = this.#el;
    const loading = import('./device-check.js').then(
      ({ DeviceCheck }) => {
        const check: DeviceCheck = new DeviceCheck({
          host: el,
          settings: el.settings,
          mode,
          purpose,
          onConfirm: (stream) => {
            if (this.#check === check) this.#check = undefined;
            onConfirm(stream);
            el.requestUpdate();
          },
          onCancel: () => {
            if (this.#check === check) this.#check = undefined;
            el.requestUpdate();
          },
          onError: (error) => el.service.report(error),
        });
        this.#check = check;
        el.requestUpdate();
      },
      (e: unknown) => {
        console.error('pex-call: could not load the device check', e);
        this.#onLoadError(new CallError('network', String(e)).message);
      },
    );
    this.#loading = loading;
    return loading;
  }
}
