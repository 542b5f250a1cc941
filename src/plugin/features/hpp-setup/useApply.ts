// Runs the apply: objects in order, per-object progress, stop at the first error (its API message and what was
// already written are kept for the page).
import { useState } from 'react';
import { applyObject, messageOf, StorageClassConflict } from './apply-objects';
import type { ApplyOutcome } from './apply-objects';
import { planProblems } from './planned-objects';
import type { PlannedObject } from './planned-objects';

export type ObjectProgress =
  | { state: 'pending' }
  | { state: 'running' }
  | { state: 'done'; outcome: ApplyOutcome }
  | { state: 'failed'; message: string; conflict?: { className: string; fields: string[] } };

export interface ApplyRun {
  running: boolean;
  finished: boolean;
  failed: boolean;
  progress: Partial<Record<string, ObjectProgress>>;
}

export const useApply = () => {
  const [run, setRun] = useState<ApplyRun | undefined>(undefined);
  const apply = async (objects: PlannedObject[]): Promise<boolean> => {
    const progress: Record<string, ObjectProgress> = Object.fromEntries(
      objects.map((o) => [o.key, { state: 'pending' }]),
    );
    // Every object is checked before the first is written: a bad name in the last one must not leave the
    // MachineConfig applied.
    const refused = planProblems(objects);
    if (refused.length > 0) {
      for (const p of refused)
        progress[p.key] = { state: 'failed', message: `${p.field}: ${p.detail}` };
      setRun({ running: false, finished: true, failed: true, progress: { ...progress } });
      return false;
    }
    setRun({ running: true, finished: false, failed: false, progress: { ...progress } });
    for (const o of objects) {
      progress[o.key] = { state: 'running' };
      setRun({ running: true, finished: false, failed: false, progress: { ...progress } });
      try {
        const outcome = await applyObject(o.kind, o.object);
        progress[o.key] = { state: 'done', outcome };
      } catch (error) {
        progress[o.key] =
          error instanceof StorageClassConflict
            ? {
                state: 'failed',
                message: error.message,
                conflict: { className: error.className, fields: error.fields },
              }
            : { state: 'failed', message: messageOf(error) };
        setRun({ running: false, finished: true, failed: true, progress: { ...progress } });
        return false;
      }
    }
    setRun({ running: false, finished: true, failed: false, progress: { ...progress } });
    return true;
  };
  return {
    run,
    apply,
    reset: () => {
      setRun(undefined);
    },
  };
};
