// K8sModels the host knows without discovery (the console ships the same for its built-in kinds).
import type { K8sModel } from '../k8s-types';

const model = (
  apiGroup: string | undefined,
  apiVersion: string,
  kind: string,
  plural: string,
  abbr: string,
  namespaced: boolean,
  labelPlural = `${kind}s`,
): K8sModel => ({
  ...(apiGroup ? { apiGroup } : {}),
  apiVersion,
  kind,
  plural,
  abbr,
  label: kind,
  labelPlural,
  namespaced,
  ...(apiGroup ? { crd: !apiGroup.endsWith('k8s.io') } : {}),
});

export const NamespaceModel = model(undefined, 'v1', 'Namespace', 'namespaces', 'NS', false);
export const ProjectModel = model('project.openshift.io', 'v1', 'Project', 'projects', 'PR', false);
export const NodeModel = model(undefined, 'v1', 'Node', 'nodes', 'N', false);
export const PodModel = model(undefined, 'v1', 'Pod', 'pods', 'P', true);
export const ConfigMapModel = model(undefined, 'v1', 'ConfigMap', 'configmaps', 'CM', true);
export const SecretModel = model(undefined, 'v1', 'Secret', 'secrets', 'S', true);
export const ServiceModel = model(undefined, 'v1', 'Service', 'services', 'S', true);
export const EventModel = model(undefined, 'v1', 'Event', 'events', 'E', true);
export const PersistentVolumeModel = model(
  undefined,
  'v1',
  'PersistentVolume',
  'persistentvolumes',
  'PV',
  false,
);
export const PersistentVolumeClaimModel = model(
  undefined,
  'v1',
  'PersistentVolumeClaim',
  'persistentvolumeclaims',
  'PVC',
  true,
);
export const StorageClassModel = model(
  'storage.k8s.io',
  'v1',
  'StorageClass',
  'storageclasses',
  'SC',
  false,
  'StorageClasses',
);
export const CSIDriverModel = model(
  'storage.k8s.io',
  'v1',
  'CSIDriver',
  'csidrivers',
  'CSID',
  false,
);
export const DeploymentModel = model('apps', 'v1', 'Deployment', 'deployments', 'D', true);
export const DaemonSetModel = model('apps', 'v1', 'DaemonSet', 'daemonsets', 'DS', true);
export const JobModel = model('batch', 'v1', 'Job', 'jobs', 'J', true);
export const CustomResourceDefinitionModel = model(
  'apiextensions.k8s.io',
  'v1',
  'CustomResourceDefinition',
  'customresourcedefinitions',
  'CRD',
  false,
);
export const SelfSubjectAccessReviewModel = model(
  'authorization.k8s.io',
  'v1',
  'SelfSubjectAccessReview',
  'selfsubjectaccessreviews',
  'SSAR',
  false,
);
export const VirtualMachineModel = model(
  'kubevirt.io',
  'v1',
  'VirtualMachine',
  'virtualmachines',
  'VM',
  true,
);
export const VirtualMachineInstanceModel = model(
  'kubevirt.io',
  'v1',
  'VirtualMachineInstance',
  'virtualmachineinstances',
  'VMI',
  true,
);
export const DataVolumeModel = model(
  'cdi.kubevirt.io',
  'v1beta1',
  'DataVolume',
  'datavolumes',
  'DV',
  true,
);

export const CORE_MODELS: readonly K8sModel[] = [
  NamespaceModel,
  ProjectModel,
  NodeModel,
  PodModel,
  ConfigMapModel,
  SecretModel,
  ServiceModel,
  EventModel,
  PersistentVolumeModel,
  PersistentVolumeClaimModel,
  StorageClassModel,
  CSIDriverModel,
  DeploymentModel,
  DaemonSetModel,
  JobModel,
  CustomResourceDefinitionModel,
  SelfSubjectAccessReviewModel,
  VirtualMachineModel,
  VirtualMachineInstanceModel,
  DataVolumeModel,
];
