/**
 * A live microphone level (0–100, roughly −60 dBFS…0 dBFS) read from a stream's audio, once per
 * animation frame. Returns the function that stops it and closes its audio context.
 */
export function startLevelMeter(stream: MediaStream, onLevel: (level: number) => void): () => void {
  if (stream.getAudioTracks().length === 0 || typeof AudioContext === 'undefined') return () => {};
  const ctx = new AudioContext();
  const analyser = ctx.createAnalyser();
  analyser.fftSize = 512;
  ctx.createMediaStreamSource(stream).connect(analyser);
  const data = new Float32Array(analyser.fftSize);
  let frame = 0;
  const tick = (): void => {
    analyser.getFloatTimeDomainData(data);
    let sum = 0;
    for (const v of data) sum += v * v;
    const rms = Math.sqrt(sum / data.length);
    const db = 20 * Math.log10(rms || 1e-6);
    onLevel(Math.max(0, Math.min(100, Math.round(((db + 60) / 60) * 100))));
    frame = requestAnimationFrame(tick);
  };
  tick();
  return () => {
    cancelAnimationFrame(frame);
    void ctx.close().catch(() => undefined);
    onLevel(0);
  };
}

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void> };

/**
 * Plays a short 660 Hz tone on a speaker (`default` or empty: the default output). Rejects when the
 * speaker cannot be used (e.g. it has gone).
 */
export async function playTestTone(speakerId: string): Promise<void> {
  if (typeof AudioContext === 'undefined') return;
  const ctx = new AudioContext();
  const dest = ctx.createMediaStreamDestination();
  const osc = ctx.createOscillator();
  osc.frequency.value = 660;
  osc.connect(dest);
  const audio = new Audio() as SinkAudio;
  audio.srcObject = dest.stream;
  try {
    if (speakerId && speakerId !== 'default') await audio.setSinkId?.(speakerId);
    osc.start();
    await audio.play();
    await new Promise((r) => setTimeout(r, 600));
  } finally {
    osc.stop();
    audio.srcObject = null;
    await ctx.close().catch(() => undefined);
  }
}
