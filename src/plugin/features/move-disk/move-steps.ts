// Where the move-disk wizard stands, derived from what the cluster shows (the labelled clone, its phase, the VM's
// volumes) and what the user chose: the step to open, the steps that are locked because going back makes no sense
// (once a clone exists, choosing another disk or target would start a second one), and why Next is unavailable.
// The clone's phase is CDI's DataVolume phase (kubevirt/containerized-data-importer
// pkg/apis/core/v1beta1/types.go: Succeeded and Failed end a clone, everything else is still under way).

export const MOVE_STEPS = ['disk', 'target', 'clone', 'rewire', 'done'] as const;
export type MoveStepId = (typeof MOVE_STEPS)[number];

/** Why Next is unavailable on a step (translated by the page). */
export type NextBlock =
  | 'choose-disk'
  | 'claim-missing'
  | 'shared-disk'
  | 'checking-permission'
  | 'permission-denied'
  | 'vm-running'
  | 'choose-node'
  | 'choose-pv'
  | 'target-refused'
  | 'start-clone'
  | 'clone-running'
  | 'clone-failed'
  | 'rewire-first';

export interface MoveStepFacts {
  /** A source claim is chosen (from a VM's disk or the claim in the URL). */
  claimChosen: boolean;
  /** The chosen claim exists (false while unknown only when the lists have not loaded). */
  claimExists: boolean;
  sharedDisk: boolean;
  permission: 'checking' | 'allowed' | 'denied';
  vmRunning: boolean;
  nodeChosen: boolean;
  pvChosen: boolean;
  /** A refusal against the chosen node or PV. */
  targetRefused: boolean;
  /** A clone of this move exists (named in the URL or found by its labels). */
  cloneStarted: boolean;
  /** The clone DataVolume's phase, when it has been read. */
  clonePhase: string | undefined;
  /** The move has a VM to re-wire (the wizard was opened for a VM's disk in the clone's namespace). */
  hasVM: boolean;
  rewired: boolean;
  /** The wizard stopped the VM and it is still stopped: a resumed move opens where it can be started. */
  restartPending: boolean;
}

export interface MoveStepState {
  id: MoveStepId;
  /** Not reachable: before its prerequisites, or behind a clone that exists. */
  locked: boolean;
  /** Why Next is unavailable here; undefined when it may be pressed. */
  blockedBy: NextBlock | undefined;
}

export interface MoveWizardState {
  current: MoveStepId;
  steps: MoveStepState[];
}

const diskBlock = (f: MoveStepFacts): NextBlock | undefined => {
  if (!f.claimChosen) return 'choose-disk';
  if (!f.claimExists) return 'claim-missing';
  if (f.sharedDisk) return 'shared-disk';
  if (f.permission === 'checking') return 'checking-permission';
  if (f.permission === 'denied') return 'permission-denied';
  return undefined;
};

const targetBlock = (f: MoveStepFacts): NextBlock | undefined => {
  if (f.vmRunning) return 'vm-running';
  if (!f.nodeChosen) return 'choose-node';
  if (!f.pvChosen) return 'choose-pv';
  if (f.targetRefused) return 'target-refused';
  return f.cloneStarted ? undefined : 'start-clone';
};

const cloneBlock = (f: MoveStepFacts): NextBlock | undefined => {
  if (f.clonePhase === 'Succeeded') return undefined;
  return f.clonePhase === 'Failed' ? 'clone-failed' : 'clone-running';
};

const rewireBlock = (f: MoveStepFacts): NextBlock | undefined =>
  f.hasVM && !f.rewired ? 'rewire-first' : undefined;

export const moveWizardState = (f: MoveStepFacts): MoveWizardState => {
  const blocks: Record<MoveStepId, NextBlock | undefined> = {
    disk: diskBlock(f),
    target: targetBlock(f),
    clone: cloneBlock(f),
    rewire: rewireBlock(f),
    done: undefined,
  };
  const succeeded = f.clonePhase === 'Succeeded';
  const locked: Record<MoveStepId, boolean> = {
    disk: f.cloneStarted,
    target: f.cloneStarted || blocks.disk !== undefined,
    clone: !f.cloneStarted,
    rewire: !succeeded,
    done: !succeeded || blocks.rewire !== undefined,
  };
  let current: MoveStepId;
  if (f.cloneStarted) {
    current = !succeeded
      ? 'clone'
      : blocks.rewire === undefined && !f.restartPending
        ? 'done'
        : 'rewire';
  } else {
    current = !locked.target && (f.nodeChosen || f.pvChosen) ? 'target' : 'disk';
  }
  return {
    current,
    steps: MOVE_STEPS.map((id) => ({ id, locked: locked[id], blockedBy: blocks[id] })),
  };
};
