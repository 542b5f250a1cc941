import type { KubeObject, SandboxProfile } from '../../contract';
import { CNV_NAMESPACE, STORAGE_DEFAULTS_CONFIG_MAP } from '../refs';

/** Machine configs the installer renders for every cluster (contents reduced to what matters here). */
export function seedMachineConfigs(): KubeObject[] {
  const mc = (name: string, role: string, config: object): KubeObject => ({
    apiVersion: 'machineconfiguration.openshift.io/v1',
    kind: 'MachineConfig',
    metadata: {
      name,
      labels: { 'machineconfiguration.openshift.io/role': role },
      annotations: {
        'machineconfiguration.openshift.io/generated-by-controller-version':
          '9a6f2b1ce3b0d1f4e6c8a7b5d2e1f0a9c8b7d6e5',
      },
    },
    spec: {
      config: { ignition: { version: '3.4.0' }, ...config },
      fips: false,
      kernelType: '',
      osImageURL: '',
    },
  });
  const out: KubeObject[] = [];
  for (const role of ['master', 'worker']) {
    out.push(
      mc(`00-${role}`, role, {
        storage: { files: [{ path: '/etc/kubernetes/kubelet-ca.crt', mode: 420 }] },
      }),
      mc(`01-${role}-container-runtime`, role, {
        storage: { files: [{ path: '/etc/containers/storage.conf', mode: 420 }] },
      }),
      mc(`01-${role}-kubelet`, role, {
        systemd: { units: [{ name: 'kubelet.service', enabled: true }] },
      }),
      mc(`99-${role}-ssh`, role, {
        passwd: {
          users: [
            {
              name: 'core',
              sshAuthorizedKeys: ['ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIlab lab@bastion'],
            },
          ],
        },
      }),
    );
  }
  return out;
}

export function seedMachineConfigPools(
  renderedMaster: string,
  renderedWorker: string,
): KubeObject[] {
  const pool = (name: string, rendered: string, count: number): KubeObject => {
    const nodeRole = `node-role.kubernetes.io/${name}`;
    const source = seedMachineConfigs()
      .filter((m) => m.metadata.labels?.['machineconfiguration.openshift.io/role'] === name)
      .map((m) => ({
        apiVersion: 'machineconfiguration.openshift.io/v1',
        kind: 'MachineConfig',
        name: m.metadata.name,
      }));
    const t = '2026-11-02T08:20:11Z';
    return {
      apiVersion: 'machineconfiguration.openshift.io/v1',
      kind: 'MachineConfigPool',
      metadata: {
        name,
        labels: {
          'machineconfiguration.openshift.io/mco-built-in': '',
          [`pools.operator.machineconfiguration.openshift.io/${name}`]: '',
        },
      },
      spec: {
        configuration: { name: rendered, source },
        machineConfigSelector: { matchLabels: { 'machineconfiguration.openshift.io/role': name } },
        nodeSelector: { matchLabels: { [nodeRole]: '' } },
        paused: false,
      },
      status: {
        configuration: { name: rendered, source },
        machineCount: count,
        readyMachineCount: count,
        updatedMachineCount: count,
        unavailableMachineCount: 0,
        degradedMachineCount: 0,
        observedGeneration: 1,
        conditions: [
          ['RenderDegraded', 'False', ''],
          ['NodeDegraded', 'False', ''],
          ['Degraded', 'False', ''],
          ['Updated', 'True', `All nodes are updated with ${rendered}`],
          ['Updating', 'False', ''],
        ].map(([type, status, message]) => ({
          type,
          status,
          reason: '',
          message,
          lastTransitionTime: t,
        })),
      },
    };
  };
  return [pool('master', renderedMaster, 3), pool('worker', renderedWorker, 2)];
}

