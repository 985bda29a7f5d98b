/**
 * Voice activity and active-speaker choice from the RTP audio-level header extension
 * (`urn:ietf:params:rtp-hdrext:ssrc-audio-level`, RFC 6464): every Opus packet the browser sends
 * carries its level in -dBov (0 = loudest, 127 = silence), so the node never decodes audio.
 *
 * Each participant gets a speech score (an exponential average of "this 20 ms packet was louder than
 * the threshold"), with hysteresis: speaking starts above {@link ON} and stops below {@link OFF}.
 * The active speaker changes when someone else speaks clearly (score above ON) and the current one
 * has gone quiet, or is clearly quieter — fast enough that a switch is visible well within a second,
 * slow enough that a cough does not steal the picture.
 */

/** Louder than -45 dBov counts as voice. */
export const LEVEL_THRESHOLD = 45;
const ALPHA = 0.2; // per 20 ms packet: ~100 ms to reach ON from silence
const ON = 0.5;
const OFF = 0.15;
/** Speaking ends only after this much quiet (a voice has pauses between words). */
const HANGOVER_MS = 600;
/** A new speaker must beat a still-talking current one by this much score. */
const MARGIN = 0.25;
/** The active speaker keeps the floor at least this long (no flapping between two talkers). */
const MIN_HOLD_MS = 500;

export interface SpeakerState {
  score: number;
  speaking: boolean;
  /** Smoothed loudness 0..127 (127 = loudest) for ranking. */
  loudness: number;
  lastSpokeAt: number;
}

export class SpeakerDetector {
  readonly #state = new Map<string, SpeakerState>();
  #active: string | undefined;
  #switchedAt = -Infinity;
  /** Participants ordered by when they last were the active speaker (most recent first). */
  readonly history: string[] = [];

  /** One audio packet's level (0 = loudest … 127 = silence) from `id`. */
  level(id: string, level: number, now = performance.now()): void {
    const s = this.#ensure(id);
    const voiced = level <= LEVEL_THRESHOLD ? 1 : 0;
    s.score += ALPHA * (voiced - s.score);
    s.loudness += ALPHA * (127 - level - s.loudness);
    if (voiced) s.lastSpokeAt = now;
  }

  /** No packets (muted, gone): decays like silence. */
  silence(id: string): void {
    this.level(id, 127);
  }

  add(id: string): void {
    this.#ensure(id);
  }

  remove(id: string): void {
    this.#state.delete(id);
    const i = this.history.indexOf(id);
    if (i >= 0) this.history.splice(i, 1);
    if (this.#active === id) this.#active = undefined;
  }

  get active(): string | undefined {
    return this.#active;
  }

  isSpeaking(id: string): boolean {
    return this.#state.get(id)?.speaking ?? false;
  }

  /**
   * Updates speaking flags and the active speaker; returns the ids whose speaking flag changed and
   * whether the active speaker changed.
   */
  evaluate(now = performance.now()): { changed: string[]; activeChanged: boolean } {
    const changed: string[] = [];
    for (const [id, s] of this.#state) {
      const was = s.speaking;
      if (!s.speaking && s.score >= ON) s.speaking = true;
      else if (s.speaking && s.score < OFF && now - s.lastSpokeAt > HANGOVER_MS) s.speaking = false;
      if (was !== s.speaking) changed.push(id);
    }
    const current = this.#active ? this.#state.get(this.#active) : undefined;
    let best: string | undefined;
    let bestScore = -1;
    for (const [id, s] of this.#state) {
      if (!s.speaking || id === this.#active) continue;
      const rank = s.score + s.loudness / 1000;
      if (rank > bestScore) {
        bestScore = rank;
        best = id;
      }
    }
    let activeChanged = false;
    if (best !== undefined) {
      const takeOver =
        !current ||
        ((!current.speaking || bestScore > current.score + MARGIN) && now - this.#switchedAt >= MIN_HOLD_MS);
      if (takeOver) {
        this.#active = best;
        this.#switchedAt = now;
        activeChanged = true;
        const i = this.history.indexOf(best);
        if (i >= 0) this.history.splice(i, 1);
        this.history.unshift(best);
      }
    }
    return { changed, activeChanged };
  }

  #ensure(id: string): SpeakerState {
    let s = this.#state.get(id);
    if (!s) {
      s = { score: 0, speaking: false, loudness: 0, lastSpokeAt: 0 };
      this.#state.set(id, s);
    }
    return s;
  }
}
