// The move-disk wizard's step, locks and Next blockers derived from the cluster. Clone phases are CDI's
// DataVolume phases (kubevirt/containerized-data-importer pkg/apis/core/v1beta1/types.go).
import { describe, expect, it } from 'vitest';
import { moveWizardState } from './move-steps';
import type { MoveStepFacts, MoveStepId, NextBlock } from './move-steps';

const fresh: MoveStepFacts = {
  claimChosen: false,
  claimExists: false,
  sharedDisk: false,
  permission: 'allowed',
  vmRunning: false,
  nodeChosen: false,
  pvChosen: false,
  targetRefused: false,
  cloneStarted: false,
  clonePhase: undefined,
  hasVM: true,
  rewired: false,
  restartPending: false,
};
const chosen: MoveStepFacts = { ...fresh, claimChosen: true, claimExists: true };
const targeted: MoveStepFacts = { ...chosen, nodeChosen: true, pvChosen: true };
const cloning: MoveStepFacts = { ...targeted, cloneStarted: true, clonePhase: 'CloneInProgress' };
const cloned: MoveStepFacts = { ...cloning, clonePhase: 'Succeeded' };

type Row = [
  string,
  MoveStepFacts,
  MoveStepId,
  MoveStepId[],
  Partial<Record<MoveStepId, NextBlock | undefined>>,
];

const rows: Row[] = [
  ['nothing chosen', fresh, 'disk', ['target', 'clone', 'rewire', 'done'], { disk: 'choose-disk' }],
  [
    'a claim that does not exist',
    { ...fresh, claimChosen: true },
    'disk',
    ['target', 'clone', 'rewire', 'done'],
    { disk: 'claim-missing' },
  ],
  [
    'a disk two VMs use',
    { ...chosen, sharedDisk: true },
    'disk',
    ['target', 'clone', 'rewire', 'done'],
    { disk: 'shared-disk' },
  ],
  [
    'permissions still being checked',
    { ...chosen, permission: 'checking' },
    'disk',
    ['target', 'clone', 'rewire', 'done'],
    { disk: 'checking-permission' },
  ],
  [
    'no right to clone',
    { ...chosen, permission: 'denied' },
    'disk',
    ['target', 'clone', 'rewire', 'done'],
    { disk: 'permission-denied' },
  ],
  [
    'a disk chosen',
    chosen,
    'disk',
    ['clone', 'rewire', 'done'],
    { disk: undefined, target: 'choose-node' },
  ],
  [
    'the VM still runs',
    { ...targeted, vmRunning: true },
    'target',
    ['clone', 'rewire', 'done'],
    { target: 'vm-running' },
  ],
  [
    'a node without a PV (back from the local volume form)',
    { ...chosen, nodeChosen: true },
    'target',
    ['clone', 'rewire', 'done'],
    { target: 'choose-pv' },
  ],
  [
    'a refused target',
    { ...targeted, targetRefused: true },
    'target',
    ['clone', 'rewire', 'done'],
    { target: 'target-refused' },
  ],
  [
    'a usable target, no clone yet',
    targeted,
    'target',
    ['clone', 'rewire', 'done'],
    { target: 'start-clone' },
  ],
  [
    'a clone found before its phase was read',
    { ...targeted, cloneStarted: true },
    'clone',
    ['disk', 'target', 'rewire', 'done'],
    { clone: 'clone-running' },
  ],
  [
    'a clone under way (resumed)',
    cloning,
    'clone',
    ['disk', 'target', 'rewire', 'done'],
    { clone: 'clone-running', target: undefined },
  ],
  [
    'a failed clone',
    { ...cloning, clonePhase: 'Failed' },
    'clone',
    ['disk', 'target', 'rewire', 'done'],
    { clone: 'clone-failed' },
  ],
  [
    'a finished clone, VM not re-wired',
    cloned,
    'rewire',
    ['disk', 'target', 'done'],
    { clone: undefined, rewire: 'rewire-first' },
  ],
  [
    're-wired, VM stopped by the wizard',
    { ...cloned, rewired: true, restartPending: true },
    'rewire',
    ['disk', 'target'],
    { rewire: undefined },
  ],
  [
    're-wired and running again',
    { ...cloned, rewired: true },
    'done',
    ['disk', 'target'],
    { rewire: undefined, done: undefined },
  ],
  [
    'a claim without a VM, cloned',
    { ...cloned, hasVM: false },
    'done',
    ['disk', 'target'],
    { rewire: undefined },
  ],
];

describe('moveWizardState', () => {
  it.each(rows)('%s', (_name, facts, current, locked, blocks) => {
    const state = moveWizardState(facts);
    expect(state.current).toBe(current);
    expect(state.steps.filter((s) => s.locked).map((s) => s.id)).toEqual(locked);
    for (const [id, block] of Object.entries(blocks)) {
      expect(state.steps.find((s) => s.id === id)?.blockedBy).toBe(block);
    }
    // The step opened is never a locked one.
    expect(locked).not.toContain(current);
  });
});
