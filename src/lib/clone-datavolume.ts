// Moving a VM disk to another node by cloning (documentation 6.12.4): the checks that refuse a move and why, the
// unique label that pins the clone to the chosen PV, the clone DataVolume, and the RBAC a cluster admin must
// create when the user may not clone across namespaces (CDI doc/RBAC.md "PVC Cloning").
import { objectNameError, suggestName } from './k8s-names';
import { pointerEscape } from './vm-volume-patches';
import type { JsonPatchOp } from './vm-volume-patches';

/** The label put on the target PV; the clone's claim selects it. */
export const CLONE_TARGET_LABEL = 'vm-disks.kubevirt.io/clone-target';
/** Annotations on the clone DataVolume saying where it came from. */
export const MOVED_FROM_ANNOTATION = 'vm-disks.kubevirt.io/moved-from';
const MOVED_FROM_NODE_ANNOTATION = 'vm-disks.kubevirt.io/moved-from-node';
/**
 * CDI binds the claim at once instead of waiting for a first consumer (local storage classes are
 * WaitForFirstConsumer): the selector already chose the PV, so nothing is gained by waiting, and the clone must run
 * before the VM is re-wired to consume it.
 */
const IMMEDIATE_BIND_ANNOTATION = 'cdi.kubevirt.io/storage.bind.immediate.requested';

/**
 * Labels on the clone DataVolume naming the VM and volume it moves (and the VM's namespace, since the clone
 * may live in another one), so the wizard finds its move again after the page was left: the clone is running,
 * done, or already wired into the VM. `MOVE_RESTART_ANNOTATION` remembers that the wizard stopped the VM.
 */
export const MOVE_SOURCE_VM_LABEL = 'vm-disks.openshift.io/move-source-vm';
export const MOVE_SOURCE_VOLUME_LABEL = 'vm-disks.openshift.io/move-source-volume';
export const MOVE_SOURCE_NAMESPACE_LABEL = 'vm-disks.openshift.io/move-source-namespace';
export const MOVE_RESTART_ANNOTATION = 'vm-disks.openshift.io/move-restart';

const MiB = 1024 * 1024;

/** CDI's usable space of a volume: Block as is; Filesystem minus the overhead, rounded down to a MiB. */
export const usableSize = (
  bytes: number,
  volumeMode: 'Filesystem' | 'Block',
  filesystemOverhead: number,
): number =>
  volumeMode === 'Block'
    ? bytes
    : Math.floor(Math.ceil((1 - filesystemOverhead) * bytes) / MiB) * MiB;

export interface MoveSourceFacts {
  /** Node the source PV is pinned to, if known. */
  node: string | undefined;
  /** Usable bytes of the source claim. */
  usableBytes: number;
  /** VMs (namespace/name) whose volumes use the claim. */
  vmsUsing: readonly string[];
  /** The VM being moved is running (or starting, or stopping). */
  vmRunning: boolean;
}

export interface MoveTargetFacts {
  name: string;
  node: string | undefined;
  phase: string;
  /** `namespace/name` of the claim the PV is bound or reserved for. */
  claim: string | undefined;
  usableBytes: number;
}

export type MoveRefusal =
  | { kind: 'vm-running' }
  | { kind: 'shared-disk'; vms: string[] }
  | { kind: 'same-node'; node: string }
  | { kind: 'target-bound'; pv: string; claim: string }
  | { kind: 'target-unavailable'; pv: string; phase: string }
  | { kind: 'target-smaller'; pv: string; targetBytes: number; sourceBytes: number }
  | { kind: 'target-not-pinned'; pv: string };

/** Why this source cannot be moved at all (before a target is chosen). */
export const sourceRefusals = (source: MoveSourceFacts): MoveRefusal[] => {
  const refusals: MoveRefusal[] = [];
  if (source.vmsUsing.length > 1) refusals.push({ kind: 'shared-disk', vms: [...source.vmsUsing] });
  if (source.vmRunning) refusals.push({ kind: 'vm-running' });
  return refusals;
};

