import { css } from 'lit';

/** The stage: meeting video, presentation (big or small, the swap button), self view, the "took over" notice. */
export const stageStyles = css`
  .stage {
    position: relative;
    display: grid;
    place-items: center;
    min-height: 14rem;
  }
  .stage video.main {
    width: 100%;
    height: 100%;
    max-height: 70vh;
    object-fit: contain;
    background: var(--_video);
  }
  .stage .placeholder {
    color: var(--_stage-muted);
    text-align: center;
    padding: 1rem;
  }
  .self {
    position: absolute;
    inset-inline-end: 0.75rem;
    bottom: 0.75rem;
    width: clamp(6rem, 22%, 14rem);
    aspect-ratio: 16 / 9;
    border: 2px solid var(--_stage-border);
    border-radius: calc(var(--_radius) / 2);
    background: var(--_video);
    object-fit: cover;
    transform: scaleX(-1);
  }
  /* Presentation on the stage: one of presentation and meeting video is big, the other small. */
  .presentation {
    display: grid;
    place-items: center;
    background: var(--_video);
  }
  .presentation.big {
    width: 100%;
    height: 100%;
    min-height: 14rem;
    max-height: 70vh;
  }
  .presentation video,
  .presentation img {
    width: 100%;
    height: 100%;
    max-height: 70vh;
    object-fit: contain;
  }
  .presentation .placeholder {
    color: var(--_stage-muted);
    padding: 1rem;
    text-align: center;
  }
  .presentation.small,
  .stage video.main.small,
  .swap {
    position: absolute;
    inset-inline-start: 0.75rem;
    bottom: 0.75rem;
    width: clamp(6rem, 22%, 14rem);
    height: auto;
    min-height: 0;
    aspect-ratio: 16 / 9;
    border-radius: calc(var(--_radius) / 2);
  }
  .presentation.small,
  .stage video.main.small {
    z-index: 1;
    border: 2px solid var(--_stage-border);
    overflow: hidden;
    object-fit: cover;
  }
  .swap {
    z-index: 2;
    padding: 0;
    border: 2px solid transparent;
    background: transparent;
    cursor: pointer;
  }
  .swap:hover {
    border-color: var(--_stage-text);
  }
  .presentation-notice {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 0.5rem;
    margin: 0.25rem 0.75rem;
    padding: 0.35rem 0.6rem;
    border-radius: calc(var(--_radius) / 2);
    background: var(--_stage-notice);
    color: var(--_stage-text);
  }
  .presentation-notice button {
    background: var(--_stage-control);
    color: var(--_stage-text);
  }
`;
