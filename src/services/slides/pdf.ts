/**
 * pdf.js (pdfjs-dist 5.6.205), loaded only when a PDF is added: the API with a dynamic `import()`,
 * the parser in a module worker. A page that never shares a PDF downloads neither.
 *
 * The worker file is found next to the module that asks for it:
 * `new URL('./pdf.worker.min.mjs', import.meta.url)`. The drop-in build (rollup.config.mjs) copies it
 * next to the bundle in dist/pex (and next to this module in dist/lib); web-test-runner and Storybook
 * serve it from node_modules. Pages with other layouts call {@link setPdfWorkerSrc}.
 *
 * Under Trusted Types the worker URL goes through the library's own `pex-components` policy
 * (../trusted-types.ts). A worker on another origin is started from a `blob:` wrapper, which a page
 * with `worker-src 'self'` must allow (`worker-src 'self' blob:`).
 */
import type { PDFDocumentProxy, PDFWorker } from 'pdfjs-dist';
import { trustedScriptUrl } from '../trusted-types.js';

export type Pdfjs = typeof import('pdfjs-dist');

let workerSrc: string | undefined;
let loading: Promise<Pdfjs> | undefined;
let worker: PDFWorker | undefined;
let users = 0;
let idleTimer: ReturnType<typeof setTimeout> | undefined;
/** The worker outlives its last document this long (a PDF added soon after starts faster). */
const WORKER_IDLE_MS = 60_000;

/** Where pdf.js's worker script is served from (default: next to this module). */
export function setPdfWorkerSrc(url: string | URL): void {
  workerSrc = String(url);
  if (loading) void loading.then((lib) => (lib.GlobalWorkerOptions.workerSrc = String(url)));
}

export function pdfWorkerSrc(): string {
  return workerSrc ?? new URL('./pdf.worker.min.mjs', import.meta.url).href;
}

/** Whether the pdf.js API has been requested on this page (for tests and the benchmark). */
export function pdfjsRequested(): boolean {
  return loading !== undefined;
}

/** The pdf.js API (imported once per page). A failed import may be retried. */
export function loadPdfjs(): Promise<Pdfjs> {
  loading ??= import('pdfjs-dist').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = pdfWorkerSrc();
    return lib;
  });
  loading.catch(() => (loading = undefined));
  return loading;
}

/** The result of opening a PDF: its document, or why it could not be opened. */
export type Opened =
  { ok: true; doc: PDFDocumentProxy } | { ok: false; reason: 'password' | 'corrupt' | 'reader-unavailable' };

let port: Worker | undefined;
let portFailed: Promise<'failed'> | undefined;

/**
 * Starts the worker script downloading at once, in parallel with the API (pdf.js would only create
 * it once the API has loaded). A worker on another origin (the bundle on a CDN) is started through
 * a same-origin wrapper, as pdf.js itself does.
 */
function startWorker(): Worker {
  if (port) return port;
  let src = pdfWorkerSrc();
  if (new URL(src, location.href).origin !== location.origin) {
    src = URL.createObjectURL(
      new Blob([`await import(${JSON.stringify(src)});`], { type: 'text/javascript' }),
    );
  }
  const w = new Worker(trustedScriptUrl(src), { type: 'module' });
  port = w;
  portFailed = new Promise((resolve) => w.addEventListener('error', () => resolve('failed'), { once: true }));
  return w;
}

function stopWorker(): void {
  worker?.destroy();
  worker = undefined;
  port?.terminate();
  port = undefined;
  portFailed = undefined;
}

/**
 * Opens a PDF from its bytes (never from a URL: files stay on the device) in the one worker the page
 * shares between documents. Call {@link closePdf} with the document when done.
 */
export async function openPdf(data: Uint8Array): Promise<Opened> {
  let lib: Pdfjs;
  try {
    startWorker(); // throws when the page's policies refuse the worker
    lib = await loadPdfjs();
  } catch {
    return { ok: false, reason: 'reader-unavailable' };
  }
  users++;
  clearTimeout(idleTimer);
  const p = startWorker();
  // pdf.js types `port` loosely; it takes a Worker.
  worker ??= new lib.PDFWorker({ port: p as unknown as null });
  const task = lib.getDocument({
    data,
    worker,
    // Safe defaults for untrusted files: no eval'd font programs, no scripting, nothing fetched.
    isEvalSupported: false,
    enableXfa: false,
    disableAutoFetch: true,
    disableStream: true,
    stopAtErrors: false,
  });
  // Without an onPassword callback a password-protected PDF rejects with a PasswordException.
  try {
    const result = await Promise.race([task.promise, portFailed ?? new Promise<never>(() => {})]);
    if (result === 'failed') {
      // The worker script did not load (wrong URL, blocked): the reader is unavailable, retry later.
      void task.destroy();
      users = Math.max(0, users - 1);
      stopWorker();
      return { ok: false, reason: 'reader-unavailable' };
    }
    return { ok: true, doc: result };
  } catch (e) {
    release();
    const name = (e as { name?: string })?.name ?? '';
    if (name === 'PasswordException') return { ok: false, reason: 'password' };
    if (/worker/i.test(String((e as Error)?.message ?? '')))
      return { ok: false, reason: 'reader-unavailable' };
    return { ok: false, reason: 'corrupt' };
  }
}

function release(): void {
  users = Math.max(0, users - 1);
  if (users > 0 || !worker) return;
  clearTimeout(idleTimer);
  idleTimer = setTimeout(() => {
    if (users === 0) stopWorker();
  }, WORKER_IDLE_MS);
}

/** Closes a document opened by {@link openPdf}; the worker ends a minute after the last one. */
export async function closePdf(doc: PDFDocumentProxy): Promise<void> {
  try {
    await doc.destroy();
  } finally {
    release();
  }
}
