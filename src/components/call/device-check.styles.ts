import { css } from 'lit';

/** The device check of `<pex-call>`, added to its shadow root when the check is first shown. */
export const deviceCheckStyles = css`
  video.preview {
    width: 100%;
    aspect-ratio: 16 / 9;
    background: var(--_video);
    border-radius: calc(var(--_radius) / 2);
    transform: scaleX(-1);
  }
  .device-check label {
    display: grid;
    gap: 0.25rem;
  }
  .device-check label.check {
    display: flex;
    align-items: center;
    gap: 0.5rem;
  }
  .device-check select,
  .device-check meter {
    width: 100%;
    min-width: 0;
  }
`;
