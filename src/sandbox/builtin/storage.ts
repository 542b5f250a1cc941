import type { KubeObject } from '../contract';
import { ApiError } from '../api/status';
import type { BehaviorContext, FieldCause, TypeBehavior } from '../store/behavior';
import { qualifiedNameErrors, quote } from '../validation/names';
import { canonicalQuantity, parseQuantity, quantityValue } from '../validation/quantity';

/** Built-in behaviour of PersistentVolumeClaim, PersistentVolume and StorageClass. */

interface PvcSpec {
  accessModes?: string[];
  resources?: { requests?: Record<string, unknown>; limits?: Record<string, unknown> };
  volumeMode?: string;
  storageClassName?: string | null;
  volumeName?: string;
  selector?: unknown;
  dataSource?: unknown;
  dataSourceRef?: unknown;
  volumeAttributesClassName?: string;
}

interface PvSpec {
  capacity?: Record<string, unknown>;
  accessModes?: string[];
  persistentVolumeReclaimPolicy?: string;
  volumeMode?: string;
  storageClassName?: string;
  nodeAffinity?: {
    required?: {
      nodeSelectorTerms?: {
        matchExpressions?: { key?: string; operator?: string; values?: string[] }[];
        matchFields?: { key?: string; operator?: string; values?: string[] }[];
      }[];
    };
  };
  claimRef?: unknown;
  local?: { path?: string };
  hostPath?: { path?: string };
  csi?: { driver?: string; volumeHandle?: string };
  [source: string]: unknown;
}

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const VOLUME_MODES = ['Block', 'Filesystem'];
const RECLAIM_POLICIES_PV = ['Delete', 'Recycle', 'Retain'];
const RECLAIM_POLICIES_SC = ['Delete', 'Retain'];
const BINDING_MODES = ['Immediate', 'WaitForFirstConsumer'];
const PV_SOURCES = [
  'gcePersistentDisk',
  'awsElasticBlockStore',
  'hostPath',
  'glusterfs',
  'nfs',
  'rbd',
  'iscsi',
  'cinder',
  'cephfs',
  'fc',
  'flocker',
  'flexVolume',
  'azureFile',
  'vsphereVolume',
  'quobyte',
  'azureDisk',
  'photonPersistentDisk',
  'portworxVolume',
  'scaleIO',
  'local',
  'storageos',
  'csi',
];

const supported = (values: string[]): string =>
  `supported values: ${values.map((v) => `"${v}"`).join(', ')}`;

export const DEFAULT_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';
const BETA_CLASS_ANNOTATION = 'volume.beta.kubernetes.io/storage-class';
export const PVC_PROTECTION = 'kubernetes.io/pvc-protection';
export const PV_PROTECTION = 'kubernetes.io/pv-protection';

const quantityDecodeError = (values: Record<string, unknown> | undefined): string | undefined => {
  for (const v of Object.values(values ?? {})) {
    const p = parseQuantity(v);
    if (!p.ok) return p.error;
  }
  return undefined;
};

const canonicalizeAll = (values: Record<string, unknown> | undefined): void => {
  if (!values) return;
  for (const k of Object.keys(values)) values[k] = canonicalQuantity(values[k]);
};

const storageOf = (values: Record<string, unknown> | undefined): unknown => values?.storage;

const qtyString = (v: unknown): string => (typeof v === 'string' ? v : String(v));

const validateAccessModes = (modes: unknown, field: string, causes: FieldCause[]): void => {
  if (!Array.isArray(modes) || modes.length === 0) {
    causes.push({ field, message: 'Required value: at least 1 access mode is required' });
    return;
  }
  for (const m of modes) {
    if (typeof m !== 'string' || !ACCESS_MODES.includes(m)) {
      causes.push({ field, message: `Unsupported value: ${quote(m)}: ${supported(ACCESS_MODES)}` });
    }
  }
  if (modes.includes('ReadWriteOncePod') && modes.length > 1) {
    causes.push({
      field,
      message: `Forbidden: may not use ReadWriteOncePod with other access modes`,
    });
  }
};