/**
 * Storage classes of a fresh bare-metal OpenShift Virtualization lab: the Local Storage Operator's
 * `local` class (static local PVs, WaitForFirstConsumer), marked as the cluster default by the
 * admin because it is the only storage the lab has. That is also what makes the seed's YAML
 * (DataVolumes without `storageClassName`, PVs with `storageClassName: local`) bind as the seed
 * describes. The hostpath-provisioner class does not exist until the user creates it (seed 6.12.1.4).
 */
export function seedStorageClasses(): KubeObject[] {
  return [
    {
      apiVersion: 'storage.k8s.io/v1',
      kind: 'StorageClass',
      metadata: {
        name: 'local',
        annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
        labels: {
          'local.storage.openshift.io/owner-name': 'local-disks',
          'local.storage.openshift.io/owner-namespace': 'openshift-local-storage',
        },
      },
      provisioner: 'kubernetes.io/no-provisioner',
      reclaimPolicy: 'Delete',
      volumeBindingMode: 'WaitForFirstConsumer',
    },
  ];
}

/** Local PVs the Local Storage Operator discovered: three disks on every worker. */
export interface LocalDisk {
  pvName: string;
  node: string;
  path: string;
  size: string;
}

export function localDisks(): LocalDisk[] {
  const disks: LocalDisk[] = [];
  const sizes = ['10Gi', '10Gi', '5Gi'];
  const ids: Record<string, string[]> = {
    'worker-0': ['3f9a1c2e', '7b4d0e91', 'c21e8f5a'],
    'worker-1': ['5d7c2a10', '9e3b6f48', 'a80f1d27'],
    'worker-2': ['1c6e9b3d', '64af2c8e', 'e5b07d19'],
  };
  for (const [node, list] of Object.entries(ids)) {
    list.forEach((id, i) => {
      disks.push({
        pvName: `local-pv-${id}`,
        node,
        path: `/mnt/local-storage/local/disk${i + 1}`,
        size: sizes[i] ?? '10Gi',
      });
    });
  }
  return disks;
}

export function localPv(d: LocalDisk): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'PersistentVolume',
    metadata: {
      name: d.pvName,
      labels: {
        'kubernetes.io/hostname': d.node,
        'storage.openshift.com/owner-kind': 'LocalVolume',
        'storage.openshift.com/owner-name': 'local-disks',
        'storage.openshift.com/owner-namespace': 'openshift-local-storage',
      },
      annotations: {
        'pv.kubernetes.io/provisioned-by': `local-volume-provisioner-${d.node}`,
        'storage.openshift.com/device-name': d.path.split('/').pop() ?? '',
      },
      finalizers: ['kubernetes.io/pv-protection'],
    },
    spec: {
      accessModes: ['ReadWriteOnce'],
      capacity: { storage: d.size },
      local: { path: d.path },
      nodeAffinity: {
        required: {
          nodeSelectorTerms: [
            {
              matchExpressions: [
                { key: 'kubernetes.io/hostname', operator: 'In', values: [d.node] },
              ],
            },
          ],
        },
      },
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'local',
      volumeMode: 'Filesystem',
    },
  };
}

export function seedHyperConverged(profile: SandboxProfile): KubeObject {
  return {
    // HCO v1.18 stores `v1` (see world/types.ts); the seed's era only had `v1beta1`.
    apiVersion: profile === 'current' ? 'hco.kubevirt.io/v1' : 'hco.kubevirt.io/v1beta1',
    kind: 'HyperConverged',
    metadata: {
      name: 'kubevirt-hyperconverged',
      namespace: CNV_NAMESPACE,
      annotations: { deployOVS: 'false' },
      finalizers: ['kubevirt.io/hyperconverged'],
    },
    spec: {
      infra: {},
      workloads: {},
      ...(profile === 'legacy'
        ? { featureGates: { withHostPassthroughCPU: false, sriovLiveMigration: true } }
        : {}),
    },
  };
}

