import { describe, expect, it } from 'vitest';
import { observe } from './direct-edit-observer';
import type { Observation, ObserverState } from './direct-edit-observer';

const at = (value: string | undefined, generation: number, owner = 'hpp'): Observation => ({
  spec: JSON.stringify(value ? { scratchSpaceStorageClass: value } : {}),
  value,
  generation,
  owner,
});
const run = (observations: Observation[], active = true): ObserverState =>
  observations.reduce<ObserverState>((state, o) => observe(state, o, active), {
    last: undefined,
    edits: [],
  });

describe('direct edits of CDIConfig', () => {
  it('sees an edit and its revert when both are observed', () => {
    expect(run([at('hpp', 3), at('local', 4), at('hpp', 5)]).edits).toEqual([
      { value: 'local', seen: true, reverted: true, restoredTo: 'hpp' },
    ]);
  });

  it('infers a revert from the generation when the edit itself was not observed', () => {
    expect(run([at('hpp', 3), at('hpp', 5)]).edits).toEqual([
      { value: undefined, seen: false, reverted: true, restoredTo: 'hpp' },
    ]);
  });

  it('does not take the owner change reaching CDIConfig first for a direct edit', () => {
    const state = run([at('hpp', 3, 'hpp'), at('new', 4, 'hpp'), at('new', 4, 'new')]);
    expect(state.edits).toEqual([]);
  });

  it('records nothing when CDIConfig has no owner, or nothing changed', () => {
    expect(run([at('hpp', 3), at('local', 4)], false).edits).toEqual([]);
    const state = run([at('hpp', 3)]);
    expect(observe(state, at('hpp', 3), true)).toBe(state);
  });
});
