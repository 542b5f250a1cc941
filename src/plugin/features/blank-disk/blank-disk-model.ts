// The blank disk form as a pure function: the user's choices, the class's storage defaults and the namespace's
// DataVolumes, VMs and VMIs in; the DataVolume values, the problems per field (src/lib/blank-datavolume.ts), the
// chosen VM, the disk name it will get and whether it runs (a disk is attached only to a stopped VM) out.
// Tested with a table (blank-disk-model.test.ts).
import { validateBlankDisk } from '../../../lib/blank-datavolume';
import type { BlankDiskProblem, BlankDiskValues } from '../../../lib/blank-datavolume';
import type { StorageVolumeMode } from '../../../lib/storage-defaults';
import { freeDiskName } from '../../../lib/vm-volume-patches';
import { isVMStopped } from '../../k8s/selectors/vm-disks';
import type {
  DataVolumeKind,
  VirtualMachineInstanceKind,
  VirtualMachineKind,
} from '../../k8s/types';

export interface BlankDiskState {
  namespace: string;
  name: string;
  size: string;
  storageClassName: string;
  /** Undefined: the class's storage default. */
  accessMode?: string;
  volumeMode?: StorageVolumeMode;
  vmName: string;
  /** Undefined: a free disk name in the VM made from the DataVolume's name. */
  diskName?: string;
}

export interface BlankDiskInput {
  state: BlankDiskState;
  defaults: { accessMode: string; volumeMode: StorageVolumeMode };
  dataVolumes: DataVolumeKind[];
  vms: VirtualMachineKind[];
  vmis: VirtualMachineInstanceKind[];
}

export interface BlankDiskModel {
  values: BlankDiskValues;
  problems: BlankDiskProblem[];
  /** The VMs of the namespace (a disk attaches only within it). */
  vms: VirtualMachineKind[];
  vm: VirtualMachineKind | undefined;
  stopped: (vm: VirtualMachineKind) => boolean;
  diskName: string;
  vmRunning: boolean;
}

export const blankDiskModel = ({
  state,
  defaults,
  dataVolumes,
  vms,
  vmis,
}: BlankDiskInput): BlankDiskModel => {
  const { namespace } = state;
  const values: BlankDiskValues = {
    name: state.name,
    namespace,
    size: state.size,
    storageClassName: state.storageClassName,
    accessMode: state.accessMode ?? defaults.accessMode,
    volumeMode: state.volumeMode ?? defaults.volumeMode,
  };
  const taken = dataVolumes
    .filter((dv) => dv.metadata?.namespace === namespace)
    .map((dv) => dv.metadata?.name ?? '');
  const nsVMs = namespace ? vms.filter((v) => v.metadata?.namespace === namespace) : [];
  const vm = nsVMs.find((v) => v.metadata?.name === state.vmName);
  const stopped = (v: VirtualMachineKind) =>
    isVMStopped(
      v,
      vmis.find(
        (i) => i.metadata?.name === v.metadata?.name && i.metadata?.namespace === namespace,
      ),
    );
  return {
    values,
    problems: validateBlankDisk(values, taken),
    vms: nsVMs,
    vm,
    stopped,
    diskName: state.diskName ?? (vm ? freeDiskName(vm, state.name.trim() || 'blank') : ''),
    vmRunning: vm ? !stopped(vm) : false,
  };
};