/** Why this node cannot be the target. */
export const nodeRefusals = (source: MoveSourceFacts, targetNode: string): MoveRefusal[] =>
  source.node !== undefined && source.node === targetNode
    ? [{ kind: 'same-node', node: targetNode }]
    : [];

/** Why this PV cannot receive the clone. */
export const targetRefusals = (source: MoveSourceFacts, target: MoveTargetFacts): MoveRefusal[] => {
  const refusals: MoveRefusal[] = [];
  if (!target.node) refusals.push({ kind: 'target-not-pinned', pv: target.name });
  else refusals.push(...nodeRefusals(source, target.node));
  if (target.claim) refusals.push({ kind: 'target-bound', pv: target.name, claim: target.claim });
  else if (target.phase !== 'Available')
    refusals.push({ kind: 'target-unavailable', pv: target.name, phase: target.phase });
  if (target.usableBytes < source.usableBytes) {
    refusals.push({
      kind: 'target-smaller',
      pv: target.name,
      targetBytes: target.usableBytes,
      sourceBytes: source.usableBytes,
    });
  }
  return refusals;
};

/** Every refusal of a whole move. */
export const moveRefusals = (
  source: MoveSourceFacts,
  target: MoveTargetFacts | undefined,
  targetNode: string | undefined,
): MoveRefusal[] => [
  ...sourceRefusals(source),
  ...(target ? targetRefusals(source, target) : targetNode ? nodeRefusals(source, targetNode) : []),
];

/** A label value unique to this clone: the DataVolume's name (shortened) and a random suffix. */
export const cloneTargetLabelValue = (dataVolumeName: string, suffix: string): string => {
  const tail = suffix.replace(/[^a-z0-9]/g, '').slice(0, 8) || 'x';
  const head = dataVolumeName
    .toLowerCase()
    .replace(/[^a-z0-9.-]/g, '-')
    .slice(0, 63 - tail.length - 1)
    .replace(/[^a-z0-9]+$/, '')
    .replace(/^[^a-z0-9]+/, '');
  return head ? `${head}-${tail}` : tail;
};

/** Adds (or replaces) one label on a PV. */
export const labelPatch = (
  labels: Record<string, string> | undefined,
  key: string,
  value: string,
): JsonPatchOp[] =>
  labels
    ? [{ op: 'add', path: `/metadata/labels/${pointerEscape(key)}`, value }]
    : [{ op: 'add', path: '/metadata/labels', value: { [key]: value } }];

/** Suggested clone name: `<claim>-<node>` made a valid object name. */
export const suggestCloneName = (claimName: string, node: string): string =>
  suggestName(`${claimName}-${node}`);

export interface CloneTargetPV {
  name: string;
  capacity: string;
  volumeMode: 'Filesystem' | 'Block';
  accessModes: readonly string[];
  /** `''` for a PV without a class. */
  storageClassName: string;
}

export interface CloneDataVolumeInput {
  name: string;
  namespace: string;
  source: { namespace: string; name: string };
  target: CloneTargetPV;
  label: { key: string; value: string };
  sourceNode?: string;
  /** The VM volume this clone moves (labels), and whether the wizard stopped the VM for it. */
  move?: { namespace: string; vm: string; volume: string; restart?: boolean };
}

export interface CloneDataVolumeManifest {
  apiVersion: 'cdi.kubevirt.io/v1beta1';
  kind: 'DataVolume';
  metadata: {
    name: string;
    namespace: string;
    labels?: Record<string, string>;
    annotations: Record<string, string>;
  };
  spec: {
    source: { pvc: { namespace: string; name: string } };
    pvc: {
      accessModes: string[];
      volumeMode: 'Filesystem' | 'Block';
      storageClassName: string;
      selector: { matchLabels: Record<string, string> };
      resources: { requests: { storage: string } };
    };
  };
}

