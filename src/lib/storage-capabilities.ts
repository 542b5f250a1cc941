/**
 * What CDI knows about storage provisioners, for StorageProfiles (kubevirt/containerized-data-importer
 * pkg/storagecapabilities/storagecapabilities.go, v1.66): the access mode / volume mode pairs CDI puts into a
 * StorageProfile's `status.claimPropertySets` when its `spec.claimPropertySets` is empty (a subset of CDI's table:
 * the provisioners an OpenShift Virtualization cluster commonly has), the "provisioner key" that tells variants
 * of one provisioner apart by class parameters, and for `kubernetes.io/no-provisioner` the pairs the class's
 * PersistentVolumes offer (CDI ≥ 1.49 derives them from the PVs). Plus what a provisioner cannot do at all, as
 * opposed to what CDI merely does not list. Pure data and functions; our own table, facts taken from CDI.
 */

export interface CapabilityPair {
  accessMode: string;
  volumeMode: 'Filesystem' | 'Block';
}

const RWO = 'ReadWriteOnce';
const RWX = 'ReadWriteMany';
const FS = 'Filesystem' as const;
const BLOCK = 'Block' as const;
const pairs = (...list: [string, 'Filesystem' | 'Block'][]): CapabilityPair[] =>
  list.map(([accessMode, volumeMode]) => ({ accessMode, volumeMode }));

export const NO_PROVISIONER = 'kubernetes.io/no-provisioner';
const HPP_CSI = 'kubevirt.io.hostpath-provisioner';
const HPP_CSI_OVERLAY = 'kubevirt.io.hostpath-provisioner/overlay';
const HPP_LEGACY = 'kubevirt.io/hostpath-provisioner';

const rbd = pairs([RWX, BLOCK], [RWO, BLOCK], [RWO, FS]);
const cephfs = pairs([RWX, FS], [RWO, FS]);
const topolvm = pairs([RWO, BLOCK], [RWO, FS]);

/** Provisioner key → the pairs CDI recommends, in CDI's order. */
const CDI_CAPABILITIES: Record<string, CapabilityPair[]> = {
  [HPP_CSI]: pairs([RWO, FS]),
  [HPP_CSI_OVERLAY]: pairs([RWX, FS]),
  [HPP_LEGACY]: pairs([RWO, FS]),
  'k8s.io/minikube-hostpath': pairs([RWO, FS]),
  'nfs.csi.k8s.io': pairs([RWX, FS]),
  'k8s-sigs.io/nfs-subdir-external-provisioner': pairs([RWX, FS]),
  'kubernetes.io/rbd': rbd,
  'rbd.csi.ceph.com': rbd,
  'rook-ceph.rbd.csi.ceph.com': rbd,
  'openshift-storage.rbd.csi.ceph.com': rbd,
  'cephfs.csi.ceph.com': cephfs,
  'rook-ceph.cephfs.csi.ceph.com': cephfs,
  'openshift-storage.cephfs.csi.ceph.com': cephfs,
  'topolvm.cybozu.com': topolvm,
  'topolvm.io': topolvm,
  'kubernetes.io/aws-ebs': pairs([RWO, BLOCK]),
  'ebs.csi.aws.com': pairs([RWO, BLOCK]),
  'efs.csi.aws.com': pairs([RWX, FS], [RWO, FS]),
  'kubernetes.io/azure-disk': pairs([RWO, BLOCK]),
  'disk.csi.azure.com': pairs([RWO, BLOCK]),
  'kubernetes.io/azure-file': pairs([RWX, FS]),
  'file.csi.azure.com': pairs([RWX, FS]),
  'kubernetes.io/gce-pd': pairs([RWO, BLOCK], [RWO, FS]),
  'pd.csi.storage.gke.io': pairs([RWO, BLOCK], [RWO, FS]),
  'csi.vsphere.vmware.com': pairs([RWO, BLOCK], [RWO, FS]),
  'cinder.csi.openstack.org': pairs([RWO, BLOCK], [RWO, FS]),
  'driver.longhorn.io': pairs([RWO, BLOCK]),
};

/**
 * CDI's provisioner key: the provisioner name, except for provisioners whose class parameters select a variant
 * (the HPP CSI driver with the `overlayCSI` parameter is the shared overlay variant).
 */
export const provisionerKey = (
  provisioner: string,
  parameters: Record<string, string> | undefined,
): string =>
  provisioner === HPP_CSI && parameters !== undefined && 'overlayCSI' in parameters
    ? HPP_CSI_OVERLAY
    : provisioner;

