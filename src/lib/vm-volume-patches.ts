// JSON patches for a VirtualMachine: start/stop (runStrategy or running, whichever the VM uses), re-wire one
// volume to another DataVolume (and the `dataVolumeTemplates` entry that volume came from), attach a DataVolume as
// a new disk. Each patch begins with a `test` of what it expects, so a VM changed in the meantime is refused (422)
// rather than overwritten.

export interface JsonPatchOp {
  op: 'add' | 'replace' | 'remove' | 'test';
  path: string;
  value?: unknown;
}

export interface VolumeLike {
  name: string;
  dataVolume?: { name: string };
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  cloudInitNoCloud?: unknown;
  containerDisk?: unknown;
}

export interface DiskLike {
  name: string;
  disk?: { bus?: string };
  bootOrder?: number;
}

export interface DataVolumeTemplateLike {
  metadata?: { name?: string };
  spec?: unknown;
}

export interface VirtualMachineLike {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
  spec?: {
    running?: boolean;
    runStrategy?: string;
    dataVolumeTemplates?: DataVolumeTemplateLike[];
    template?: {
      spec?: {
        domain?: { devices?: { disks?: DiskLike[] } };
        volumes?: VolumeLike[];
      };
    };
  };
}

/** Escapes a key for a JSON pointer (RFC 6901). */
export const pointerEscape = (key: string): string => key.replace(/~/g, '~0').replace(/\//g, '~1');

/** The claim a volume reads: its PVC, or its DataVolume's PVC (same name). */
const volumeClaimName = (volume: VolumeLike): string | undefined =>
  volume.persistentVolumeClaim?.claimName ?? volume.dataVolume?.name;

/**
 * Stops or starts a VM the way it is configured, never sending both fields: KubeVirt refuses a VM with both
 * (kubevirt/kubevirt pkg/virt-api/webhooks/validating-webhook/admitters/vms-admitter.go `validateRunStrategy`:
 * "Running and RunStrategy are mutually exclusive") and warns on every write of the deprecated `spec.running`. So
 * `runStrategy` (Halted / Always) when the VM has one, `running` only when the VM already uses it, and
 * `runStrategy` for a VM with neither (the same admitter refuses that shape: "RunStrategy must be specified").
 */
export const runPatch = (vm: VirtualMachineLike, run: boolean): JsonPatchOp[] => {
  const strategy = vm.spec?.runStrategy;
  const value = run ? 'Always' : 'Halted';
  if (strategy !== undefined) {
    return [
      { op: 'test', path: '/spec/runStrategy', value: strategy },
      { op: 'replace', path: '/spec/runStrategy', value },
    ];
  }
  if (vm.spec?.running !== undefined) {
    return [
      { op: 'test', path: '/spec/running', value: vm.spec.running },
      { op: 'replace', path: '/spec/running', value: run },
    ];
  }
  return [{ op: 'add', path: '/spec/runStrategy', value }];
};

/** Whether any volume reads claim/DataVolume `name` (KubeVirt counts both `dataVolume` and `persistentVolumeClaim`). */
const referenced = (volumes: readonly VolumeLike[], name: string): boolean =>
  volumes.some((v) => v.dataVolume?.name === name || v.persistentVolumeClaim?.claimName === name);

/**
 * Points volume `volumeName` at DataVolume `dataVolumeName` instead of its current claim. The disk keeps its name,
 * bus and boot order; only the volume source changes.
 *
 * When the old claim came from an entry of `spec.dataVolumeTemplates` (as in every VM the console's wizard
 * creates) and no other volume reads it, that entry is removed in the same patch: KubeVirt refuses a VM whose
 * template entry no volume references (kubevirt/kubevirt pkg/storage/admitters/data-volume-template.go
 * `ValidateDataVolumeTemplate`: "DataVolumeTemplate entry … must be referenced in the VMI template's 'volumes'
 * list"). Removing is chosen over rewriting the entry to describe the clone: a template entry tells KubeVirt to
 * create that DataVolume whenever it is missing (pkg/virt-controller/watch/vm/vm.go `handleDataVolumes` only
 * creates missing DataVolumes and never deletes one that left the list), and the clone's spec pins one PV on one
 * node through a one-time label selector, which must not be replayed later. The old DataVolume and its data stay
 * untouched (still owned by the VM) until the user deletes them.
 */
export const rewireVolumePatch = (
  vm: VirtualMachineLike,
  volumeName: string,
  dataVolumeName: string,
): JsonPatchOp[] => {
  const volumes = vm.spec?.template?.spec?.volumes ?? [];
  const index = volumes.findIndex((v) => v.name === volumeName);
  if (index < 0) throw new Error(`The VM has no volume ${volumeName}`);
  const current = volumes[index];
  const path = `/spec/template/spec/volumes/${String(index)}`;
  const replacement = { name: volumeName, dataVolume: { name: dataVolumeName } };
  const ops: JsonPatchOp[] = [
    { op: 'test', path, value: current },
    { op: 'replace', path, value: replacement },
  ];
  const oldClaim = volumeClaimName(current);
  const after = volumes.map((v, i) => (i === index ? replacement : v));
  const templates = vm.spec?.dataVolumeTemplates ?? [];
  const templateIndex = templates.findIndex((t) => t.metadata?.name === oldClaim);
  const template = templateIndex < 0 ? undefined : templates[templateIndex];
  if (oldClaim && template && !referenced(after, oldClaim)) {
    const templatePath = `/spec/dataVolumeTemplates/${String(templateIndex)}`;
    ops.push(
      { op: 'test', path: templatePath, value: template },
      { op: 'remove', path: templatePath },
    );
  }
  return ops;
};

/** Template entries no volume references: what KubeVirt's admission refuses (see `rewireVolumePatch`). */
export const unreferencedTemplates = (vm: VirtualMachineLike): string[] => {
  const volumes = vm.spec?.template?.spec?.volumes ?? [];
  return (vm.spec?.dataVolumeTemplates ?? [])
    .map((t) => t.metadata?.name ?? '')
    .filter((name) => !referenced(volumes, name));
};

/** A name for a new disk that no disk or volume of the VM has: `base`, `base-1`, `base-2`, … */
export const freeDiskName = (vm: VirtualMachineLike, base: string): string => {
  const spec = vm.spec?.template?.spec;
  const taken = new Set([
    ...(spec?.volumes ?? []).map((v) => v.name),
    ...(spec?.domain?.devices?.disks ?? []).map((d) => d.name),
  ]);
  if (!taken.has(base)) return base;
  for (let i = 1; ; i += 1) {
    const candidate = `${base}-${String(i)}`;
    if (!taken.has(candidate)) return candidate;
  }
};

/** Adds DataVolume `dataVolumeName` to the VM as disk `diskName` (virtio unless told otherwise). */
export const attachDataVolumePatch = (
  vm: VirtualMachineLike,
  diskName: string,
  dataVolumeName: string,
  bus: 'virtio' | 'sata' | 'scsi' = 'virtio',
): JsonPatchOp[] => {
  const spec = vm.spec?.template?.spec;
  const disk = { name: diskName, disk: { bus } };
  const volume = { name: diskName, dataVolume: { name: dataVolumeName } };
  if ((spec?.volumes ?? []).some((v) => v.name === diskName))
    throw new Error(`The VM already has a volume ${diskName}`);
  if ((spec?.volumes ?? []).some((v) => volumeClaimName(v) === dataVolumeName))
    throw new Error(`The VM already uses ${dataVolumeName}`);
  const ops: JsonPatchOp[] = [];
  if (vm.metadata?.resourceVersion)
    ops.push({ op: 'test', path: '/metadata/resourceVersion', value: vm.metadata.resourceVersion });
  if (spec?.domain?.devices?.disks) {
    ops.push({ op: 'add', path: '/spec/template/spec/domain/devices/disks/-', value: disk });
  } else if (spec?.domain?.devices) {
    ops.push({ op: 'add', path: '/spec/template/spec/domain/devices/disks', value: [disk] });
  } else if (spec?.domain) {
    ops.push({ op: 'add', path: '/spec/template/spec/domain/devices', value: { disks: [disk] } });
  } else {
    throw new Error('The VM has no domain');
  }
  if (spec.volumes) ops.push({ op: 'add', path: '/spec/template/spec/volumes/-', value: volume });
  else ops.push({ op: 'add', path: '/spec/template/spec/volumes', value: [volume] });
  return ops;
};
