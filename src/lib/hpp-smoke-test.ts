// The HostPathProvisioner smoke test's objects and its reading of the outcome: a small blank DataVolume on the
// new class, a consumer pod pinned to the chosen node (so a WaitForFirstConsumer class provisions there), and
// the recognition of a provisioning failure caused by a missing SELinux label. Pure.

const SMOKE_TEST_LABEL = 'vm-disks.io/hpp-smoke-test';
const SMOKE_TEST_SIZE = '64Mi';
const HOSTNAME_LABEL = 'kubernetes.io/hostname';

export interface SmokeTestInput {
  name: string;
  namespace: string;
  storageClass: string;
  node: string;
}

export const smokeDataVolume = ({ name, namespace, storageClass }: SmokeTestInput) => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name, namespace, labels: { [SMOKE_TEST_LABEL]: 'true' } },
  spec: {
    source: { blank: {} },
    // The HostPathProvisioner serves ReadWriteOnce Filesystem volumes only.
    pvc: {
      accessModes: ['ReadWriteOnce'],
      volumeMode: 'Filesystem',
      resources: { requests: { storage: SMOKE_TEST_SIZE } },
      storageClassName: storageClass,
    },
  },
});

export const smokeConsumerPod = ({ name, namespace, node }: SmokeTestInput) => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: {
    name: `${name}-consumer`,
    namespace,
    labels: { [SMOKE_TEST_LABEL]: 'true' },
  },
  spec: {
    nodeSelector: { [HOSTNAME_LABEL]: node },
    restartPolicy: 'Never',
    terminationGracePeriodSeconds: 0,
    containers: [
      {
        name: 'consumer',
        image: 'registry.access.redhat.com/ubi9/ubi-minimal:latest',
        command: ['/bin/sh', '-c', 'ls /disk && sleep 3600'],
        volumeMounts: [{ name: 'disk', mountPath: '/disk' }],
      },
    ],
    volumes: [{ name: 'disk', persistentVolumeClaim: { claimName: name } }],
  },
});

/** A unique DNS-1123 name for one run. */
export const smokeTestName = (random: string): string =>
  `hpp-smoke-${
    random
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '')
      .slice(0, 8) || 'run'
  }`;

export interface EventLike {
  type?: string;
  reason?: string;
  message?: string;
}

export type ProvisioningDiagnosis =
  { kind: 'selinux'; message: string } | { kind: 'failed'; message: string } | undefined;

/**
 * Reads a claim's events: a `ProvisioningFailed` whose message says "Permission denied" is the missing
 * `container_file_t` label on the backing directory (seed: "this causes Permission denied").
 */
export const diagnoseProvisioning = (events: readonly EventLike[]): ProvisioningDiagnosis => {
  const failures = events.filter((e) => e.reason === 'ProvisioningFailed');
  const last = failures.at(-1);
  if (!last) return undefined;
  const message = last.message ?? '';
  return /permission denied/i.test(message)
    ? { kind: 'selinux', message }
    : { kind: 'failed', message };
};

interface NodeSelectorTermLike {
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** The node a local PV is pinned to, from its required node affinity (either topology key). */
export const nodeOfVolume = (pv: {
  spec?: { nodeAffinity?: { required?: { nodeSelectorTerms?: NodeSelectorTermLike[] } } };
}): string | undefined => {
  for (const term of pv.spec?.nodeAffinity?.required?.nodeSelectorTerms ?? []) {
    for (const e of term.matchExpressions ?? []) {
      if (e.operator === 'In' && e.values?.length === 1) return e.values[0];
    }
  }
  return undefined;
};
