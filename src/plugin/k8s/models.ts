// K8sModel constants for every kind the plugin reads or writes, and their GroupVersionKinds. Type-only imports
// from the SDK, so this module stays importable from unit tests and from pure code.
import type { K8sGroupVersionKind, K8sModel } from '@openshift-console/dynamic-plugin-sdk';

/** The active-namespace value that means "all projects". */
export const ALL_NAMESPACES_KEY = '#ALL_NS#';

export const NodeModel: K8sModel = {
  apiVersion: 'v1',
  kind: 'Node',
  plural: 'nodes',
  abbr: 'N',
  label: 'Node',
  labelPlural: 'Nodes',
  namespaced: false,
};

export const ConfigMapModel: K8sModel = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  plural: 'configmaps',
  abbr: 'CM',
  label: 'ConfigMap',
  labelPlural: 'ConfigMaps',
  namespaced: true,
};

export const PersistentVolumeModel: K8sModel = {
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  plural: 'persistentvolumes',
  abbr: 'PV',
  label: 'PersistentVolume',
  labelPlural: 'PersistentVolumes',
  namespaced: false,
};

export const PersistentVolumeClaimModel: K8sModel = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  abbr: 'PVC',
  label: 'PersistentVolumeClaim',
  labelPlural: 'PersistentVolumeClaims',
  namespaced: true,
};

export const StorageClassModel: K8sModel = {
  apiGroup: 'storage.k8s.io',
  apiVersion: 'v1',
  kind: 'StorageClass',
  plural: 'storageclasses',
  abbr: 'SC',
  label: 'StorageClass',
  labelPlural: 'StorageClasses',
  namespaced: false,
};

export const DataVolumeModel: K8sModel = {
  apiGroup: 'cdi.kubevirt.io',
  apiVersion: 'v1beta1',
  kind: 'DataVolume',
  plural: 'datavolumes',
  abbr: 'DV',
  label: 'DataVolume',
  labelPlural: 'DataVolumes',
  namespaced: true,
  crd: true,
};

export const StorageProfileModel: K8sModel = {
  apiGroup: 'cdi.kubevirt.io',
  apiVersion: 'v1beta1',
  kind: 'StorageProfile',
  plural: 'storageprofiles',
  abbr: 'SP',
  label: 'StorageProfile',
  labelPlural: 'StorageProfiles',
  namespaced: false,
  crd: true,
};

export const CDIConfigModel: K8sModel = {
  apiGroup: 'cdi.kubevirt.io',
  apiVersion: 'v1beta1',
  kind: 'CDIConfig',
  plural: 'cdiconfigs',
  abbr: 'CDIC',
  label: 'CDIConfig',
  labelPlural: 'CDIConfigs',
  namespaced: false,
  crd: true,
};

export const CDIModel: K8sModel = {
  apiGroup: 'cdi.kubevirt.io',
  apiVersion: 'v1beta1',
  kind: 'CDI',
  plural: 'cdis',
  abbr: 'CDI',
  label: 'CDI',
  labelPlural: 'CDIs',
  namespaced: false,
  crd: true,
};

export const VirtualMachineModel: K8sModel = {
  apiGroup: 'kubevirt.io',
  apiVersion: 'v1',
  kind: 'VirtualMachine',
  plural: 'virtualmachines',
  abbr: 'VM',
  label: 'VirtualMachine',
  labelPlural: 'VirtualMachines',
  namespaced: true,
  crd: true,
};

export const VirtualMachineInstanceModel: K8sModel = {
  apiGroup: 'kubevirt.io',
  apiVersion: 'v1',
  kind: 'VirtualMachineInstance',
  plural: 'virtualmachineinstances',
  abbr: 'VMI',
  label: 'VirtualMachineInstance',
  labelPlural: 'VirtualMachineInstances',
  namespaced: true,
  crd: true,
};

export const HostPathProvisionerModel: K8sModel = {
  apiGroup: 'hostpathprovisioner.kubevirt.io',
  apiVersion: 'v1beta1',
  kind: 'HostPathProvisioner',
  plural: 'hostpathprovisioners',
  abbr: 'HPP',
  label: 'HostPathProvisioner',
  labelPlural: 'HostPathProvisioners',
  namespaced: false,
  crd: true,
};

export const MachineConfigModel: K8sModel = {
  apiGroup: 'machineconfiguration.openshift.io',
  apiVersion: 'v1',
  kind: 'MachineConfig',
  plural: 'machineconfigs',
  abbr: 'MC',
  label: 'MachineConfig',
  labelPlural: 'MachineConfigs',
  namespaced: false,
  crd: true,
};

export const HyperConvergedModel: K8sModel = {
  apiGroup: 'hco.kubevirt.io',
  apiVersion: 'v1beta1',
  kind: 'HyperConverged',
  plural: 'hyperconvergeds',
  abbr: 'HCO',
  label: 'HyperConverged',
  labelPlural: 'HyperConvergeds',
  namespaced: true,
  crd: true,
};

/**
 * HyperConverged at the version the cluster serves: `v1` (the storage version since HCO 1.x, where the scratch
 * class is `spec.storage.scratchSpaceStorageClass`, kubevirt/hyperconverged-cluster-operator api/v1/
 * hyperconverged_types.go `StorageConfig`) when served, else `v1beta1` (`spec.scratchSpaceStorageClass`,
 * api/v1beta1/hyperconverged_types.go). `undefined` when neither is served.
 */
export const hyperConvergedModelFor = (served: readonly string[]): K8sModel | undefined => {
  if (served.includes('v1')) return { ...HyperConvergedModel, apiVersion: 'v1' };
  if (served.includes('v1beta1')) return HyperConvergedModel;
  return undefined;
};

/** The GroupVersionKind of a model (what `useK8sWatchResource` and `ResourceLink` take). */
export const gvkOf = (model: K8sModel): K8sGroupVersionKind =>
  model.apiGroup
    ? { group: model.apiGroup, version: model.apiVersion, kind: model.kind }
    : { version: model.apiVersion, kind: model.kind };

/** `apiVersion` as written in a manifest: `v1` or `group/version`. */
export const apiVersionOf = (model: K8sModel): string =>
  model.apiGroup ? `${model.apiGroup}/${model.apiVersion}` : model.apiVersion;
