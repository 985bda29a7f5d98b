/**
 * The slide deck's video stream: the sending canvas captured frame by frame, at a steady rate no
 * higher than the deck's frame rate (receivers that join late need frames to start from), plus a
 * frame as soon as the rate allows after a change of slide.
 *
 * @module
 */

export class CanvasStream {
  readonly #frameRate: number;
  readonly #paint: () => void;
  #stream: MediaStream | undefined;
  #track: CanvasCaptureMediaStreamTrack | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  #soon: ReturnType<typeof setTimeout> | undefined;
  #lastFrame = -Infinity;

  /** @param paint paints the current slide onto the canvas before each frame. */
  constructor(frameRate: number, paint: () => void) {
    this.#frameRate = frameRate;
    this.#paint = paint;
  }

  /** The stream started last, while its video is live. */
  get live(): MediaStream | undefined {
    const stream = this.#stream;
    return stream && stream.getVideoTracks().some((t) => t.readyState === 'live') ? stream : undefined;
  }

  /** Captures `canvas` as a new stream (replacing the previous one's timer) and keeps it fed. */
  start(canvas: HTMLCanvasElement): MediaStream {
    // Frames only when asked for (requestFrame): the rate is ours, at most `frameRate`.
    const stream = canvas.captureStream(0);
    const track = stream.getVideoTracks()[0] as CanvasCaptureMediaStreamTrack | undefined;
    if (track) track.contentHint = 'detail';
    this.#stream = stream;
    this.#track = track;
    this.#lastFrame = -Infinity;
    clearInterval(this.#timer);
    // A steady stream (receivers that join late need frames to start from), never above the rate:
    // a frame whenever the last is at least one frame interval old.
    const interval = 1000 / this.#frameRate;
    this.#timer = setInterval(() => {
      if (performance.now() - this.#lastFrame >= interval) this.frame();
    }, interval / 4);
    return stream;
  }

  /** Ends the stream (its tracks end). */
  stop(): void {
    clearInterval(this.#timer);
    clearTimeout(this.#soon);
    this.#timer = undefined;
    this.#soon = undefined;
    this.#stream?.getTracks().forEach((t) => t.stop());
    this.#stream = undefined;
    this.#track = undefined;
  }

  /** Paints and sends one frame now. */
  frame(): void {
    this.#paint();
    this.#track?.requestFrame();
    this.#lastFrame = performance.now();
  }

  /** After a change of slide: a frame as soon as the frame rate allows (nothing while not streaming). */
  frameSoon(): void {
    if (!this.#track || this.#soon !== undefined) return;
    const wait = this.#lastFrame + 1000 / this.#frameRate - performance.now();
    if (wait <= 0) {
      this.frame();
      return;
    }
    this.#soon = setTimeout(() => {
      this.#soon = undefined;
      if (this.#track) this.frame();
    }, wait);
  }
}
