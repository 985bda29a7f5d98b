/**
 * Logging of Pexip's SDK. Its packages (`@pexip/infinity`, `@pexip/peer-connection`,
 * `@pexip/signal`) each have their own logger, which by default writes every request, event and
 * SDP to the console at info/debug level. The call adapter routes all of them through
 * {@link createSdkLogger}: by default only the messages of warnings and errors reach the console,
 * without their data, with tokens and anything SDP-like removed.
 *
 * For support, verbose logging is turned on with `setLogLevel('debug')` (exported from the package
 * entry) or, without code, with `localStorage['pex-components:log'] = 'debug'` before the call starts.
 * Tokens are still redacted then; SDP and media details are printed.
 */

export type LogLevel = 'silent' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

const RANK: Record<LogLevel, number> = { trace: 10, debug: 20, info: 30, warn: 40, error: 50, silent: 99 };
const DEFAULT_LEVEL: LogLevel = 'warn';
/** The `localStorage` key read when a call starts (unless {@link setLogLevel} was called). */
export const LOG_LEVEL_KEY = 'pex-components:log';
const PREFIX = 'pex-components (SDK):';

let explicit: LogLevel | undefined;

function isLevel(v: unknown): v is LogLevel {
  return typeof v === 'string' && v in RANK;
}

/**
 * Sets how much of Pexip's SDK is logged to the console: `'warn'` (the default: warnings and errors,
 * message only), `'error'`, `'silent'`, or `'info'` / `'debug'` / `'trace'` for support (with the
 * SDK's data, tokens redacted). `undefined` goes back to the `localStorage` switch / default.
 */
export function setLogLevel(level: LogLevel | undefined): void {
  if (level !== undefined && !isLevel(level)) throw new TypeError(`Unknown log level: ${String(level)}`);
  explicit = level;
}

/** The level in force: {@link setLogLevel}'s, else `localStorage['pex-components:log']`, else `warn`. */
export function getLogLevel(): LogLevel {
  if (explicit) return explicit;
  try {
    const stored = globalThis.localStorage?.getItem(LOG_LEVEL_KEY)?.trim().toLowerCase();
    if (isLevel(stored)) return stored;
  } catch {
    // Storage blocked (sandboxed frame, privacy settings): the default.
  }
  return DEFAULT_LEVEL;
}

/** Text that looks like SDP or ICE (never printed outside verbose logging). */
const SDP_LIKE =
  /(^|[\s"'\\n])(v=0|a=candidate|a=ice-(ufrag|pwd)|a=fingerprint|m=(audio|video|application) )/;

/** Warnings of the SDK that are logged at debug level instead. */
const BENIGN_WARNING = /without any observer/;

/** The SDK's logger interface (pino-like: `(meta, message)`). */
export interface SdkLogger {
  trace(meta: unknown, message?: string): void;
  debug(meta: unknown, message?: string): void;
  info(meta: unknown, message?: string): void;
  warn(meta: unknown, message?: string): void;
  error(meta: unknown, message?: string): void;
  fatal(meta: unknown, message?: string): void;
  silent(meta?: unknown, message?: string): void;
  addRedactPattern(pattern: string): void;
  redact(text: string): string;
}

function serialise(meta: unknown): string {
  const seen = new WeakSet<object>();
  try {
    return JSON.stringify(meta, (_key, value: unknown) => {
      if (value instanceof Error) return { name: value.name, message: value.message };
      if (typeof value === 'function') return undefined;
      if (typeof value === 'object' && value !== null) {
        if (seen.has(value)) return '[circular]';
        seen.add(value);
        // DOM and media objects: their name, not their (huge or live) contents.
        const name = value.constructor?.name;
        if (name && name !== 'Object' && name !== 'Array' && !(value instanceof Error)) {
          if (/^(RTC|Media|HTML|Event|Window|Document)/.test(name)) return `[${name}]`;
        }
      }
      return value;
    });
  } catch {
    return '';
  }
}

/**
 * A logger for the SDK's packages. `secrets()` returns values to redact besides the patterns the SDK
 * registers itself (it registers every token it sends), e.g. the adapter's current token.
 */
export function createSdkLogger(secrets: () => readonly (string | undefined)[] = () => []): SdkLogger {
  const patterns = new Set<string>();
  const redact = (text: string): string => {
    let out = text;
    for (const p of [...patterns, ...secrets()]) {
      if (p && p.length >= 8) out = out.split(p).join('[redacted]');
    }
    return out;
  };
  const write = (asked: Exclude<LogLevel, 'silent'>, meta: unknown, message?: string): void => {
    // @pexip/signal warns whenever a signal fires that nobody observes (harmless: we observe only
    // what we use); that is debugging detail, not a warning for the page's console.
    const level = asked === 'warn' && BENIGN_WARNING.test(message ?? '') ? 'debug' : asked;
    const threshold = getLogLevel();
    if (RANK[level] < RANK[threshold]) return;
    const verbose = RANK[threshold] < RANK.warn;
    const text = redact(typeof message === 'string' ? message : '');
    const method =
      level === 'error'
        ? console.error
        : level === 'warn'
          ? console.warn
          : level === 'info'
            ? console.info
            : console.debug;
    if (verbose) {
      const data = meta === undefined ? '' : redact(serialise(meta));
      method(`${PREFIX} ${text}`, ...(data ? [data] : []));
      return;
    }
    // Quiet: the message alone, and not even that when it carries SDP.
    if (!text || SDP_LIKE.test(text)) return;
    method(`${PREFIX} ${text}`);
  };
  return Object.freeze({
    trace: (meta: unknown, message?: string) => write('trace', meta, message),
    debug: (meta: unknown, message?: string) => write('debug', meta, message),
    info: (meta: unknown, message?: string) => write('info', meta, message),
    warn: (meta: unknown, message?: string) => write('warn', meta, message),
    error: (meta: unknown, message?: string) => write('error', meta, message),
    fatal: (meta: unknown, message?: string) => write('error', meta, message),
    silent: () => {},
    addRedactPattern: (pattern: string) => {
      if (typeof pattern === 'string' && pattern) patterns.add(pattern);
    },
    redact,
  });
}
