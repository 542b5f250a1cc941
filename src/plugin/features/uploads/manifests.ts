// Pure builders for the upload targets (the objects `virtctl image-upload dv|pvc` would create) and the
// equivalent virtctl command line, for the record.
import { buildClaimSpec } from '../../../lib/datavolume-claim';
import type { ClaimApi, ProfileRecommendation } from '../../../lib/datavolume-claim';

export type TargetKind = 'new-dv' | 'new-pvc' | 'existing-dv';

export interface TargetValues {
  kind: TargetKind;
  name: string;
  namespace: string;
  /** Quantity, e.g. "10Gi". */
  size: string;
  storageClassName: string;
  accessMode: string;
  volumeMode: 'Filesystem' | 'Block';
  forceBind: boolean;
  /** Which claim API the DataVolume uses and what the class's StorageProfile recommends; absent: `spec.pvc`. */
  claim?: { api: ClaimApi; profile?: ProfileRecommendation };
}

export const FORCE_BIND_ANNOTATION = 'cdi.kubevirt.io/storage.bind.immediate.requested';
export const UPLOAD_TARGET_ANNOTATION = 'cdi.kubevirt.io/storage.upload.target';

const pvcSpec = (v: TargetValues) => ({
  accessModes: [v.accessMode],
  volumeMode: v.volumeMode,
  resources: { requests: { storage: v.size } },
  ...(v.storageClassName ? { storageClassName: v.storageClassName } : {}),
});

/**
 * A DataVolume with `source.upload` (seed 6.12.3.5), force-bound when asked. `spec.pvc` (default, the seed's
 * shape) or `spec.storage` as current `virtctl image-upload dv` writes it (see `lib/datavolume-claim.ts`).
 */
export const uploadDataVolume = (v: TargetValues) => {
  const api = v.claim?.api ?? 'pvc';
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: {
      name: v.name,
      namespace: v.namespace,
      ...(v.forceBind ? { annotations: { [FORCE_BIND_ANNOTATION]: 'true' } } : {}),
    },
    spec:
      api === 'pvc'
        ? { source: { upload: {} }, pvc: pvcSpec(v) }
        : {
            source: { upload: {} },
            storage: buildClaimSpec('storage', v, v.claim?.profile),
          },
  };
};

/** A PVC CDI treats as an upload target (what `virtctl image-upload pvc` creates). */
export const uploadPersistentVolumeClaim = (v: TargetValues) => ({
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: {
    name: v.name,
    namespace: v.namespace,
    annotations: {
      [UPLOAD_TARGET_ANNOTATION]: '',
      'cdi.kubevirt.io/storage.contentType': 'kubevirt',
      ...(v.forceBind ? { [FORCE_BIND_ANNOTATION]: '' } : {}),
    },
  },
  spec: pvcSpec(v),
});

const quote = (s: string) => (/^[\w./:=@%+-]+$/.test(s) ? s : `'${s.replace(/'/g, `'\\''`)}'`);

/** The `virtctl image-upload` command that does the same (minus resume and verification). */
export const virtctlCommand = (v: TargetValues, fileName: string): string => {
  const args = [
    'virtctl',
    'image-upload',
    v.kind === 'new-pvc' ? 'pvc' : 'dv',
    v.name,
    `--namespace=${v.namespace}`,
    `--image-path=${quote(fileName)}`,
  ];
  if (v.kind === 'existing-dv') {
    args.push('--no-create');
  } else {
    args.push(`--size=${v.size}`);
    if (v.storageClassName) args.push(`--storage-class=${v.storageClassName}`);
    args.push(`--access-mode=${v.accessMode}`, `--volume-mode=${v.volumeMode.toLowerCase()}`);
    if (v.forceBind) args.push('--force-bind');
  }
  return args.join(' ');
};
