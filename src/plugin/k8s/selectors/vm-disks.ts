// Which VMs use a claim, whether a VM is running, and the claim-backed disks of a VM.
import type {
  PersistentVolumeClaimKind,
  VirtualMachineInstanceKind,
  VirtualMachineKind,
  VirtualMachineVolume,
} from '../types';
import { getVMClaimNames, getVMStatus } from './virtual-machine';

/** `namespace/name` of every VM in `vms` whose volumes read claim `namespace/claim`. */
export const vmsUsingClaim = (
  vms: readonly VirtualMachineKind[],
  namespace: string,
  claim: string,
): string[] =>
  vms
    .filter((vm) => vm.metadata?.namespace === namespace && getVMClaimNames(vm).includes(claim))
    .map((vm) => `${vm.metadata?.namespace ?? ''}/${vm.metadata?.name ?? ''}`);

/** `namespace/claim` → VM names, for every VM. */
export const claimUsersIndex = (vms: readonly VirtualMachineKind[]): Map<string, string[]> => {
  const index = new Map<string, string[]>();
  for (const vm of vms) {
    for (const claim of getVMClaimNames(vm)) {
      const key = `${vm.metadata?.namespace ?? ''}/${claim}`;
      const list = index.get(key) ?? [];
      list.push(vm.metadata?.name ?? '');
      index.set(key, list);
    }
  }
  return index;
};

/** Stopped means: no instance and nothing asks for one. Anything else (starting, stopping) is not stopped. */
export const isVMStopped = (
  vm: VirtualMachineKind,
  vmi: VirtualMachineInstanceKind | undefined,
): boolean => {
  if (vmi) return false;
  const status = getVMStatus(vm);
  return status === 'Stopped' || status === 'Halted';
};

/** Whether the VM asks to run (`running: true` or an always-on run strategy). */
export const vmWantsToRun = (vm: VirtualMachineKind): boolean => {
  const strategy = vm.spec?.runStrategy;
  if (strategy) return strategy === 'Always' || strategy === 'RerunOnFailure';
  return vm.spec?.running === true;
};

/** The VM's volumes backed by a claim (PVC or DataVolume). */
export const claimVolumes = (
  vm: VirtualMachineKind,
): { volume: VirtualMachineVolume; claim: string }[] =>
  (vm.spec?.template.spec?.volumes ?? []).flatMap((volume) => {
    const claim = volume.persistentVolumeClaim?.claimName ?? volume.dataVolume?.name;
    return claim ? [{ volume, claim }] : [];
  });

/** Bytes the claim holds: its bound capacity, else its request. */
export const claimSize = (pvc: PersistentVolumeClaimKind): string | undefined =>
  pvc.status?.capacity?.storage ?? pvc.spec?.resources?.requests?.storage;

/** The DataVolume that owns a claim (CDI names them alike), if any. */
export const owningDataVolume = (pvc: PersistentVolumeClaimKind): string | undefined =>
  pvc.metadata?.ownerReferences?.find((o) => o.kind === 'DataVolume')?.name;