const validateVolumeMode = (mode: unknown, field: string, causes: FieldCause[]): void => {
  if (mode !== undefined && (typeof mode !== 'string' || !VOLUME_MODES.includes(mode))) {
    causes.push({
      field,
      message: `Unsupported value: ${quote(mode)}: ${supported(VOLUME_MODES)}`,
    });
  }
};

/** The default StorageClass: annotated as default; the newest one wins when several are. */
const defaultStorageClass = (ctx: BehaviorContext): KubeObject | undefined => {
  const defaults = ctx
    .list('storage.k8s.io', 'StorageClass')
    .filter((sc) => sc.metadata.annotations?.[DEFAULT_CLASS_ANNOTATION] === 'true');
  defaults.sort(
    (a, b) =>
      (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') ||
      (a.metadata.name ?? '').localeCompare(b.metadata.name ?? ''),
  );
  return defaults[0];
};

/** A compact listing of what differs, in the spirit of the API server's spec diff. */
const specDiff = (a: unknown, b: unknown, path = 'spec'): string[] => {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  if (
    a &&
    b &&
    typeof a === 'object' &&
    typeof b === 'object' &&
    !Array.isArray(a) &&
    !Array.isArray(b)
  ) {
    const ra = a as Record<string, unknown>;
    const rb = b as Record<string, unknown>;
    const keys = [...new Set([...Object.keys(ra), ...Object.keys(rb)])].sort();
    return keys.flatMap((k) => specDiff(ra[k], rb[k], `${path}.${k}`));
  }
  const show = (v: unknown): string => (v === undefined ? 'null' : JSON.stringify(v));
  return [`  - ${path}: ${show(a)}`, `  + ${path}: ${show(b)}`];
};

export const pvcBehavior: TypeBehavior = {
  decode(obj) {
    const spec = obj.spec as PvcSpec | undefined;
    const status = obj.status as { capacity?: Record<string, unknown> } | undefined;
    return (
      quantityDecodeError(spec?.resources?.requests) ??
      quantityDecodeError(spec?.resources?.limits) ??
      quantityDecodeError(status?.capacity)
    );
  },
  defaults(obj, old) {
    obj.spec ??= {};
    const spec = obj.spec as PvcSpec;
    spec.volumeMode ??= 'Filesystem';
    canonicalizeAll(spec.resources?.requests);
    canonicalizeAll(spec.resources?.limits);
    canonicalizeAll((obj.status as { capacity?: Record<string, unknown> } | undefined)?.capacity);
    if (!old) {
      obj.status ??= { phase: 'Pending' };
      const f = obj.metadata.finalizers ?? [];
      if (!f.includes(PVC_PROTECTION)) obj.metadata.finalizers = [...f, PVC_PROTECTION];
    }
  },
  validate(obj, old) {
    const spec = (obj.spec ?? {}) as PvcSpec;
    const causes: FieldCause[] = [];
    validateAccessModes(spec.accessModes, 'spec.accessModes', causes);
    const storage = storageOf(spec.resources?.requests);
    if (storage === undefined) {
      causes.push({ field: 'spec.resources[storage]', message: 'Required value' });
    } else {
      const v = quantityValue(storage) ?? 0;
      if (v < 0) {
        causes.push({
          field: 'spec.resources.requests[storage]',
          message: `Invalid value: ${quote(qtyString(storage))}: must be greater than or equal to 0`,
        });
      } else if (v === 0) {
        causes.push({
          field: 'spec.resources.requests[storage]',
          message: `Invalid value: ${quote(qtyString(storage))}: must be greater than zero`,
        });
      }
    }
    validateVolumeMode(spec.volumeMode, 'spec.volumeMode', causes);
    if (old) {
      const oldSpec = (old.spec ?? {}) as PvcSpec;
      const a = structuredClone(oldSpec);
      const b = structuredClone(spec);
      if (!a.volumeName) a.volumeName = b.volumeName;
      const bound = (obj.status as { phase?: string } | undefined)?.phase === 'Bound';
      if (bound && b.resources?.requests && a.resources?.requests) {
        b.resources.requests.storage = a.resources.requests.storage;
      }
      delete a.volumeAttributesClassName;
      delete b.volumeAttributesClassName;
      if (a.storageClassName === undefined && old.metadata.annotations?.[BETA_CLASS_ANNOTATION]) {
        a.storageClassName = b.storageClassName;
      }
      const diff = specDiff(a, b);
      if (diff.length > 0) {
        causes.push({
          field: 'spec',
          message: `Forbidden: spec is immutable after creation except resources.requests and volumeAttributesClassName for bound claims\n${diff.join('\n')}`,
        });
      }
      const newSize = quantityValue(storageOf(spec.resources?.requests)) ?? 0;
      const oldSize = quantityValue(storageOf(oldSpec.resources?.requests)) ?? 0;
      const statusSize = quantityValue(
        (old.status as { capacity?: Record<string, unknown> } | undefined)?.capacity?.storage,
      );
      if (newSize < oldSize && statusSize !== undefined && newSize <= statusSize) {
        causes.push({
          field: 'spec.resources.requests.storage',
          message: 'Forbidden: field can not be less than status.capacity',
        });
      }
    }
    return causes;
  },
  admit(obj, old, ctx) {
    const spec = obj.spec as PvcSpec;
    if (!old) {
      if (
        spec.storageClassName === undefined &&
        !obj.metadata.annotations?.[BETA_CLASS_ANNOTATION]
      ) {
        const sc = defaultStorageClass(ctx);
        if (sc?.metadata.name) spec.storageClassName = sc.metadata.name;
      }
      return;
    }
    const oldSpec = old.spec as PvcSpec;
    const newSize = quantityValue(storageOf(spec.resources?.requests)) ?? 0;
    const oldSize = quantityValue(storageOf(oldSpec.resources?.requests)) ?? 0;
    if (newSize <= oldSize) return;
    const name = obj.metadata.name ?? '';
    const forbid = (why: string): never => {
      throw new ApiError(
        403,
        'Forbidden',
        `persistentvolumeclaims "${name}" is forbidden: ${why}`,
        {
          name,
          kind: 'persistentvolumeclaims',
        },
      );
    };
    if ((old.status as { phase?: string } | undefined)?.phase !== 'Bound') {
      forbid('Only bound persistent volume claims can be resized');
    }
    const scName = spec.storageClassName;
    const sc = scName ? ctx.get('storage.k8s.io', 'StorageClass', undefined, scName) : undefined;
    if (sc?.allowVolumeExpansion !== true) {
      forbid(
        'only dynamically provisioned pvc can be resized and the storageclass that provisions the pvc must support resize',
      );
    }
  },
};

const validateNodeSelectorTerms = (
  terms: NonNullable<NonNullable<PvSpec['nodeAffinity']>['required']>['nodeSelectorTerms'],
  base: string,
  causes: FieldCause[],
): void => {
  if (!terms || terms.length === 0) {
    causes.push({
      field: base,
      message: 'Required value: must have at least one node selector term',
    });
    return;
  }
  terms.forEach((term, i) => {
    (term.matchExpressions ?? []).forEach((req, j) => {
      const path = `${base}[${i}].matchExpressions[${j}]`;
      const op = req.operator ?? '';
      const values = req.values ?? [];
      if (op === 'In' || op === 'NotIn') {
        if (values.length === 0) {
          causes.push({
            field: `${path}.values`,
            message: "Required value: must be specified when `operator` is 'In' or 'NotIn'",
          });
        }
      } else if (op === 'Exists' || op === 'DoesNotExist') {
        if (values.length > 0) {
          causes.push({
            field: `${path}.values`,
            message:
              "Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'",
          });
        }
      } else if (op === 'Gt' || op === 'Lt') {
        if (values.length !== 1) {
          causes.push({
            field: `${path}.values`,
            message:
              "Required value: must be specified single value when `operator` is 'Lt' or 'Gt'",
          });
        }
      } else {
        causes.push({
          field: `${path}.operator`,
          message: `Invalid value: ${quote(op)}: not a valid selector operator`,
        });
      }
      for (const e of qualifiedNameErrors(req.key ?? '')) {
        causes.push({
          field: `${path}.key`,
          message: `Invalid value: ${quote(req.key ?? '')}: ${e}`,
        });
      }
    });
  });
};

const pvSources = (spec: PvSpec): string[] => PV_SOURCES.filter((s) => spec[s] != null);

export const pvBehavior: TypeBehavior = {
  decode(obj) {
    return quantityDecodeError((obj.spec as PvSpec | undefined)?.capacity);
  },
  defaults(obj, old) {
    obj.spec ??= {};
    const spec = obj.spec as PvSpec;
    spec.persistentVolumeReclaimPolicy ??= 'Retain';
    spec.volumeMode ??= 'Filesystem';
    canonicalizeAll(spec.capacity);
    if (!old) {
      obj.status ??= { phase: 'Pending' };
      const f = obj.metadata.finalizers ?? [];
      if (!f.includes(PV_PROTECTION)) obj.metadata.finalizers = [...f, PV_PROTECTION];
    }
  },
  validate(obj, old) {
    const spec = (obj.spec ?? {}) as PvSpec;
    const causes: FieldCause[] = [];
    validateAccessModes(spec.accessModes, 'spec.accessModes', causes);
    const capacity = spec.capacity;
    if (!capacity || Object.keys(capacity).length === 0) {
      causes.push({ field: 'spec.capacity', message: 'Required value' });
    } else if (!('storage' in capacity) || Object.keys(capacity).length > 1) {
      causes.push({
        field: 'spec.capacity',
        message: `Unsupported value: ${JSON.stringify(capacity)}: supported values: "storage"`,
      });
    } else if ((quantityValue(capacity.storage) ?? 0) < 0) {
      causes.push({
        field: 'spec.capacity[storage]',
        message: `Invalid value: ${quote(qtyString(capacity.storage))}: must be greater than or equal to 0`,
      });
    }
    const policy = spec.persistentVolumeReclaimPolicy;
    if (policy !== undefined && !RECLAIM_POLICIES_PV.includes(policy)) {
      causes.push({
        field: 'spec.persistentVolumeReclaimPolicy',
        message: `Unsupported value: ${quote(policy)}: ${supported(RECLAIM_POLICIES_PV)}`,
      });
    }
    validateVolumeMode(spec.volumeMode, 'spec.volumeMode', causes);
    const sources = pvSources(spec);
    if (sources.length === 0) {
      causes.push({ field: 'spec', message: 'Required value: must specify a volume type' });
    } else if (sources.length > 1) {
      for (const s of sources.slice(1)) {
        causes.push({
          field: `spec.${s}`,
          message: 'Forbidden: may not specify more than 1 volume type',
        });
      }
    }
    if (spec.hostPath && !spec.hostPath.path) {
      causes.push({ field: 'spec.hostPath.path', message: 'Required value' });
    }
    if (spec.local) {
      if (!spec.local.path) causes.push({ field: 'spec.local.path', message: 'Required value' });
      if (!spec.nodeAffinity) {
        causes.push({
          field: 'spec.nodeAffinity',
          message: 'Required value: Local volume requires node affinity',
        });
      }
    }
    if (spec.csi) {
      if (!spec.csi.driver) causes.push({ field: 'spec.csi.driver', message: 'Required value' });
      if (!spec.csi.volumeHandle)
        causes.push({ field: 'spec.csi.volumeHandle', message: 'Required value' });
    }
    if (spec.nodeAffinity) {
      if (!spec.nodeAffinity.required) {
        if (spec.local) {
          causes.push({
            field: 'spec.nodeAffinity.required',
            message: 'Required value: Local volume requires node affinity',
          });
        }
      } else {
        validateNodeSelectorTerms(
          spec.nodeAffinity.required.nodeSelectorTerms,
          'spec.nodeAffinity.required.nodeSelectorTerms',
          causes,
        );
      }
    }
    if (old) {
      const oldSpec = (old.spec ?? {}) as PvSpec;
      if (oldSpec.volumeMode !== spec.volumeMode) {
        causes.push({
          field: 'volumeMode',
          message: `Invalid value: ${quote(spec.volumeMode ?? 'null')}: field is immutable`,
        });
      }
      if (
        oldSpec.nodeAffinity &&
        JSON.stringify(oldSpec.nodeAffinity) !== JSON.stringify(spec.nodeAffinity)
      ) {
        causes.push({
          field: 'nodeAffinity',
          message: `Invalid value: ${JSON.stringify(spec.nodeAffinity ?? null)}: field is immutable`,
        });
      }
      const src = (s: PvSpec): string => JSON.stringify(PV_SOURCES.map((k) => s[k] ?? null));
      if (src(oldSpec) !== src(spec)) {
        causes.push({
          field: 'spec.persistentvolumesource',
          message: 'Forbidden: spec.persistentvolumesource is immutable after creation',
        });
      }
    }
    return causes;
  },
};

interface StorageClassFields {
  provisioner?: string;
  parameters?: Record<string, string>;
  reclaimPolicy?: string;
  volumeBindingMode?: string;
  allowVolumeExpansion?: boolean;
}

export const storageClassBehavior: TypeBehavior = {
  hasStatus: false,
  defaults(obj) {
    const sc = obj as KubeObject & StorageClassFields;
    sc.reclaimPolicy ??= 'Delete';
    sc.volumeBindingMode ??= 'Immediate';
  },
  validate(obj, old) {
    const sc = obj as KubeObject & StorageClassFields;
    const causes: FieldCause[] = [];
    if (!sc.provisioner) causes.push({ field: 'provisioner', message: 'Required value' });
    else {
      for (const e of qualifiedNameErrors(sc.provisioner)) {
        causes.push({
          field: 'provisioner',
          message: `Invalid value: ${quote(sc.provisioner)}: ${e}`,
        });
      }
    }
    if (sc.reclaimPolicy !== undefined && !RECLAIM_POLICIES_SC.includes(sc.reclaimPolicy)) {
      causes.push({
        field: 'reclaimPolicy',
        message: `Unsupported value: ${quote(sc.reclaimPolicy)}: ${supported(RECLAIM_POLICIES_SC)}`,
      });
    }
    if (sc.volumeBindingMode !== undefined && !BINDING_MODES.includes(sc.volumeBindingMode)) {
      causes.push({
        field: 'volumeBindingMode',
        message: `Unsupported value: ${quote(sc.volumeBindingMode)}: ${supported(BINDING_MODES)}`,
      });
    }
    const params = sc.parameters ?? {};
    if (Object.keys(params).length > 512) {
      causes.push({ field: 'parameters', message: 'Too many: must have at most 512 parameters' });
    }
    for (const [k, v] of Object.entries(params)) {
      if (typeof v !== 'string') {
        causes.push({
          field: `parameters[${k}]`,
          message: `Invalid value: ${quote(v)}: must be a string`,
        });
      }
    }
    if (old) {
      const o = old as KubeObject & StorageClassFields;
      const same = (a: unknown, b: unknown): boolean =>
        JSON.stringify(a ?? {}) === JSON.stringify(b ?? {});
      if (!same(o.parameters, sc.parameters)) {
        causes.push({
          field: 'parameters',
          message: 'Forbidden: updates to parameters are forbidden.',
        });
      }
      if (o.provisioner !== sc.provisioner) {
        causes.push({
          field: 'provisioner',
          message: 'Forbidden: updates to provisioner are forbidden.',
        });
      }
      if (o.reclaimPolicy !== sc.reclaimPolicy) {
        causes.push({
          field: 'reclaimPolicy',
          message: 'Forbidden: updates to reclaimPolicy are forbidden.',
        });
      }
      if (o.volumeBindingMode !== sc.volumeBindingMode) {
        causes.push({
          field: 'volumeBindingMode',
          message: 'Forbidden: updates to volumeBindingMode are forbidden.',
        });
      }
    }
    return causes;
  },
};

interface CsiDriverFields {
  spec?: {
    attachRequired?: boolean;
    podInfoOnMount?: boolean;
    storageCapacity?: boolean;
    requiresRepublish?: boolean;
    seLinuxMount?: boolean;
    fsGroupPolicy?: string;
    volumeLifecycleModes?: string[];
  };
}

const LIFECYCLE_MODES = ['Persistent', 'Ephemeral'];
const FS_GROUP_POLICIES = ['ReadWriteOnceWithFSType', 'File', 'None'];
const CSI_DRIVER_NAME = /^[a-zA-Z0-9]([-a-zA-Z0-9.]{0,61}[a-zA-Z0-9])?$/;

/**
 * `storage.k8s.io/v1` CSIDriver: defaults of kubernetes/kubernetes `pkg/apis/storage/v1/defaults.go`
 * (`SetDefaults_CSIDriver`) and the rules of `pkg/apis/storage/validation/validation.go`
 * (`ValidateCSIDriver`, `ValidateCSIDriverUpdate`: the name is the driver name, at most 63
 * characters; `attachRequired` and `volumeLifecycleModes` cannot change).
 */
export const csiDriverBehavior: TypeBehavior = {
  hasStatus: false,
  defaults(obj) {
    const d = obj as KubeObject & CsiDriverFields;
    d.spec ??= {};
    d.spec.attachRequired ??= true;
    d.spec.podInfoOnMount ??= false;
    d.spec.storageCapacity ??= false;
    d.spec.requiresRepublish ??= false;
    d.spec.seLinuxMount ??= false;
    d.spec.fsGroupPolicy ??= 'ReadWriteOnceWithFSType';
    if (!d.spec.volumeLifecycleModes || d.spec.volumeLifecycleModes.length === 0)
      d.spec.volumeLifecycleModes = ['Persistent'];
  },
  validate(obj, old) {
    const d = obj as KubeObject & CsiDriverFields;
    const causes: FieldCause[] = [];
    const name = d.metadata.name ?? '';
    if (name.length > 63) {
      causes.push({
        field: 'metadata.name',
        message: `Too long: may not be more than 63 bytes`,
      });
    } else if (!CSI_DRIVER_NAME.test(name)) {
      causes.push({
        field: 'metadata.name',
        message: `Invalid value: ${quote(name)}: a CSI driver name must consist of alphanumeric characters, '-', '.' and must start and end with an alphanumeric character`,
      });
    }
    (d.spec?.volumeLifecycleModes ?? []).forEach((m, i) => {
      if (!LIFECYCLE_MODES.includes(m)) {
        causes.push({
          field: `spec.volumeLifecycleModes[${String(i)}]`,
          message: `Unsupported value: ${quote(m)}: ${supported(LIFECYCLE_MODES)}`,
        });
      }
    });
    const policy = d.spec?.fsGroupPolicy;
    if (policy !== undefined && !FS_GROUP_POLICIES.includes(policy)) {
      causes.push({
        field: 'spec.fsGroupPolicy',
        message: `Unsupported value: ${quote(policy)}: ${supported(FS_GROUP_POLICIES)}`,
      });
    }
    if (old) {
      const o = old as KubeObject & CsiDriverFields;
      if (o.spec?.attachRequired !== d.spec?.attachRequired) {
        causes.push({ field: 'spec.attachRequired', message: 'Invalid value: field is immutable' });
      }
      if (
        JSON.stringify(o.spec?.volumeLifecycleModes ?? []) !==
        JSON.stringify(d.spec?.volumeLifecycleModes ?? [])
      ) {
        causes.push({
          field: 'spec.volumeLifecycleModes',
          message: 'Invalid value: field is immutable',
        });
      }
    }
    return causes;
  },
};
