/**
 * Splits untrusted chat text into plain text and safe links. Only `http:` and `https:` URLs written
 * out in full become links, and only when what the reader sees is where the link goes: no
 * credentials (`https://bank.example@evil.example`), no backslashes, no invisible or bidi control
 * characters, and an all-ASCII host as written (no look-alike letters from other scripts). Everything
 * else — `javascript:`, `data:`, `vbscript:`, look-alikes — stays text. The parts, joined, are exactly
 * the input (nothing is lost).
 */

export type MediaKind = 'image' | 'video';

export interface LinkPart {
  /** The URL as written in the message (the link's text). */
  text: string;
  /** The parsed, normalised URL to navigate to. */
  href: string;
  host: string;
  /** Set when the URL points at an image or a video file (offered as a preview). */
  media: MediaKind | undefined;
}

export type Part = string | LinkPart;

// A candidate starts at http(s):// (case-insensitive) and runs to whitespace or an angle bracket or quote.
const CANDIDATE = /https?:\/\/[^\s<>"'`]+/gi;
// Bidi controls, zero-width and other invisible characters that can disguise a URL.
const INVISIBLE = new RegExp(
  '[\\u00AD\\u061C\\u115F\\u180E\\u200B-\\u200F\\u202A-\\u202E\\u2060-\\u206F\\u3164\\uFEFF\\uFFA0\\uFFF0-\\uFFFB]' +
    '|\\u034F|\\u1160|\\u17B4|\\u17B5|[\\uFE00-\\uFE0F]',
  'u',
);
const TRAILING = /[.,;:!?…'"»)\]}>]+$/u;
const IMAGE = /\.(?:png|jpe?g|gif|webp|avif|bmp)$/i;
const VIDEO = /\.(?:mp4|webm|ogv|mov|m4v)$/i;

/** Drops punctuation that ends a sentence rather than the URL (keeps a `)` that closes a `(` in it). */
function trimTrailing(candidate: string): string {
  let url = candidate;
  for (;;) {
    const m = TRAILING.exec(url);
    if (!m) return url;
    let cut = m[0];
    // "https://en.wikipedia.org/wiki/Lit_(software))." keeps one ")" for its "(".
    if (cut.startsWith(')')) {
      const opens = (url.match(/\(/g) ?? []).length;
      const closesBefore = (url.slice(0, m.index).match(/\)/g) ?? []).length;
      if (opens > closesBefore) cut = cut.slice(1);
    }
    if (!cut) return url;
    url = url.slice(0, url.length - cut.length);
  }
}

/** The link a candidate may become, or undefined when it must stay text. */
export function safeLink(text: string): LinkPart | undefined {
  if (INVISIBLE.test(text) || text.includes('\\')) return undefined;
  const authority = /^https?:\/\/([^/?#]*)/i.exec(text)?.[1] ?? '';
  if (!authority || /[@%]/.test(authority) || /[^\x21-\x7e]/.test(authority)) return undefined;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (url.username || url.password || !url.hostname) return undefined;
  const path = url.pathname;
  const media: MediaKind | undefined = IMAGE.test(path) ? 'image' : VIDEO.test(path) ? 'video' : undefined;
  return { text, href: url.href, host: url.host, media };
}

export function linkify(text: string): Part[] {
  const parts: Part[] = [];
  let last = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    const start = m.index;
    // A URL glued to a preceding word ("xhttps://…") is not a link.
    if (start > 0 && /[\p{L}\p{N}_]/u.test(text[start - 1]!)) continue;
    const candidate = trimTrailing(m[0]);
    const link = safeLink(candidate);
    if (!link) continue;
    if (start > last) parts.push(text.slice(last, start));
    parts.push(link);
    last = start + candidate.length;
  }
  if (last < text.length) parts.push(text.slice(last));
  return parts;
}
