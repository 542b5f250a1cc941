// Models the HostPathProvisioner setup needs beyond models.ts: both HostPathProvisioner versions, machine config
// pools, pods and events. Type-only SDK imports, like models.ts.
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { HostPathProvisionerModel, MachineConfigModel } from './models';

export const HostPathProvisionerV1alpha1Model: K8sModel = {
  ...HostPathProvisionerModel,
  apiVersion: 'v1alpha1',
};

/** The HostPathProvisioner model of a served version. */
export const hostPathProvisionerModelFor = (version: string): K8sModel =>
  version === 'v1alpha1' ? HostPathProvisionerV1alpha1Model : HostPathProvisionerModel;

export const MachineConfigPoolModel: K8sModel = {
  ...MachineConfigModel,
  kind: 'MachineConfigPool',
  plural: 'machineconfigpools',
  abbr: 'MCP',
  label: 'MachineConfigPool',
  labelPlural: 'MachineConfigPools',
};

export const PodModel: K8sModel = {
  apiVersion: 'v1',
  kind: 'Pod',
  plural: 'pods',
  abbr: 'P',
  label: 'Pod',
  labelPlural: 'Pods',
  namespaced: true,
};

export const EventModel: K8sModel = {
  apiVersion: 'v1',
  kind: 'Event',
  plural: 'events',
  abbr: 'E',
  label: 'Event',
  labelPlural: 'Events',
  namespaced: true,
};

/** Where the HostPathProvisioner operator runs its provisioner DaemonSets (OpenShift Virtualization). */
export const HPP_NAMESPACE = 'openshift-cnv';
export const LEGACY_PROVISIONER_APP = 'hostpath-provisioner';
export const CSI_PROVISIONER_APP = 'hostpath-provisioner-csi';
