import type { ReactiveController, ReactiveControllerHost } from 'lit';

/**
 * Files dropped on an element: `dragging` while files are dragged over it (the element highlights
 * its drop zone), and the files handed on when dropped. Only drags that carry files are taken, and
 * only while `canDrop()` says so; other drags pass through.
 */
export class FileDrop implements ReactiveController {
  dragging = false;
  #depth = 0;

  constructor(
    private readonly host: ReactiveControllerHost & HTMLElement,
    canDrop: () => boolean,
    onFiles: (files: FileList) => unknown,
  ) {
    host.addController(this);
    const takes = (e: DragEvent): boolean => Boolean(e.dataTransfer?.types?.includes('Files')) && canDrop();
    host.addEventListener('dragenter', (e) => {
      if (!takes(e)) return;
      e.preventDefault();
      this.#depth++;
      this.#set(true);
    });
    host.addEventListener('dragover', (e) => {
      if (!takes(e)) return;
      e.preventDefault();
      if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    });
    host.addEventListener('dragleave', () => {
      this.#depth = Math.max(0, this.#depth - 1);
      if (this.#depth === 0) this.#set(false);
    });
    host.addEventListener('drop', (e) => {
      this.#depth = 0;
      this.#set(false);
      if (!canDrop()) return;
      e.preventDefault();
      const files = e.dataTransfer?.files;
      if (files?.length) void onFiles(files);
    });
  }

  hostConnected(): void {}

  #set(dragging: boolean): void {
    if (dragging === this.dragging) return;
    this.dragging = dragging;
    this.host.requestUpdate();
  }
}
