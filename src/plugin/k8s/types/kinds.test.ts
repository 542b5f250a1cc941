// Compile-time checks (`tsc --noEmit` fails if one breaks): every kind the plugin watches fits the console SDK's
// `K8sResourceCommon`, which `useK8sWatchResource<R>` requires, and the hand-written kinds keep the upstream
// shapes their files name (HostPathProvisioner: kubevirt/hostpath-provisioner-operator v1alpha1 `useNamingPrefix`
// string, v1beta1 bool; HyperConverged: kubevirt/hyperconverged-cluster-operator api/v1 `spec.storage`).
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { describe, expectTypeOf, it } from 'vitest';
import type {
  CDIConfigKind,
  CDIKind,
  ConfigMapKind,
  DataVolumeKind,
  EventKind,
  HostPathProvisionerKind,
  HyperConvergedKind,
  MachineConfigKind,
  MachineConfigPoolKind,
  NodeKind,
  PersistentVolumeClaimKind,
  PersistentVolumeKind,
  PodKind,
  StorageClassKind,
  StorageProfileKind,
  VirtualMachineInstanceKind,
  VirtualMachineKind,
} from '.';

describe('k8s kinds', () => {
  it('fit K8sResourceCommon', () => {
    expectTypeOf<NodeKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<StorageClassKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<PersistentVolumeKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<PersistentVolumeClaimKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<DataVolumeKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<VirtualMachineKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<VirtualMachineInstanceKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<ConfigMapKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<PodKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<EventKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<CDIKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<CDIConfigKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<StorageProfileKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<HyperConvergedKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<HostPathProvisionerKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<MachineConfigPoolKind>().toExtend<K8sResourceCommon>();
    expectTypeOf<MachineConfigKind>().toExtend<K8sResourceCommon>();
  });

  it('keep the upstream shapes of the hand-written kinds', () => {
    type PathConfig = NonNullable<NonNullable<HostPathProvisionerKind['spec']>['pathConfig']>;
    expectTypeOf<'true'>().toExtend<NonNullable<PathConfig['useNamingPrefix']>>();
    expectTypeOf<true>().toExtend<NonNullable<PathConfig['useNamingPrefix']>>();
    type HcoStorage = NonNullable<NonNullable<HyperConvergedKind['spec']>['storage']>;
    expectTypeOf<HcoStorage['scratchSpaceStorageClass']>().toEqualTypeOf<string | undefined>();
    // A present VirtualMachine spec needs its template (kubevirt/kubevirt: `VirtualMachineSpec.Template` required).
    expectTypeOf<NonNullable<VirtualMachineKind['spec']>['template']>().not.toBeUndefined();
  });
});