/**
 * The clone DataVolume of seed 6.12.4.1 step 3: source claim, the PV's label as selector, and the PV's size. The
 * access mode, volume mode and class are the PV's, since the claim must match it to bind (a class left out would
 * be filled with the default class and never match a PV of another class). Bound immediately (see
 * `IMMEDIATE_BIND_ANNOTATION`).
 *
 * Always `spec.pvc`, also where other new DataVolumes use `spec.storage` (lib/datavolume-claim.ts): this claim must
 * bind to one known PV, and with `spec.storage` CDI inflates a Filesystem request by the filesystem overhead
 * (kubevirt/containerized-data-importer pkg/controller/datavolume/util.go `renderPvcSpecVolumeSize` →
 * `InflateSizeWithOverhead`), so a request of the PV's full capacity would ask for more than the PV has and never
 * bind. Nothing is left for a StorageProfile to decide here: modes and class are the PV's.
 */
export const buildCloneDataVolume = (input: CloneDataVolumeInput): CloneDataVolumeManifest => ({
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: {
    name: input.name,
    namespace: input.namespace,
    ...(input.move
      ? {
          labels: {
            [MOVE_SOURCE_NAMESPACE_LABEL]: input.move.namespace,
            [MOVE_SOURCE_VM_LABEL]: input.move.vm,
            [MOVE_SOURCE_VOLUME_LABEL]: input.move.volume,
          },
        }
      : {}),
    annotations: {
      [IMMEDIATE_BIND_ANNOTATION]: 'true',
      [MOVED_FROM_ANNOTATION]: `${input.source.namespace}/${input.source.name}`,
      ...(input.sourceNode ? { [MOVED_FROM_NODE_ANNOTATION]: input.sourceNode } : {}),
      ...(input.move?.restart ? { [MOVE_RESTART_ANNOTATION]: 'true' } : {}),
    },
  },
  spec: {
    source: { pvc: { namespace: input.source.namespace, name: input.source.name } },
    pvc: {
      accessModes: [input.target.accessModes[0] ?? 'ReadWriteOnce'],
      volumeMode: input.target.volumeMode,
      storageClassName: input.target.storageClassName,
      selector: { matchLabels: { [input.label.key]: input.label.value } },
      resources: { requests: { storage: input.target.capacity } },
    },
  },
});

export const cloneNameError = (name: string): string | undefined => objectNameError(name);

/** CDI's clone authorization: same namespace always; else `create datavolumes/source` or `create pods`. */
export const needsCloneAuthorization = (
  sourceNamespace: string,
  targetNamespace: string,
): boolean => sourceNamespace !== targetNamespace;

const CLONER_CLUSTER_ROLE = 'datavolume-cloner';

/** The ClusterRole and RoleBinding (in the SOURCE namespace) that let `user` clone from there. */
export const cloneRbacManifests = (input: {
  sourceNamespace: string;
  user: string;
}): [Record<string, unknown>, Record<string, unknown>] => {
  const isServiceAccount = input.user.startsWith('system:serviceaccount:');
  const [, , saNamespace = '', saName = ''] = input.user.split(':');
  const subject = isServiceAccount
    ? { kind: 'ServiceAccount', name: saName, namespace: saNamespace }
    : { kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name: input.user };
  const bindingName = suggestName(`${input.user}-${CLONER_CLUSTER_ROLE}`);
  return [
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: CLONER_CLUSTER_ROLE },
      rules: [
        { apiGroups: ['cdi.kubevirt.io'], resources: ['datavolumes/source'], verbs: ['create'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: bindingName, namespace: input.sourceNamespace },
      subjects: [subject],
      roleRef: {
        apiGroup: 'rbac.authorization.k8s.io',
        kind: 'ClusterRole',
        name: CLONER_CLUSTER_ROLE,
      },
    },
  ];
};

interface DataVolumeLike {
  metadata?: {
    name?: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    creationTimestamp?: string;
    deletionTimestamp?: string;
  };
}

interface VmVolumesLike {
  metadata?: { name?: string; namespace?: string };
  spec?: {
    template?: {
      spec?: {
        volumes?: {
          name: string;
          dataVolume?: { name: string };
          persistentVolumeClaim?: { claimName: string };
        }[];
      };
    };
  };
}

const nameOf = (o: { metadata?: { name?: string } }): string => o.metadata?.name ?? '';

