/**
 * Camera and microphone for stories without any: `getUserMedia` answers with a canvas picture
 * (`canvas.captureStream()`) and a quiet WebAudio tone, and `enumerateDevices` lists those two
 * synthetic devices. Installed once for the whole Storybook (and by the stories that need it, so
 * the story tests get it too); nothing ever asks the browser for a real device.
 */

const PALETTE: Record<string, [string, string]> = {
  Alice: ['#1d4f91', '#6aa6f0'],
  Bob: ['#7a2d6b', '#e58fd2'],
  Chloé: ['#1f6b43', '#7ed6a5'],
  default: ['#333a44', '#8a96a8'],
};

/**
 * A moving picture with a label: a gradient sweeping across and a clock, so a visitor sees it is
 * live. `fps` frames a second (kept low: the machine running stories may be small).
 */
export function syntheticVideo(label: string, width = 640, height = 360, fps = 10): MediaStream {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  const [dark, light] = PALETTE[label] ?? PALETTE['default']!;
  let frame = 0;
  const draw = (): void => {
    frame++;
    const x = ((frame * 6) % (width * 2)) - width / 2;
    const g = ctx.createLinearGradient(x, 0, x + width, height);
    g.addColorStop(0, dark);
    g.addColorStop(0.5, light);
    g.addColorStop(1, dark);
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = 'rgba(0, 0, 0, 0.55)';
    ctx.fillRect(0, height - 64, width, 64);
    ctx.fillStyle = '#fff';
    ctx.font = `600 ${Math.round(height / 12)}px system-ui, sans-serif`;
    ctx.fillText(label, 24, height - 22);
    ctx.font = `${Math.round(height / 18)}px ui-monospace, monospace`;
    ctx.fillText(new Date().toISOString().slice(11, 19), width - 150, height - 22);
    // A circle orbiting the centre: motion a visitor notices at once.
    const a = frame / 8;
    ctx.beginPath();
    ctx.arc(width / 2 + Math.cos(a) * height * 0.25, height / 2 - 32 + Math.sin(a) * height * 0.2, 18, 0, 7);
    ctx.fill();
  };
  draw();
  const stream = canvas.captureStream(fps);
  const timer = setInterval(draw, 1000 / fps);
  const [track] = stream.getVideoTracks();
  track?.addEventListener('ended', () => clearInterval(timer));
  // `stop()` does not fire `ended` on the stopping side.
  const stop = track?.stop.bind(track);
  if (track && stop)
    track.stop = () => {
      clearInterval(timer);
      stop();
    };
  return stream;
}

/** A still picture (a presentation slide) as a canvas. */
export function slideCanvas(title: string, width = 960, height = 540): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d')!;
  ctx.fillStyle = '#f4f1ea';
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = '#1d4f91';
  ctx.fillRect(0, 0, width, 90);
  ctx.fillStyle = '#fff';
  ctx.font = '600 44px system-ui, sans-serif';
  ctx.fillText(title, 40, 62);
  ctx.fillStyle = '#333';
  ctx.font = '30px system-ui, sans-serif';
  ['Roadmap for the next quarter', 'Three launches, one migration', 'Questions at the end'].forEach(
    (line, i) => ctx.fillText(`• ${line}`, 60, 180 + i * 70),
  );
  [120, 200, 160, 260].forEach((h, i) => {
    ctx.fillStyle = ['#1d4f91', '#6aa6f0', '#1f6b43', '#c4291c'][i]!;
    ctx.fillRect(620 + i * 70, 480 - h, 50, h);
  });
  return canvas;
}

/** A JPEG of a slide, as the node sends presentation stills. */
export function slideJpeg(title: string): Promise<Blob> {
  return new Promise((resolve) => slideCanvas(title).toBlob((b) => resolve(b!), 'image/jpeg', 0.85));
}

function syntheticAudio(): MediaStreamTrack | undefined {
  try {
    const audio = new AudioContext();
    const osc = audio.createOscillator();
    const gain = audio.createGain();
    gain.gain.value = 0; // silent: a story never beeps (live stories send it to the other participant)
    osc.frequency.value = 440;
    const dest = audio.createMediaStreamDestination();
    osc.connect(gain).connect(dest);
    osc.start();
    const [track] = dest.stream.getAudioTracks();
    const stop = track?.stop.bind(track);
    if (track && stop)
      track.stop = () => {
        stop();
        void audio.close();
      };
    return track;
  } catch {
    return undefined;
  }
}

const DEVICES = [
  { deviceId: 'storybook-camera', kind: 'videoinput', label: 'Storybook camera (synthetic)', groupId: 'sb' },
  {
    deviceId: 'storybook-microphone',
    kind: 'audioinput',
    label: 'Storybook microphone (synthetic)',
    groupId: 'sb',
  },
  { deviceId: 'default', kind: 'audiooutput', label: 'Default speakers', groupId: 'sb' },
] as const;

let installed = false;
/** Who the next synthetic camera shows (a live story with two participants names each one). */
let nextLabel = 'Alice';

/** Names the picture of the next camera opened (e.g. the participant about to join). */
export function nextCameraLabel(label: string): void {
  nextLabel = label;
}

let failNext: string | undefined;

/** Makes the next `getUserMedia` fail as a browser does (`NotAllowedError`: the person blocked it). */
export function failNextGetUserMedia(name = 'NotAllowedError'): void {
  failNext = name;
}

/** Replaces the browser's camera and microphone with synthetic ones, once per page. */
export function installSyntheticMedia(): void {
  if (installed || !navigator.mediaDevices) return;
  installed = true;
  const md = navigator.mediaDevices;
  md.getUserMedia = async (constraints?: MediaStreamConstraints) => {
    if (failNext) {
      const name = failNext;
      failNext = undefined;
      throw new DOMException('Permission denied (synthetic)', name);
    }
    const tracks: MediaStreamTrack[] = [];
    if (constraints?.video) tracks.push(...syntheticVideo(nextLabel).getVideoTracks());
    if (constraints?.audio) {
      const audio = syntheticAudio();
      if (audio) tracks.push(audio);
    }
    return new MediaStream(tracks);
  };
  md.enumerateDevices = async () =>
    DEVICES.map((d) => ({ ...d, toJSON: () => d }) as unknown as MediaDeviceInfo);
}

/** Every `<video>` under `root`, through open shadow roots. */
function videosIn(root: Document | ShadowRoot | Element, out: HTMLVideoElement[] = []): HTMLVideoElement[] {
  for (const el of root.querySelectorAll('*')) {
    if (el instanceof HTMLVideoElement) out.push(el);
    if (el.shadowRoot) videosIn(el.shadowRoot, out);
  }
  return out;
}

/**
 * Starts videos the browser's autoplay policy held back. In a real call the person pressed Join (a
 * user gesture), so the call's videos play with sound; in a story nobody pressed anything, and a
 * video that is not muted stays paused (a black stage). Its sound is synthetic silence, so it is
 * muted and played.
 */
export function keepVideosPlaying(root: Document = document, everyMs = 1000): void {
  const nudge = (): void => {
    for (const v of videosIn(root)) {
      if (!v.paused || !v.srcObject || v.dataset['storyNudged']) continue;
      v.dataset['storyNudged'] = '1';
      v.play().catch(() => {
        v.muted = true;
        void v.play().catch(() => undefined);
      });
    }
  };
  setInterval(nudge, everyMs);
}
