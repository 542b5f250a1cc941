// VirtualMachine and VirtualMachineInstance (kubevirt.io/v1) from @kubevirt-ui-ext/kubevirt-api, generated from
// KubeVirt's OpenAPI spec (kubevirt/kubevirt api/openapi-spec/swagger.json).
import type {
  V1VirtualMachine,
  V1VirtualMachineInstance,
  V1Volume,
} from '@kubevirt-ui-ext/kubevirt-api/kubevirt';
import type { Watched } from './common';

export type VirtualMachineVolume = V1Volume;
export type VirtualMachineKind = Watched<V1VirtualMachine>;
export type VirtualMachineInstanceKind = Watched<V1VirtualMachineInstance>;
