// A blank disk (documentation 6.12.5 "DataVolume configuration file for blank disk images"): the form's values →
// the DataVolume, with the access and volume mode the storage defaults give for the class.
import { buildClaimSpec } from './datavolume-claim';
import type { ClaimApi, ClaimSpec, ProfileRecommendation } from './datavolume-claim';
import { objectNameError } from './k8s-names';
import { bytesOf, quantityError } from './quantity';

export interface BlankDiskValues {
  name: string;
  namespace: string;
  size: string;
  /** `''` leaves the class out, so the cluster's default class applies (as the seed's template says). */
  storageClassName: string;
  accessMode: string;
  volumeMode: 'Filesystem' | 'Block';
}

export interface BlankDataVolumeManifest {
  apiVersion: 'cdi.kubevirt.io/v1beta1';
  kind: 'DataVolume';
  metadata: { name: string; namespace?: string };
  spec: { source: { blank: Record<string, never> }; pvc?: ClaimSpec; storage?: ClaimSpec };
}

/**
 * The seed's template with the user's values. `spec.pvc` (default, the seed's shape): `volumeMode` is written only
 * when it is not the API default. `spec.storage` (`api: 'storage'`, see `datavolume-claim.ts`): modes the
 * StorageProfile recommends are left to CDI.
 */
export const buildBlankDataVolume = (
  values: BlankDiskValues,
  options: { api?: ClaimApi; profile?: ProfileRecommendation } = {},
): BlankDataVolumeManifest => {
  const api = options.api ?? 'pvc';
  const claim = buildClaimSpec(api, values, options.profile);
  return {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: {
      name: values.name.trim(),
      ...(values.namespace ? { namespace: values.namespace } : {}),
    },
    spec: { source: { blank: {} }, ...(api === 'pvc' ? { pvc: claim } : { storage: claim }) },
  };
};

/** CDI's smallest DataVolume. */
const MIN_BYTES = 1024n * 1024n;

export type BlankDiskProblem =
  | { field: 'name'; kind: 'invalid'; message: string }
  | { field: 'name'; kind: 'taken' }
  | { field: 'namespace'; kind: 'missing' }
  | { field: 'namespace'; kind: 'invalid'; message: string }
  | { field: 'size'; kind: 'invalid'; message: string }
  | { field: 'size'; kind: 'too-small' };

export const validateBlankDisk = (
  values: BlankDiskValues,
  takenNames: readonly string[],
): BlankDiskProblem[] => {
  const problems: BlankDiskProblem[] = [];
  const name = values.name.trim();
  const nameError = objectNameError(name, 'label');
  if (nameError) problems.push({ field: 'name', kind: 'invalid', message: nameError });
  else if (takenNames.includes(name)) problems.push({ field: 'name', kind: 'taken' });
  // A namespace name is a DNS-1123 label (kubernetes/kubernetes pkg/apis/core/validation/validation.go
  // `ValidateNamespaceName`), checked before the request is sent.
  const namespaceError = values.namespace ? objectNameError(values.namespace, 'label') : undefined;
  if (!values.namespace) problems.push({ field: 'namespace', kind: 'missing' });
  else if (namespaceError)
    problems.push({ field: 'namespace', kind: 'invalid', message: namespaceError });
  const size = values.size.trim();
  const sizeError = quantityError(size);
  if (sizeError) problems.push({ field: 'size', kind: 'invalid', message: sizeError });
  else if ((bytesOf(size) ?? 0n) < MIN_BYTES) problems.push({ field: 'size', kind: 'too-small' });
  return problems;
};
