/** Small HTTP helpers: the Pexip JSON envelope, bounded body reading, input checks. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { ApiError } from './errors.js';

export const MAX_BODY_BYTES = 256 * 1024;

/** Writes `{"status", "result"}` with `Content-Type` exactly `application/json` (the SDK insists). */
export function sendJson(
  res: ServerResponse,
  status: number,
  result: unknown,
  envelopeStatus: 'success' | 'failed' = status < 300 ? 'success' : 'failed',
): void {
  const body = JSON.stringify({ status: envelopeStatus, result });
  res.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

export function sendError(res: ServerResponse, e: ApiError): void {
  sendJson(res, e.status, e.result ?? e.message, e.envelopeStatus);
}

/** Reads a JSON body (empty body → `undefined`); 413 past {@link MAX_BODY_BYTES}, 400 if not JSON. */
export async function readJson(req: IncomingMessage): Promise<unknown> {
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > MAX_BODY_BYTES) {
    req.resume();
    throw new ApiError(413, 'Request body too large');
  }
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) throw new ApiError(413, 'Request body too large');
      chunks.push(chunk);
    }
  } catch (e) {
    // A broken upload (bad chunked framing, client gone) is the client's fault, not a 500.
    if (e instanceof ApiError) throw e;
    throw new ApiError(400, 'Request body could not be read');
  }
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (text === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ApiError(400, 'Request body is not valid JSON');
  }
}

export type Body = Record<string, unknown>;

/** The body as an object; a missing body counts as `{}` where `optional`. */
export function objectBody(body: unknown, optional = true): Body {
  if (body === undefined && optional) return {};
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new ApiError(400, 'Request body must be a JSON object');
  }
  return body as Body;
}

export function optString(o: Body, key: string, max: number): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new ApiError(400, `"${key}" must be a string`);
  if (v.length > max) throw new ApiError(400, `"${key}" is longer than ${max} characters`);
  return v;
}

export function reqString(o: Body, key: string, max: number): string {
  const v = optString(o, key, max);
  if (v === undefined || v.trim() === '') throw new ApiError(400, `"${key}" is required`);
  return v;
}

export function oneOf<T extends string>(o: Body, key: string, allowed: readonly T[], fallback?: T): T {
  const v = o[key];
  if (v === undefined && fallback !== undefined) return fallback;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new ApiError(400, `"${key}" must be one of ${allowed.join(', ')}`);
  }
  return v as T;
}

/** A single header value (first one if repeated). */
export function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}
