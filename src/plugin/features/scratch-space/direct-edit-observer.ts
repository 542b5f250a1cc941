// Notices direct edits of CDIConfig.spec that its owner overrides, from successive observations of the object. A
// watch may deliver an edit and its revert together, so two signals are used: the scratch class changing to a
// value the owner does not hold (then coming back), and `metadata.generation` advancing while the spec stays the
// same (changed and set back in between).

export interface DirectEdit {
  /** The value written directly, when it was observed; `undefined` when only the generation tells. */
  value: string | undefined;
  seen: boolean;
  /** The value the owner put back, once it did. */
  restoredTo?: string;
  reverted: boolean;
}

export interface Observation {
  /** CDIConfig.spec as JSON. */
  spec: string;
  value: string | undefined;
  generation: number | undefined;
  /** The owner's value (what CDI copies into CDIConfig.spec). */
  owner: string | undefined;
}

export interface ObserverState {
  last: Observation | undefined;
  edits: DirectEdit[];
}

const MAX_EDITS = 5;

const sameObservation = (a: Observation, b: Observation): boolean =>
  a.spec === b.spec && a.generation === b.generation && a.owner === b.owner;

/** The next state after an observation; the same object when nothing changed. */
export const observe = (
  state: ObserverState,
  next: Observation,
  active: boolean,
): ObserverState => {
  const { last, edits } = state;
  if (last && sameObservation(last, next)) return state;
  if (!last || !active) return { last: next, edits };
  const pending = edits.at(0);
  if (pending && !pending.reverted && pending.seen && pending.value === next.owner) {
    // Not a direct edit after all: the owner's own change reached CDIConfig before the owner's event did.
    return { last: next, edits: edits.slice(1) };
  }
  if (next.value !== last.value && next.value !== next.owner) {
    return {
      last: next,
      edits: [{ value: next.value, seen: true, reverted: false }, ...edits].slice(0, MAX_EDITS),
    };
  }
  if (pending && !pending.reverted && next.value === next.owner) {
    return {
      last: next,
      edits: [{ ...pending, reverted: true, restoredTo: next.value }, ...edits.slice(1)],
    };
  }
  if (
    next.spec === last.spec &&
    next.generation !== undefined &&
    last.generation !== undefined &&
    next.generation > last.generation
  ) {
    return {
      last: next,
      edits: [
        { value: undefined, seen: false, reverted: true, restoredTo: next.value },
        ...edits,
      ].slice(0, MAX_EDITS),
    };
  }
  return { last: next, edits };
};
