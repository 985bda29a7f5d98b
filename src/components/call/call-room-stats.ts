import { msg } from '@lit/localize';
import { html, nothing, type TemplateResult } from 'lit';
import type { StreamStats } from '../../services/types.js';
import { RoomPart, type CallRoomHost } from './call-room-part.js';

interface StatsState {
  open: boolean;
  stats: StreamStats[];
}

/** The statistics overlay on the stage (`part="stats"`), polled once a second while open. */
export class RoomStats extends RoomPart<StatsState> {
  #timer: ReturnType<typeof setInterval> | undefined;

  constructor(host: CallRoomHost) {
    super(host, { open: false, stats: [] });
  }

  get open(): boolean {
    return this.s.open;
  }

  toggle(): void {
    if (!this.s.open) {
      this.set({ open: true });
      const poll = async (): Promise<void> => {
        this.set({ stats: await this.service.stats() });
      };
      void poll();
      this.#timer = setInterval(() => void poll(), 1000);
    } else {
      this.stop();
    }
  }

  stop(): void {
    clearInterval(this.#timer);
    this.#timer = undefined;
    this.set({ open: false });
  }

  /** The toolbar's Statistics button. */
  renderButton(): TemplateResult {
    return html`<button
      type="button"
      aria-pressed=${this.s.open ? 'true' : 'false'}
      @click=${() => this.toggle()}
    >
      ${msg('Statistics')}
    </button>`;
  }

  render(): TemplateResult | typeof nothing {
    if (!this.s.open) return nothing;
    const label: Record<StreamStats['stream'], string> = {
      audio: msg('Audio'),
      video: msg('Video'),
      presentation: msg('Presentation'),
    };
    return html`<section class="stats" part="stats" aria-label=${msg('Call statistics')}>
      ${this.s.stats.length === 0 ? html`<p>${msg('No media statistics yet.')}</p>` : nothing}
      ${this.s.stats.map(
        (s) =>
          html`<h3>${label[s.stream]} ${s.direction === 'in' ? msg('received') : msg('sent')}</h3>
            <dl>
              ${
                s.codec
                  ? html`<dt>${msg('Codec')}</dt>
                      <dd>${s.codec}</dd>`
                  : nothing
              }
              ${
                s.bitrateKbps !== undefined
                  ? html`<dt>${msg('Bitrate')}</dt>
                      <dd>${s.bitrateKbps} kbps</dd>`
                  : nothing
              }
              ${
                s.packetsLost !== undefined
                  ? html`<dt>${msg('Packets lost')}</dt>
                      <dd>${s.packetsLost}</dd>`
                  : nothing
              }
              ${
                s.lossPercent !== undefined
                  ? html`<dt>${msg('Packet loss')}</dt>
                      <dd>${s.lossPercent.toFixed(1)} %</dd>`
                  : nothing
              }
              ${
                s.jitterMs !== undefined
                  ? html`<dt>${msg('Jitter')}</dt>
                      <dd>${s.jitterMs} ms</dd>`
                  : nothing
              }
              ${
                s.resolution
                  ? html`<dt>${msg('Resolution')}</dt>
                      <dd>${s.resolution}</dd>`
                  : nothing
              }
              ${
                s.fps !== undefined
                  ? html`<dt>${msg('Frame rate')}</dt>
                      <dd>${Math.round(s.fps)} fps</dd>`
                  : nothing
              }
            </dl>`,
      )}
      <p>${msg('Server version')}: ${this.service.serverVersion || msg('unknown')}</p>
    </section>`;
  }
}
