// The direct edits of CDIConfig.spec seen while the page is open (see direct-edit-observer.ts), kept as state
// derived from the watched objects during render.
import { useState } from 'react';
import { observe } from './direct-edit-observer';
import type { DirectEdit, ObserverState } from './direct-edit-observer';

export type { DirectEdit };

const norm = (v: string | undefined): string | undefined => v || undefined;

export const useDirectEditReverts = (input: {
  active: boolean;
  loaded: boolean;
  spec: Record<string, unknown> | undefined;
  generation: number | undefined;
  ownerValue: string | undefined;
}): DirectEdit[] => {
  const [state, setState] = useState<ObserverState>({ last: undefined, edits: [] });
  if (!input.loaded) return state.edits;
  const next = observe(
    state,
    {
      spec: JSON.stringify(input.spec ?? {}),
      value: norm(input.spec?.scratchSpaceStorageClass as string | undefined),
      generation: input.generation,
      owner: norm(input.ownerValue),
    },
    input.active,
  );
  if (next !== state) setState(next);
  return next.edits;
};