/** The source claim (`namespace/name`) a clone was made from, from its annotation. */
export const movedFrom = (dv: DataVolumeLike): { namespace: string; name: string } | undefined => {
  const value = dv.metadata?.annotations?.[MOVED_FROM_ANNOTATION] ?? '';
  const slash = value.indexOf('/');
  return slash > 0 ? { namespace: value.slice(0, slash), name: value.slice(slash + 1) } : undefined;
};

/** The claims the VMs of a namespace read (DataVolume or PVC volumes). */
const claimsReadBy = (vms: readonly VmVolumesLike[], namespace: string): Set<string> =>
  new Set(
    vms
      .filter((vm) => vm.metadata?.namespace === namespace)
      .flatMap((vm) => vm.spec?.template?.spec?.volumes ?? [])
      .map((v) => v.dataVolume?.name ?? v.persistentVolumeClaim?.claimName ?? '')
      .filter(Boolean),
  );

/** `cloning`: the clone exists (running or done) and the VM still reads the source; `rewired`: it reads the clone. */
export type MoveStage = 'cloning' | 'rewired';

/**
 * Where the move of one VM volume stands, read from the cluster: the clone DataVolumes labelled with the VM and
 * volume (oldest first, being deleted left out). A clone the VM already reads whose source claim is gone is a
 * finished move and is not resumed (a later move of the same disk starts from it).
 */
export const findMove = (
  dvs: readonly DataVolumeLike[],
  vm: VmVolumesLike,
  volume: string,
  claimsInSourceNamespace: readonly string[],
): { clone: string; stage: MoveStage; sourceClaim?: string; restart: boolean } | undefined => {
  const namespace = vm.metadata?.namespace ?? '';
  const vmName = nameOf(vm);
  const mine = dvs
    .filter(
      (dv) =>
        !dv.metadata?.deletionTimestamp &&
        dv.metadata?.labels?.[MOVE_SOURCE_NAMESPACE_LABEL] === namespace &&
        dv.metadata.labels[MOVE_SOURCE_VM_LABEL] === vmName &&
        dv.metadata.labels[MOVE_SOURCE_VOLUME_LABEL] === volume,
    )
    .sort((a, b) =>
      (a.metadata?.creationTimestamp ?? '').localeCompare(b.metadata?.creationTimestamp ?? ''),
    );
  const volumes = vm.spec?.template?.spec?.volumes ?? [];
  const reads = (dv: DataVolumeLike) =>
    volumes.some((v) => v.name === volume && v.dataVolume?.name === nameOf(dv));
  for (const dv of mine) {
    const source = movedFrom(dv);
    const sourceExists = source ? claimsInSourceNamespace.includes(source.name) : false;
    if (reads(dv) && !sourceExists) continue;
    return {
      clone: nameOf(dv),
      stage: reads(dv) ? 'rewired' : 'cloning',
      ...(source ? { sourceClaim: source.name } : {}),
      restart: dv.metadata?.annotations?.[MOVE_RESTART_ANNOTATION] === 'true',
    };
  }
  return undefined;
};

/** Clone DataVolumes of the wizard that no VM reads: left over from abandoned or repeated moves. */
export const leftoverClones = <T extends DataVolumeLike>(
  dvs: readonly T[],
  vms: readonly VmVolumesLike[],
): T[] =>
  dvs
    .filter((dv) => dv.metadata?.labels?.[MOVE_SOURCE_VM_LABEL] !== undefined)
    .filter((dv) => !dv.metadata?.deletionTimestamp)
    .filter((dv) => !claimsReadBy(vms, dv.metadata?.namespace ?? '').has(nameOf(dv)))
    .sort((a, b) => nameOf(a).localeCompare(nameOf(b)));

/** `base` when free, else `base-2`, `base-3`, … (kept a valid name of at most 63 characters). */
export const freeCloneName = (base: string, taken: readonly string[]): string => {
  if (!taken.includes(base)) return base;
  for (let i = 2; ; i += 1) {
    const suffix = `-${String(i)}`;
    const candidate = `${base.slice(0, 63 - suffix.length).replace(/-+$/, '')}${suffix}`;
    if (!taken.includes(candidate)) return candidate;
  }
};
