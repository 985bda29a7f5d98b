/**
 * "Open presentation in new window": a pop-out window that shows the current presentation (full
 * motion or the newest still) and follows it, and that closes with it. The window is an empty
 * same-origin document filled from here (no second copy of the library, no HTML strings): one
 * `<video>` or `<img>` that is swapped as the presentation changes.
 */

/** What the window shows: a video stream, an image URL, or nothing yet (a waiting line). */
export type PresentationView =
  | { kind: 'video'; stream: MediaStream; label: string }
  | { kind: 'image'; url: string; label: string }
  | { kind: 'waiting'; label: string };

let windows = 0;

export class PresentationWindow {
  #win: Window | null = null;
  #video: HTMLVideoElement | undefined;
  #img: HTMLImageElement | undefined;
  #text: HTMLParagraphElement | undefined;
  #timer: ReturnType<typeof setInterval> | undefined;
  readonly #name = `pex-presentation-${++windows}`;
  readonly #onOpenerHide = (): void => this.close();

  constructor(private readonly onClosed: () => void) {}

  get isOpen(): boolean {
    return this.#win !== null && !this.#win.closed;
  }

  /** The pop-out's window (for tests). */
  get window(): Window | null {
    return this.isOpen ? this.#win : null;
  }

  /** The window's video element, while open (the room chooses its speaker). */
  get video(): HTMLVideoElement | undefined {
    return this.isOpen ? this.#video : undefined;
  }

  /**
   * Plays the window's video on the opener's speaker `deviceId` (`''`: the default). Device ids are
   * per document, so the window looks the device up by its label; one it does not know plays on
   * the default speaker.
   */
  async setSpeaker(deviceId: string, label: string): Promise<void> {
    const video = this.video;
    if (!video) return;
    let sink = '';
    if (deviceId) {
      const devices = (await this.#win?.navigator.mediaDevices?.enumerateDevices?.()) ?? [];
      const outputs = devices.filter((d) => d.kind === 'audiooutput');
      sink =
        (outputs.find((d) => d.deviceId === deviceId) ?? outputs.find((d) => label && d.label === label))
          ?.deviceId ?? '';
    }
    await setSpeaker(video, sink);
  }

  /**
   * Opens the window (or brings it forward); false when the browser blocked it. The window takes the
   * stage colours of `themed` (the `<pex-call>`, in its theme), else the default stage's.
   */
  open(title: string, themed?: Element): boolean {
    if (this.isOpen) {
      this.#win?.focus();
      return true;
    }
    const win = window.open('', this.#name, 'popup,width=960,height=560');
    if (!win) return false;
    this.#win = win;
    const doc = win.document;
    doc.title = title;
    const html = doc.documentElement;
    html.lang = document.documentElement.lang || 'en';
    doc.body.replaceChildren();
    const look = themed ? getComputedStyle(themed) : undefined;
    const token = (name: string, fallback: string): string => look?.getPropertyValue(name).trim() || fallback;
    Object.assign(doc.body.style, {
      margin: '0',
      background: token('--_stage', '#111418'),
      color: token('--_stage-muted', '#cfd6de'),
      font: '16px system-ui, sans-serif',
      display: 'grid',
      placeItems: 'center',
      height: '100vh',
      overflow: 'hidden',
    });
    const fill = { width: '100vw', height: '100vh', objectFit: 'contain', display: 'none' };
    this.#video = doc.createElement('video');
    this.#video.muted = true;
    this.#video.autoplay = true;
    this.#video.playsInline = true;
    Object.assign(this.#video.style, fill);
    this.#img = doc.createElement('img');
    Object.assign(this.#img.style, fill);
    this.#text = doc.createElement('p');
    doc.body.append(this.#video, this.#img, this.#text);
    // The person may close it themselves; the opener going away closes it too.
    this.#timer = setInterval(() => {
      if (this.#win?.closed) this.#closed();
    }, 500);
    window.addEventListener('pagehide', this.#onOpenerHide);
    return true;
  }

  /** Shows `view` in the window (nothing happens when it is closed). */
  show(view: PresentationView): void {
    const video = this.#video;
    const img = this.#img;
    const text = this.#text;
    if (!this.isOpen || !video || !img || !text) return;
    video.style.display = view.kind === 'video' ? 'block' : 'none';
    img.style.display = view.kind === 'image' ? 'block' : 'none';
    text.hidden = view.kind !== 'waiting';
    if (view.kind === 'video') {
      if (video.srcObject !== view.stream) video.srcObject = view.stream;
      video.setAttribute('aria-label', view.label);
      void video.play().catch(() => undefined);
    } else {
      video.srcObject = null;
    }
    if (view.kind === 'image') {
      if (img.src !== view.url) img.src = view.url;
      img.alt = view.label;
    } else {
      img.removeAttribute('src');
    }
    if (view.kind === 'waiting') text.textContent = view.label;
  }

  close(): void {
    const win = this.#win;
    if (!win) return;
    if (!win.closed) win.close();
    this.#closed();
  }

  #closed(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    window.removeEventListener('pagehide', this.#onOpenerHide);
    if (this.#video) this.#video.srcObject = null;
    this.#win = null;
    this.#video = undefined;
    this.#img = undefined;
    this.#text = undefined;
    this.onClosed();
  }
}

/** A media element that can choose its audio output (`setSinkId`, not in every browser). */
export type SinkElement = HTMLMediaElement & { sinkId?: string; setSinkId?: (id: string) => Promise<void> };

/**
 * Plays `el` on the audio output `sink` (`''`: the default); nothing where the browser cannot choose.
 * Chromium does not settle `setSinkId` on an element already playing a stream without audio (a
 * presentation), so such a stream is detached while the output changes.
 */
export async function setSpeaker(el: SinkElement, sink: string): Promise<void> {
  if (typeof el.setSinkId !== 'function') return;
  const src = el.srcObject;
  const silent = src instanceof MediaStream && src.getAudioTracks().length === 0;
  if (silent) el.srcObject = null;
  try {
    await el.setSinkId(sink);
  } finally {
    if (silent && el.srcObject === null) {
      el.srcObject = src;
      void el.play().catch(() => undefined);
    }
  }
}
