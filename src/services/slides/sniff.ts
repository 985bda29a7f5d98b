/**
 * What a file really is, from its first bytes (names and MIME types are only hints), and an image's
 * size from its header, so that an absurdly large picture is refused before anything decodes it.
 */

export type ImageFormat = 'jpeg' | 'png' | 'gif' | 'bmp';

export type Sniffed =
  | { kind: 'image'; format: ImageFormat; width: number | undefined; height: number | undefined }
  | { kind: 'pdf' }
  | { kind: 'powerpoint' }
  | { kind: 'unsupported' };

/** Bytes read to identify a file (a JPEG's size may sit behind a large EXIF block). */
export const SNIFF_BYTES = 256 * 1024;

const POWERPOINT_EXTENSIONS = /\.(pptx?|pptm|ppsx?|ppsm|potx?|potm|odp|key)$/i;
const POWERPOINT_TYPES =
  /^application\/(vnd\.ms-powerpoint|vnd\.openxmlformats-officedocument\.presentationml|vnd\.oasis\.opendocument\.presentation|vnd\.apple\.keynote)/i;

const startsWith = (b: Uint8Array, sig: readonly number[], at = 0): boolean =>
  b.length >= at + sig.length && sig.every((v, i) => b[at + i] === v);

const u16be = (b: Uint8Array, i: number): number => (b[i]! << 8) | b[i + 1]!;
const u16le = (b: Uint8Array, i: number): number => b[i]! | (b[i + 1]! << 8);
const u32be = (b: Uint8Array, i: number): number =>
  ((b[i]! << 24) >>> 0) + (b[i + 1]! << 16) + (b[i + 2]! << 8) + b[i + 3]!;
const i32le = (b: Uint8Array, i: number): number =>
  b[i]! | (b[i + 1]! << 8) | (b[i + 2]! << 16) | (b[i + 3]! << 24);

/** Width and height from a JPEG's first SOFn segment, if it lies within `b`. */
function jpegSize(b: Uint8Array): [number, number] | undefined {
  let i = 2;
  while (i + 9 < b.length) {
    if (b[i] !== 0xff) return undefined;
    const marker = b[i + 1]!;
    if (marker === 0xff) {
      i++; // fill byte
      continue;
    }
    // Markers without a length.
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const length = u16be(b, i + 2);
    const isSof = marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;
    if (isSof) return [u16be(b, i + 7), u16be(b, i + 5)];
    if (marker === 0xda || length < 2) return undefined; // image data starts: no SOF before it
    i += 2 + length;
  }
  return undefined;
}

function bmpSize(b: Uint8Array): [number, number] | undefined {
  if (b.length < 26) return undefined;
  const header = b[14]! | (b[15]! << 8) | (b[16]! << 16) | (b[17]! << 24);
  if (header === 12) return [u16le(b, 18), u16le(b, 20)];
  if (header < 40) return undefined;
  return [Math.abs(i32le(b, 18)), Math.abs(i32le(b, 22))];
}

/** Identifies a file from its first bytes (see {@link SNIFF_BYTES}), its name and its MIME type. */
export function sniff(head: Uint8Array, name: string, type: string): Sniffed {
  // A presentation program's file is named as such whatever its container (ZIP, OLE).
  if (POWERPOINT_EXTENSIONS.test(name) || POWERPOINT_TYPES.test(type)) return { kind: 'powerpoint' };
  if (startsWith(head, [0xff, 0xd8, 0xff])) {
    const size = jpegSize(head);
    return { kind: 'image', format: 'jpeg', width: size?.[0], height: size?.[1] };
  }
  if (startsWith(head, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) {
    const ok = head.length >= 24;
    return {
      kind: 'image',
      format: 'png',
      width: ok ? u32be(head, 16) : undefined,
      height: ok ? u32be(head, 20) : undefined,
    };
  }
  if (
    startsWith(head, [0x47, 0x49, 0x46, 0x38]) &&
    (head[4] === 0x37 || head[4] === 0x39) &&
    head[5] === 0x61
  ) {
    const ok = head.length >= 10;
    return {
      kind: 'image',
      format: 'gif',
      width: ok ? u16le(head, 6) : undefined,
      height: ok ? u16le(head, 8) : undefined,
    };
  }
  if (startsWith(head, [0x42, 0x4d]) && head.length >= 26) {
    const size = bmpSize(head);
    if (size) return { kind: 'image', format: 'bmp', width: size[0], height: size[1] };
  }
  // "%PDF-" must appear within the first 1024 bytes (ISO 32000 implementation note).
  const window = head.subarray(0, 1024);
  for (let i = 0; i + 5 <= window.length; i++) {
    if (startsWith(window, [0x25, 0x50, 0x44, 0x46, 0x2d], i)) return { kind: 'pdf' };
  }
  return { kind: 'unsupported' };
}