/** The CDI release each profile models (kubevirt/containerized-data-importer tags). */
export const CDI_VERSIONS: Record<SandboxProfile, string> = {
  current: 'v1.66.0',
  legacy: 'v1.38.4',
};

/**
 * CDI's feature gates as HCO sets them: `HonorWaitForFirstConsumer` in the seed's era; on CDI v1.66
 * it is no longer a gate (always on), so HCO sets none that matter here.
 */
const cdiFeatureGates = (profile: SandboxProfile): string[] =>
  profile === 'legacy' ? ['HonorWaitForFirstConsumer'] : [];

export function seedCdi(profile: SandboxProfile): KubeObject {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'CDI',
    metadata: {
      name: 'cdi',
      labels: {
        app: 'kubevirt-hyperconverged',
        'app.kubernetes.io/component': 'storage',
        'app.kubernetes.io/managed-by': 'hco-operator',
        'app.kubernetes.io/part-of': 'hyperconverged-cluster',
      },
      annotations: { 'cdi.kubevirt.io/configAuthority': '' },
      finalizers: ['operator.cdi.kubevirt.io'],
    },
    spec: {
      certConfig: {
        ca: { duration: '48h0m0s', renewBefore: '24h0m0s' },
        server: { duration: '24h0m0s', renewBefore: '12h0m0s' },
      },
      config: {
        featureGates: cdiFeatureGates(profile),
      },
      infra: {},
      uninstallStrategy: 'BlockUninstallIfWorkloadsExist',
      workload: {},
    },
  };
}

/**
 * The read-only role CDI's operator creates for every authenticated user (`cdi.kubevirt.io:config-reader`:
 * get/list/watch CDIConfig and StorageProfiles), so that UIs can read the upload proxy URL, the scratch
 * space class and the recommended claim properties without further rights.
 */
export function seedCdiRbac(profile: SandboxProfile): KubeObject[] {
  const name = 'cdi.kubevirt.io:config-reader';
  const labels = {
    'cdi.kubevirt.io': '',
    'operator.cdi.kubevirt.io/createVersion': CDI_VERSIONS[profile],
  };
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name, labels },
      rules: [
        {
          apiGroups: ['cdi.kubevirt.io'],
          resources: ['cdiconfigs', 'storageprofiles'],
          verbs: ['get', 'list', 'watch'],
        },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name, labels },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name },
      subjects: [
        { kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:authenticated' },
      ],
    },
  ];
}

export function seedCdiConfig(profile: SandboxProfile): KubeObject {
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'CDIConfig',
    metadata: {
      name: 'config',
      labels: {
        'app.kubernetes.io/component': 'storage',
        'app.kubernetes.io/managed-by': 'cdi-controller',
      },
    },
    spec: { featureGates: cdiFeatureGates(profile) },
  };
}

/**
 * The ConfigMap as HCO v1.3–v1.6 creates it (`NewKubeVirtStorageConfigForCR`): global defaults, the
 * `local-sc` entries (HyperConverged.spec.localStorageClassName unset) and the OCS RBD entries.
 */
export function storageDefaultsData(
  localStorageClassName: string | undefined,
): Record<string, string> {
  const local =
    localStorageClassName && localStorageClassName.length > 0 ? localStorageClassName : 'local-sc';
  return {
    accessMode: 'ReadWriteOnce',
    volumeMode: 'Filesystem',
    [`${local}.accessMode`]: 'ReadWriteOnce',
    [`${local}.volumeMode`]: 'Filesystem',
    'ocs-storagecluster-ceph-rbd.accessMode': 'ReadWriteMany',
    'ocs-storagecluster-ceph-rbd.volumeMode': 'Block',
  };
}

export function seedStorageDefaults(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'ConfigMap',
    metadata: {
      name: STORAGE_DEFAULTS_CONFIG_MAP,
      namespace: CNV_NAMESPACE,
      labels: { app: 'kubevirt-hyperconverged' },
    },
    data: storageDefaultsData(undefined),
  };
}
