// The local PersistentVolume form as a pure function: the user's choices and what the cluster holds (nodes with
// their hostname label, existing PVs with their node and path) in; the effective values (defaults for path,
// name and backing file), the problems per field (src/lib/local-pv.ts validateLocalPV), which of them to show
// yet, the PV manifest and the loop device commands out. Tested with a table (local-volume-form-model.test.ts).
import {
  buildLocalPV,
  loopDeviceCommands,
  normalizePath,
  parseLabels,
  validateLocalPV,
} from '../../../lib/local-pv';
import type {
  LocalAccessMode,
  LocalPVContext,
  LocalPVFieldProblem,
  LocalReclaimPolicy,
  LocalVolumeMode,
} from '../../../lib/local-pv';
import { suggestName } from '../../../lib/k8s-names';

export const DEFAULT_PATHS: Record<LocalVolumeMode, string> = {
  Block: '/dev/loop10',
  Filesystem: '/mnt/local-storage/local/disk1',
};

export interface LocalVolumeFormState {
  node: string;
  volumeMode: LocalVolumeMode;
  /** Undefined: the mode's default path. */
  path?: string;
  capacity: string;
  /** Undefined: a free name made from mode and node. */
  name?: string;
  storageClassName: string;
  accessMode: LocalAccessMode;
  reclaimPolicy: LocalReclaimPolicy;
  labelsText: string;
  loopBacked: boolean;
  /** Undefined: `/var/local-storage/<device>.img`. */
  backingFile?: string;
  /** Create was pressed: every problem is shown, not only those of the typed fields. */
  touched: boolean;
}

export const initialLocalVolumeState = (initial: {
  node: string;
  capacity: string;
  volumeMode: LocalVolumeMode;
  storageClassName: string;
}): LocalVolumeFormState => ({
  ...initial,
  accessMode: 'ReadWriteOnce',
  reclaimPolicy: 'Delete',
  labelsText: '',
  loopBacked: true,
  touched: false,
});

export type LocalVolumeField = LocalPVFieldProblem['field'];

/** Fields whose problem shows while typing; the others (node, class, labels) once Create was pressed. */
const SHOWN_WHILE_TYPING: ReadonlySet<LocalVolumeField> = new Set([
  'path',
  'name',
  'capacity',
  'backingFile',
]);

export const defaultLocalVolumeName = (
  mode: LocalVolumeMode,
  node: string,
  taken: ReadonlySet<string>,
): string => {
  const base = suggestName(`local-${mode === 'Block' ? 'block' : 'fs'}-pv-${node || 'node'}`);
  if (!taken.has(base)) return base;
  for (let i = 2; ; i += 1) {
    const candidate = `${base}-${String(i)}`;
    if (!taken.has(candidate)) return candidate;
  }
};

const deviceFileName = (device: string): string =>
  normalizePath(device).split('/').pop() || 'loop-device';

export interface LocalVolumeFormModel {
  path: string;
  name: string;
  backingFile: string;
  makesLoopDevice: boolean;
  problems: LocalPVFieldProblem[];
  /** The problem shown beside a field now (see SHOWN_WHILE_TYPING). */
  shown: (field: LocalVolumeField) => LocalPVFieldProblem | undefined;
  manifest: ReturnType<typeof buildLocalPV>;
  commands: string[] | undefined;
}

export const localVolumeFormModel = (
  state: LocalVolumeFormState,
  context: LocalPVContext,
): LocalVolumeFormModel => {
  const path = state.path ?? DEFAULT_PATHS[state.volumeMode];
  const name =
    state.name ??
    defaultLocalVolumeName(
      state.volumeMode,
      state.node,
      new Set(context.existing.map((pv) => pv.name)),
    );
  const backingFile = state.backingFile ?? `/var/local-storage/${deviceFileName(path)}.img`;
  const makesLoopDevice = state.volumeMode === 'Block' && state.loopBacked;
  const problems = validateLocalPV(
    {
      name,
      node: state.node,
      path,
      capacity: state.capacity,
      storageClassName: state.storageClassName,
      labelsText: state.labelsText,
      ...(makesLoopDevice ? { backingFile } : {}),
    },
    context,
  );
  return {
    path,
    name,
    backingFile,
    makesLoopDevice,
    problems,
    shown: (field) =>
      state.touched || SHOWN_WHILE_TYPING.has(field)
        ? problems.find((p) => p.field === field)
        : undefined,
    manifest: buildLocalPV({
      name,
      hostname: context.nodes.get(state.node) ?? state.node,
      volumeMode: state.volumeMode,
      path,
      capacity: state.capacity,
      storageClassName: state.storageClassName,
      accessMode: state.accessMode,
      reclaimPolicy: state.reclaimPolicy,
      labels: parseLabels(state.labelsText).labels,
    }),
    commands: makesLoopDevice
      ? loopDeviceCommands({ backingFile, device: path, capacity: state.capacity })
      : undefined,
  };
};
