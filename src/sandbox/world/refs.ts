import type { KindRef } from '../contract';

/** Kind references used across the world's seed, admission hooks and controllers. */
export const NODE: KindRef = { group: '', kind: 'Node' };
export const NAMESPACE: KindRef = { group: '', kind: 'Namespace' };
export const PV: KindRef = { group: '', kind: 'PersistentVolume' };
export const PVC: KindRef = { group: '', kind: 'PersistentVolumeClaim' };
export const POD: KindRef = { group: '', kind: 'Pod' };
export const EVENT: KindRef = { group: '', kind: 'Event' };
export const CONFIG_MAP: KindRef = { group: '', kind: 'ConfigMap' };
export const STORAGE_CLASS: KindRef = { group: 'storage.k8s.io', kind: 'StorageClass' };
export const CSI_DRIVER: KindRef = { group: 'storage.k8s.io', kind: 'CSIDriver' };
export const VOLUME_UPLOAD_SOURCE: KindRef = {
  group: 'cdi.kubevirt.io',
  kind: 'VolumeUploadSource',
};
export const VOLUME_IMPORT_SOURCE: KindRef = {
  group: 'cdi.kubevirt.io',
  kind: 'VolumeImportSource',
};
export const MACHINE_CONFIG: KindRef = {
  group: 'machineconfiguration.openshift.io',
  kind: 'MachineConfig',
};
export const MACHINE_CONFIG_POOL: KindRef = {
  group: 'machineconfiguration.openshift.io',
  kind: 'MachineConfigPool',
};
export const HPP: KindRef = {
  group: 'hostpathprovisioner.kubevirt.io',
  kind: 'HostPathProvisioner',
};
export const DATA_VOLUME: KindRef = { group: 'cdi.kubevirt.io', kind: 'DataVolume' };
export const CDI: KindRef = { group: 'cdi.kubevirt.io', kind: 'CDI' };
export const CDI_CONFIG: KindRef = { group: 'cdi.kubevirt.io', kind: 'CDIConfig' };
export const STORAGE_PROFILE: KindRef = { group: 'cdi.kubevirt.io', kind: 'StorageProfile' };
export const UPLOAD_TOKEN_REQUEST: KindRef = {
  group: 'upload.cdi.kubevirt.io',
  kind: 'UploadTokenRequest',
};
export const VM: KindRef = { group: 'kubevirt.io', kind: 'VirtualMachine' };
export const VMI: KindRef = { group: 'kubevirt.io', kind: 'VirtualMachineInstance' };
export const HYPERCONVERGED: KindRef = { group: 'hco.kubevirt.io', kind: 'HyperConverged' };

export const CNV_NAMESPACE = 'openshift-cnv';
export const STORAGE_DEFAULTS_CONFIG_MAP = 'kubevirt-storage-class-defaults';
