/**
 * The roster: who is in the call, as the elements see them. It owns the participants store and
 * the one cache of participant views: a participant whose row did not change keeps its view (same
 * object), so keyed renders skip it, whatever the transport hands over.
 */
import type { Store } from './store.js';
import type { ParticipantsState, ParticipantView } from './types.js';

type Row = Omit<ParticipantView, 'isMe'>;

/** Same fields, same values (rows are flat: strings, numbers and booleans). */
function sameRow(cached: Cached, row: Row, isMe: boolean): boolean {
  if (cached.view.isMe !== isMe) return false;
  const view = cached.view as unknown as Record<string, unknown>;
  let fields = 0;
  for (const key in row) {
    fields++;
    if (view[key] !== (row as unknown as Record<string, unknown>)[key]) return false;
  }
  return fields === cached.fields;
}

interface Cached {
  view: ParticipantView;
  /** How many fields the row had (a row with more or fewer is not the same). */
  fields: number;
}

export class Roster {
  readonly store: Store<ParticipantsState>;
  readonly #views = new Map<string, Cached>();

  constructor(store: Store<ParticipantsState>) {
    this.store = store;
  }

  /** The node's roster: publishes the views (reused where unchanged) and returns them. */
  update(list: readonly Row[], meUuid: string | undefined): readonly ParticipantView[] {
    const seen = new Set<string>();
    const views = list.map((row) => {
      seen.add(row.uuid);
      const isMe = row.uuid === meUuid;
      const cached = this.#views.get(row.uuid);
      if (cached && sameRow(cached, row, isMe)) return cached.view;
      const view: ParticipantView = Object.freeze({ ...row, isMe });
      this.#views.set(row.uuid, { view, fields: Object.keys(row).length });
      return view;
    });
    for (const uuid of this.#views.keys()) if (!seen.has(uuid)) this.#views.delete(uuid);
    this.store.set({ list: views, meUuid });
    return views;
  }

  /** Nobody (the call ended, or moves to another room). */
  clear(): void {
    this.#views.clear();
    this.store.set({ list: [], meUuid: undefined });
  }
}
