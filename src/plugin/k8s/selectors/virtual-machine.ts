// Pure getters for VirtualMachine and VirtualMachineInstance objects.
import type { VirtualMachineInstanceKind, VirtualMachineKind } from '../types';

/** `status.printableStatus` (what `oc get vm` shows), else derived from `spec.running` / `runStrategy`. */
export const getVMStatus = (vm: VirtualMachineKind): string => {
  if (vm.status?.printableStatus) return vm.status.printableStatus;
  const { running, runStrategy } = vm.spec ?? {};
  if (running === true || runStrategy === 'Always' || runStrategy === 'RerunOnFailure') {
    return vm.status?.ready ? 'Running' : 'Starting';
  }
  return 'Stopped';
};

const key = (namespace: string | undefined, name: string | undefined): string =>
  `${namespace ?? ''}/${name ?? ''}`;

/** `namespace/name` → node name of every running instance. */
export const vmiNodeIndex = (vmis: readonly VirtualMachineInstanceKind[]): Map<string, string> => {
  const index = new Map<string, string>();
  for (const vmi of vmis) {
    const node = vmi.status?.nodeName;
    if (node) index.set(key(vmi.metadata?.namespace, vmi.metadata?.name), node);
  }
  return index;
};

/** The node a VM runs on (its instance has the same name and namespace). */
export const getVMNodeName = (
  vm: VirtualMachineKind,
  index: ReadonlyMap<string, string>,
): string | undefined => index.get(key(vm.metadata?.namespace, vm.metadata?.name));

/** Names of the PVCs a VM uses (DataVolume volumes are backed by a PVC of the same name). */
export const getVMClaimNames = (vm: VirtualMachineKind): string[] => {
  const names: string[] = [];
  for (const volume of vm.spec?.template.spec?.volumes ?? []) {
    const name = volume.persistentVolumeClaim?.claimName ?? volume.dataVolume?.name;
    if (name && !names.includes(name)) names.push(name);
  }
  return names;
};
