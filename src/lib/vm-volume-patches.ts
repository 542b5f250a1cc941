// JSON patches for a VirtualMachine: start/stop (runStrategy or running, whichever the VM uses), re-wire one
// volume to another DataVolume, attach a DataVolume as a new disk. Each patch begins with a `test` of what it
// expects, so a VM changed in the meantime is refused (422) rather than overwritten.

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

export interface VirtualMachineLike {
  metadata?: { name?: string; namespace?: string; resourceVersion?: string };
  spec?: {
    running?: boolean;
    runStrategy?: string;
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
export const volumeClaimName = (volume: VolumeLike): string | undefined =>
  volume.persistentVolumeClaim?.claimName ?? volume.dataVolume?.name;

/** Stops or starts a VM the way it is configured: `runStrategy` when it has one, else `running`. */
export const runPatch = (vm: VirtualMachineLike, run: boolean): JsonPatchOp[] => {
  const strategy = vm.spec?.runStrategy;
  if (strategy !== undefined) {
    return [
      { op: 'test', path: '/spec/runStrategy', value: strategy },
      { op: 'replace', path: '/spec/runStrategy', value: run ? 'Always' : 'Halted' },
    ];
  }
  return [
    { op: vm.spec?.running === undefined ? 'add' : 'replace', path: '/spec/running', value: run },
  ];
};

/**
 * Points volume `volumeName` at DataVolume `dataVolumeName` instead of its current claim. The disk keeps its name,
 * bus and boot order; only the volume source changes.
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
  return [
    { op: 'test', path, value: current },
    { op: 'replace', path, value: { name: volumeName, dataVolume: { name: dataVolumeName } } },
  ];
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
