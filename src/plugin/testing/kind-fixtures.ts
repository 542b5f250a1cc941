// Fillers for the fields the generated kinds mark required, so a test states only the fields it checks.
import type {
  V1VirtualMachineInstanceTemplateSpec,
  V1Volume,
} from '@kubevirt-ui-ext/kubevirt-api/kubevirt';
import type { NodeSystemInfo } from 'kubernetes-types/core/v1';
import type { StorageClassKind } from '../k8s/types';

/** `status.nodeInfo` of a Node: the kubelet fills every field (kubernetes-types core/v1 `NodeSystemInfo`). */
export const nodeInfo = (fields: Partial<NodeSystemInfo>): NodeSystemInfo => ({
  architecture: 'amd64',
  bootID: '',
  containerRuntimeVersion: '',
  kernelVersion: '',
  kubeProxyVersion: '',
  kubeletVersion: '',
  machineID: '',
  operatingSystem: 'linux',
  osImage: '',
  systemUUID: '',
  ...fields,
});

/** `spec.template` of a VirtualMachine (required), with these volumes and an empty `domain.devices`. */
export const vmTemplate = (volumes: V1Volume[] = []): V1VirtualMachineInstanceTemplateSpec => ({
  spec: { domain: { devices: {} }, volumes },
});

/** A StorageClass of the HostPathProvisioner with this binding mode, the cluster default when `isDefault`. */
export const storageClass = (
  name: string,
  mode: 'Immediate' | 'WaitForFirstConsumer',
  isDefault = false,
): StorageClassKind => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: {
    name,
    ...(isDefault
      ? { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }
      : {}),
  },
  provisioner: 'kubevirt.io.hostpath-provisioner',
  volumeBindingMode: mode,
});