export interface PersistentVolumeModes {
  accessModes?: string[];
  volumeMode?: string;
}

/**
 * The pairs CDI computes for a class, as `status.claimPropertySets` gets them while the spec sets none:
 * `undefined` when CDI knows nothing (unknown provisioner, or a no-provisioner class without PVs). For
 * `kubernetes.io/no-provisioner` every access mode of every PV of the class with its volume mode (Filesystem when
 * unset), each pair once; `pvs` must be the class's PVs (`undefined`: unknown, e.g. no permission to list them).
 */
export const cdiCapabilities = (
  provisioner: string,
  parameters: Record<string, string> | undefined,
  pvs?: readonly PersistentVolumeModes[],
): CapabilityPair[] | undefined => {
  if (provisioner === NO_PROVISIONER) {
    if (!pvs) return undefined;
    const found = new Map<string, CapabilityPair>();
    for (const pv of pvs) {
      const volumeMode = pv.volumeMode === BLOCK ? BLOCK : FS;
      for (const accessMode of pv.accessModes ?? []) {
        found.set(`${accessMode}/${volumeMode}`, { accessMode, volumeMode });
      }
    }
    return found.size > 0 ? [...found.values()] : undefined;
  }
  return CDI_CAPABILITIES[provisionerKey(provisioner, parameters)];
};

/** Provisioner keys whose volumes are one node's local storage: no access from several nodes. */
const NODE_LOCAL = new Set([
  HPP_CSI,
  HPP_LEGACY,
  'k8s.io/minikube-hostpath',
  'kubernetes.io/host-path',
  'rancher.io/local-path',
  'topolvm.io',
  'topolvm.cybozu.com',
  'lvms.topolvm.io',
  'local.csi.openebs.io',
  'directpv-min-io',
]);
/** Provisioner keys that make directories or network file shares: no Block volumes. */
const FILESYSTEM_ONLY = new Set([
  HPP_CSI,
  HPP_CSI_OVERLAY,
  HPP_LEGACY,
  'k8s.io/minikube-hostpath',
  'kubernetes.io/host-path',
  'rancher.io/local-path',
  'nfs.csi.k8s.io',
  'k8s-sigs.io/nfs-subdir-external-provisioner',
  'kubernetes.io/nfs',
  'cephfs.csi.ceph.com',
  'rook-ceph.cephfs.csi.ceph.com',
  'openshift-storage.cephfs.csi.ceph.com',
  'efs.csi.aws.com',
  'kubernetes.io/azure-file',
  'file.csi.azure.com',
  'manila.csi.openstack.org',
  'directpv-min-io',
]);
/**
 * Provisioner keys of block devices that several nodes can write only raw: a file system on them cannot be
 * mounted read-write from several nodes (Ceph RBD: ceph-csi refuses multi-node writers on `Filesystem` RBD
 * volumes; EBS, Azure and GCE disks attach to several nodes only as block devices).
 */
const SHARED_ONLY_AS_BLOCK = new Set([
  'kubernetes.io/rbd',
  'rbd.csi.ceph.com',
  'rook-ceph.rbd.csi.ceph.com',
  'openshift-storage.rbd.csi.ceph.com',
  'kubernetes.io/aws-ebs',
  'ebs.csi.aws.com',
  'kubernetes.io/azure-disk',
  'disk.csi.azure.com',
  'kubernetes.io/gce-pd',
  'pd.csi.storage.gke.io',
]);

export type ImpossibleReason = 'node-local' | 'filesystem-only' | 'shared-only-as-block';

const SHARED_ACCESS = new Set(['ReadWriteMany', 'ReadOnlyMany']);

/** Why a provisioner cannot give a volume with this access mode and volume mode, or `undefined` if it may. */
export const impossibleFor = (
  key: string,
  accessMode: string,
  volumeMode: string,
): ImpossibleReason | undefined => {
  if (SHARED_ACCESS.has(accessMode) && NODE_LOCAL.has(key)) return 'node-local';
  if (volumeMode === BLOCK && FILESYSTEM_ONLY.has(key)) return 'filesystem-only';
  if (accessMode === 'ReadWriteMany' && volumeMode === FS && SHARED_ONLY_AS_BLOCK.has(key))
    return 'shared-only-as-block';
  return undefined;
};
