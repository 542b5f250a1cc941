// Exposed module `moveDiskActions`: console.action/resource-provider hooks that open the move-disk wizard for a
// VirtualMachine, a PersistentVolumeClaim or a DataVolume. Each returns the SDK's `[actions, loaded, error]`.
import { useMemo } from 'react';
import type { Action, ExtensionHookResult } from '@openshift-console/dynamic-plugin-sdk';
import { wizardHref } from '../features/move-disk/wizard-params';
import type { DataVolumeKind, PersistentVolumeClaimKind, VirtualMachineKind } from '../k8s/types';
import { usePluginTranslation } from '../i18n/usePluginTranslation';

type Target = { kind: 'VirtualMachine'; vm: string } | { kind: 'claim'; claim: string };

const useMoveAction = (
  id: string,
  namespace: string | undefined,
  target: Target | undefined,
): ExtensionHookResult<Action[]> => {
  const { t } = usePluginTranslation();
  const label = t('Move to another node');
  const description = t('Clone the disk onto a PersistentVolume of another node');
  const href =
    namespace && target
      ? wizardHref(
          target.kind === 'VirtualMachine'
            ? { ns: namespace, vm: target.vm }
            : { ns: namespace, claim: target.claim },
        )
      : undefined;
  const actions = useMemo<Action[]>(
    () => (href ? [{ id, label, description, cta: { href } }] : []),
    [id, label, description, href],
  );
  return [actions, true, undefined];
};

export const useVirtualMachineMoveActions = (
  vm: VirtualMachineKind | undefined,
): ExtensionHookResult<Action[]> =>
  useMoveAction(
    'vm-disks-move-vm-disk',
    vm?.metadata?.namespace,
    vm?.metadata?.name ? { kind: 'VirtualMachine', vm: vm.metadata.name } : undefined,
  );

export const usePVCMoveActions = (
  pvc: PersistentVolumeClaimKind | undefined,
): ExtensionHookResult<Action[]> =>
  useMoveAction(
    'vm-disks-move-pvc',
    pvc?.metadata?.namespace,
    pvc?.metadata?.name ? { kind: 'claim', claim: pvc.metadata.name } : undefined,
  );

/** A DataVolume's claim has its name. */
export const useDataVolumeMoveActions = (
  dv: DataVolumeKind | undefined,
): ExtensionHookResult<Action[]> =>
  useMoveAction(
    'vm-disks-move-datavolume',
    dv?.metadata?.namespace,
    dv?.metadata?.name ? { kind: 'claim', claim: dv.metadata.name } : undefined,
  );
