// The JSON patch that force-binds an object: annotation `cdi.kubevirt.io/storage.bind.immediate.requested`
// (kubevirt/containerized-data-importer pkg/controller/common/util.go `AnnImmediateBinding`; any value, virtctl
// writes ""). Pure.
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';

export const FORCE_BIND_ANNOTATION = 'cdi.kubevirt.io/storage.bind.immediate.requested';

/** Phases in which CDI waits for a consumer: force-binding moves them on. */
export const WAITING_FOR_CONSUMER = new Set(['WaitForFirstConsumer', 'PendingPopulation']);

const escapeJsonPointer = (s: string): string => s.replace(/~/g, '~0').replace(/\//g, '~1');

/** The JSON patch that adds the force-bind annotation to `obj` (none when it has it). */
export const forceBindPatch = (
  obj: K8sResourceCommon,
): { op: 'add'; path: string; value: unknown }[] => {
  const annotations = obj.metadata?.annotations;
  if (annotations && FORCE_BIND_ANNOTATION in annotations) return [];
  return annotations
    ? [
        {
          op: 'add',
          path: `/metadata/annotations/${escapeJsonPointer(FORCE_BIND_ANNOTATION)}`,
          value: '',
        },
      ]
    : [{ op: 'add', path: '/metadata/annotations', value: { [FORCE_BIND_ANNOTATION]: '' } }];
};
