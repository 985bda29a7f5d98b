/**
 * The SDP the official SDK offers and the answer the node gives, as plain text work (no SDP library:
 * the node only needs to read a few attributes of the offer and to add a few to werift's answer).
 *
 * The SDK's offer (infinity-client-api.md §3.1): max-bundle, one m-line per purpose, in this order —
 * audio (`a=content:main`), video (`a=content:main`), video (`a=content:slides`, `inactive` until a
 * presentation starts), optionally an application line. `b=AS:<kbps>` on video lines when the app set
 * a bandwidth.
 */

export type Direction = 'sendrecv' | 'sendonly' | 'recvonly' | 'inactive';
export type Purpose = 'audio' | 'video' | 'slides' | 'other';

export interface OfferSection {
  index: number;
  kind: string;
  mid: string | undefined;
  direction: Direction;
  /** `a=content:` value (`main`, `slides`) if present. */
  content: string | undefined;
  /** `b=AS:` in kbps if present. */
  bandwidth: number | undefined;
  /** Port 0: a rejected/stopped line. */
  rejected: boolean;
  purpose: Purpose;
}

const DIRECTIONS: readonly Direction[] = ['sendrecv', 'sendonly', 'recvonly', 'inactive'];

/** Splits an SDP into the session part and its media sections (each starting with `m=`). */
export function splitSdp(sdp: string): { session: string[]; sections: string[][] } {
  const lines = sdp.split(/\r?\n/).filter((l) => l.length > 0);
  const session: string[] = [];
  const sections: string[][] = [];
  for (const line of lines) {
    if (line.startsWith('m=')) sections.push([line]);
    else if (sections.length > 0) sections[sections.length - 1]!.push(line);
    else session.push(line);
  }
  return { session, sections };
}

export function joinSdp(session: string[], sections: string[][]): string {
  return [...session, ...sections.flat()].join('\r\n') + '\r\n';
}

/** Reads what the node needs from an offer; throws on something that is not an SDP offer. */
export function parseOffer(sdp: string): OfferSection[] {
  if (!sdp.startsWith('v=0')) throw new Error('not an SDP');
  const { session, sections } = splitSdp(sdp);
  const sessionDir = session.map((l) => l.slice(2)).find((a) => DIRECTIONS.includes(a as Direction));
  let videoCount = 0;
  return sections.map((lines, index) => {
    const m = /^m=(\w+) (\d+)/.exec(lines[0]!);
    const kind = m?.[1] ?? 'unknown';
    const attr = (name: string): string | undefined =>
      lines.find((l) => l.startsWith(`a=${name}:`))?.slice(name.length + 3);
    const dir = lines.map((l) => l.slice(2)).find((a) => DIRECTIONS.includes(a as Direction));
    const bw = lines.find((l) => l.startsWith('b=AS:'));
    const content = attr('content');
    let purpose: Purpose = 'other';
    if (kind === 'audio') purpose = 'audio';
    else if (kind === 'video') {
      // The SDK labels its lines; without labels the second video line is the slides line.
      purpose = content === 'slides' || (content === undefined && videoCount > 0) ? 'slides' : 'video';
      videoCount++;
    }
    return {
      index,
      kind,
      mid: attr('mid'),
      direction: (dir ?? sessionDir ?? 'sendrecv') as Direction,
      content,
      bandwidth: bw ? Number(bw.slice(5)) || undefined : undefined,
      rejected: m?.[2] === '0',
      purpose,
    };
  });
}

/** What the node answers to an offered direction: the mirror image (it can always send and receive). */
export function mirror(d: Direction): Direction {
  if (d === 'sendonly') return 'recvonly';
  if (d === 'recvonly') return 'sendonly';
  return d;
}

export interface AnswerFixes {
  offer: OfferSection[];
  /** Cap for `b=AS` (kbps) on video lines. */
  maxBandwidth: number;
  /** Only keep host candidates on these addresses. */
  candidateAddresses: readonly string[];
}

/**
 * Adds to werift's answer what the SDK expects and werift does not write: `a=content:` echoed per
 * line (the SDK compares content labels on every renegotiation), `b=AS` mirroring the client's wish
 * (capped by the node), and only loopback candidates.
 */
export function fixAnswer(answer: string, fixes: AnswerFixes): string {
  const { session, sections } = splitSdp(answer);
  const out = sections.map((lines, i) => {
    const offered = fixes.offer[i];
    let result = lines.filter((l) => {
      if (!l.startsWith('a=candidate:')) return true;
      const parts = l.split(' ');
      return fixes.candidateAddresses.includes(parts[4] ?? '');
    });
    result = result.filter((l) => !l.startsWith('a=content:') && !l.startsWith('b=AS:'));
    if (!offered) return result;
    // werift writes port 0 (rejected) for an inactive line; the SDK would then lose that
    // transceiver's mid (the slides line must stay alive, inactive, until a presentation starts).
    if (!offered.rejected) result[0] = result[0]!.replace(/^(m=\w+) 0 /, '$1 9 ');
    const extra: string[] = [];
    if (offered.content !== undefined) extra.push(`a=content:${offered.content}`);
    // RFC 4566: b= lines come right after c= (or after i=/m= when there is no c=).
    const cIndex = result.findIndex((l) => l.startsWith('c='));
    if (offered.bandwidth !== undefined && offered.kind === 'video') {
      const bw = Math.max(1, Math.min(offered.bandwidth, fixes.maxBandwidth));
      result.splice(cIndex >= 0 ? cIndex + 1 : 1, 0, `b=AS:${bw}`);
    }
    const midIndex = result.findIndex((l) => l.startsWith('a=mid:'));
    result.splice(midIndex >= 0 ? midIndex + 1 : result.length, 0, ...extra);
    return result;
  });
  return joinSdp(session, out);
}

/** The answer's direction of each m-line (for tests and routing checks). */
export function directionsOf(sdp: string): Direction[] {
  return parseOffer(sdp).map((s) => s.direction);
}
