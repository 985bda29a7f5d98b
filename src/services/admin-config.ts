/**
 * Downloading an administrator configuration (`admin-config="/pex-config.json"` on `<pex-call>`):
 * loaded only by pages that name one.
 */
import { parseAdminConfig, SettingsError, type AdminConfig, type SettingsResult } from './settings.js';

const failResult = <T>(code: SettingsError['code'], detail?: string): SettingsResult<T> => ({
  ok: false,
  error: new SettingsError(code, undefined, detail),
});

/** Options for {@link loadAdminConfig}. */
export interface LoadAdminConfigOptions {
  /** Cancels the download; the result is then an `aborted` error. */
  readonly signal?: AbortSignal;
  /** The `fetch` to use (default: the global one). */
  readonly fetch?: typeof fetch;
}

/**
 * Downloads and validates an administrator configuration (see {@link AdminConfig} for the JSON shape).
 * Never throws or rejects: a network failure, a non-2xx status, a body that is not JSON or a bad
 * configuration each resolve to a typed error. Sent with same-origin credentials only.
 */
export async function loadAdminConfig(
  url: string | URL,
  options: LoadAdminConfigOptions = {},
): Promise<SettingsResult<AdminConfig>> {
  const doFetch = options.fetch ?? globalThis.fetch;
  let text: string;
  try {
    const response = await doFetch(url, {
      signal: options.signal,
      credentials: 'same-origin',
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) return failResult('http-error', String(response.status));
    text = await response.text();
  } catch (e) {
    if (options.signal?.aborted || (e as { name?: unknown })?.name === 'AbortError')
      return failResult('aborted');
    return failResult('network-error');
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return failResult('invalid-json');
  }
  return parseAdminConfig(json);
}
