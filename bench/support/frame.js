/* global window, document, AudioContext, MediaStream -- runs in the browser (a benchmark frame) */
// One benchmark participant: a solid-colour canvas as camera, an oscillator as microphone (gain
// switched on to "speak"), the official SDK, and a <video> of what the node sends, whose colour is
// sampled on every decoded frame. Times are absolute (timeOrigin + now) so frames can be compared.
import * as sdk from './sdk.js';

const now = () => performance.timeOrigin + performance.now();
const state = { firstFrameAt: 0, callStartAt: 0, colours: [], connected: false, errors: [] };
let gain;
let client;

async function source(rgb, width, height, fps, micFromDevice) {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext('2d');
  let n = 0;
  setInterval(() => {
    ctx.fillStyle = `rgb(${rgb.join(',')})`;
    ctx.fillRect(0, 0, width, height);
    ctx.fillStyle = n++ % 2 ? '#000' : '#fff';
    ctx.fillRect(0, 0, 6, 6);
  }, 1000 / fps);
  const video = canvas.captureStream(fps).getVideoTracks()[0];
  if (micFromDevice) {
    // Chromium allows only a handful of AudioContexts per page: large runs use the fake microphone.
    const mic = await navigator.mediaDevices.getUserMedia({ audio: true });
    return new MediaStream([mic.getAudioTracks()[0], video]);
  }
  const audioCtx = new AudioContext();
  const osc = audioCtx.createOscillator();
  osc.frequency.value = 440;
  gain = audioCtx.createGain();
  gain.gain.value = 0;
  const dest = audioCtx.createMediaStreamDestination();
  osc.connect(gain).connect(dest);
  osc.start();
  return new MediaStream([dest.stream.getAudioTracks()[0], video]);
}

function watch(stream) {
  const video = document.createElement('video');
  video.muted = true;
  video.autoplay = true;
  video.srcObject = stream;
  document.body.append(video);
  video.play().catch(() => undefined);
  const c = document.createElement('canvas');
  c.width = 8;
  c.height = 8;
  const ctx = c.getContext('2d', { willReadFrequently: true });
  const onFrame = () => {
    if (!state.firstFrameAt && video.videoWidth > 0) state.firstFrameAt = now();
    if (video.videoWidth > 0) {
      ctx.drawImage(
        video,
        video.videoWidth / 4,
        video.videoHeight / 4,
        video.videoWidth / 2,
        video.videoHeight / 2,
        0,
        0,
        8,
        8,
      );
      const d = ctx.getImageData(0, 0, 8, 8).data;
      const rgb = [0, 1, 2].map((k) => {
        let s = 0;
        for (let i = k; i < d.length; i += 4) s += d[i];
        return Math.round(s / (d.length / 4));
      });
      const last = state.colours.at(-1);
      if (!last || last.rgb.some((v, i) => Math.abs(v - rgb[i]) > 60)) state.colours.push({ at: now(), rgb });
    }
    video.requestVideoFrameCallback(onFrame);
  };
  video.requestVideoFrameCallback(onFrame);
}

window.bench = {
  state,
  async join(alias, name, rgb, width = 320, height = 240, fps = 15, micFromDevice = false) {
    const signals = sdk.createInfinityClientSignals([], { batchBufferSize: 500, batchScheduleTimeoutMS: 50 });
    const callSignals = sdk.createCallSignals([]);
    client = sdk.createInfinityClient(signals, callSignals);
    signals.onError.add((e) => state.errors.push(e.error));
    signals.onDisconnected.add((e) => state.errors.push(e.error));
    callSignals.onRemoteStream.add((s) => watch(s));
    callSignals.onCallConnected.add(() => (state.connected = true));
    const mediaStream = await source(rgb, width, height, fps, micFromDevice);
    state.callStartAt = now();
    await client.call({
      conferenceAlias: alias,
      displayName: name,
      bandwidth: 512,
      callType: sdk.ClientCallType.AudioVideoPresentation,
      mediaStream,
    });
  },
  speak(on) {
    if (gain) gain.gain.value = on ? 0.8 : 0;
    return now();
  },
  async leave() {
    await client?.disconnect({ reason: 'User initiated disconnect' });
  },
};
window.benchReady = true;
