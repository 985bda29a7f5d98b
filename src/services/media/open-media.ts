/**
 * Opening and releasing the person's camera and microphone. Nothing here runs by itself: every
 * `getUserMedia` is the answer to something the person asked for (Join with media, a device test).
 */
import { CallError } from '../errors.js';
import { fromMediaError } from './media-errors.js';
import type { MediaMode } from '../types.js';

/** Device choices for {@link openMedia}; `default` or absent means the browser's default device. */
export interface DeviceIds {
  cameraId?: string | undefined;
  microphoneId?: string | undefined;
}

/**
 * Opens what a media mode needs: camera and microphone for `video`, the microphone alone for `audio`
 * (the camera is never opened), nothing for `none` (control only). A chosen device that has gone
 * falls back to the default one.
 */
export async function openMedia(mode: MediaMode, ids: DeviceIds = {}): Promise<MediaStream | undefined> {
  if (mode === 'none') return undefined;
  const exact = (id?: string): MediaTrackConstraints | boolean =>
    id && id !== 'default' ? { deviceId: { exact: id } } : true;
  if (!navigator.mediaDevices?.getUserMedia) throw new CallError('device-missing', 'no mediaDevices');
  const video = mode === 'video';
  const features = video ? ['camera', 'microphone'] : ['microphone'];
  try {
    return await navigator.mediaDevices.getUserMedia({
      audio: exact(ids.microphoneId),
      video: video ? exact(ids.cameraId) : false,
    });
  } catch (e) {
    const name = (e as { name?: string }).name;
    const chosen = ids.microphoneId !== undefined || (video && ids.cameraId !== undefined);
    if (!chosen || (name !== 'OverconstrainedError' && name !== 'NotFoundError'))
      throw fromMediaError(e, features);
  }
  // A chosen device has gone: fall back to the default devices.
  try {
    return await navigator.mediaDevices.getUserMedia({ audio: true, video });
  } catch (e) {
    throw fromMediaError(e, features);
  }
}

/** Stops every track of a stream (the camera light goes off). */
export function stopStream(stream: MediaStream | undefined): void {
  stream?.getTracks().forEach((t) => t.stop());
}
