// The claim part of a new DataVolume: `spec.storage` (CDI renders the PVC from the class's StorageProfile) or
// `spec.pvc` (the claim exactly as written, the seed's shape), and how the plugin picks one for a cluster.
//
// CDI kubevirt/containerized-data-importer pkg/controller/datavolume/util.go `renderPvcSpec` /
// `renderPvcSpecVolumeModeAndAccessModesAndStorageClass`: with `spec.storage`, a missing volume mode and/or
// access modes are filled from the StorageProfile's `status.claimPropertySets` (both when both are missing, else
// the one that fits the other), and `renderPvcSpecVolumeSize` inflates a Filesystem request by the filesystem
// overhead. Current `virtctl image-upload` (kubevirt/kubevirt pkg/virtctl/imageupload/imageupload.go
// `createStorageSpec`) writes `spec.storage` and sets access mode and volume mode only when the user asked for
// them, so the StorageProfile decides otherwise. The builders here do the same: a mode equal to what the
// StorageProfile recommends is left out.

export type ClaimApi = 'storage' | 'pvc';

export interface ClaimValues {
  size: string;
  /** `''` leaves the class out (the cluster's default class). */
  storageClassName: string;
  accessMode: string;
  volumeMode: 'Filesystem' | 'Block';
}

/** What the class's StorageProfile recommends (first claim property set), when it recommends anything. */
export interface ProfileRecommendation {
  accessMode?: string;
  volumeMode?: string;
}

export interface ClaimSpec {
  storageClassName?: string;
  accessModes?: string[];
  volumeMode?: 'Filesystem' | 'Block';
  resources: { requests: { storage: string } };
}

export interface ClaimOptions {
  /** `spec.pvc` only: write `volumeMode: Filesystem` too (the API default) instead of leaving it out. */
  explicitFilesystem?: boolean;
}

/**
 * The claim for `api`. `spec.pvc`: every value written (it is the claim). `spec.storage`: access and volume mode
 * only where they differ from the StorageProfile's recommendation (`profile`), so an unchanged form behaves like
 * `virtctl` without `--access-mode` / `--volume-mode`.
 */
export const buildClaimSpec = (
  api: ClaimApi,
  values: ClaimValues,
  profile: ProfileRecommendation | undefined,
  options: ClaimOptions = {},
): ClaimSpec => {
  const storageClassName = values.storageClassName.trim();
  const resources = { requests: { storage: values.size.trim() } };
  const classPart = storageClassName ? { storageClassName } : {};
  if (api === 'pvc') {
    const writeVolumeMode = values.volumeMode === 'Block' || options.explicitFilesystem === true;
    return {
      ...classPart,
      accessModes: [values.accessMode],
      ...(writeVolumeMode ? { volumeMode: values.volumeMode } : {}),
      resources,
    };
  }
  const accessGiven = profile?.accessMode !== undefined && profile.accessMode === values.accessMode;
  const volumeGiven = profile?.volumeMode !== undefined && profile.volumeMode === values.volumeMode;
  return {
    ...classPart,
    ...(accessGiven ? {} : { accessModes: [values.accessMode] }),
    ...(volumeGiven ? {} : { volumeMode: values.volumeMode }),
    resources,
  };
};

/** The first claim property set of a StorageProfile's status (CDI's recommendation), if any. */
export const profileRecommendation = (
  profile:
    | { status?: { claimPropertySets?: { accessModes?: string[]; volumeMode?: string }[] } }
    | undefined,
): ProfileRecommendation | undefined => {
  const set = profile?.status?.claimPropertySets?.[0];
  if (!set) return undefined;
  return {
    ...(set.accessModes?.[0] ? { accessMode: set.accessModes[0] } : {}),
    ...(set.volumeMode ? { volumeMode: set.volumeMode } : {}),
  };
};

/**
 * Which claim API new DataVolumes use. `spec.storage` where CDI serves StorageProfiles (discovery:
 * `storageprofiles` in `cdi.kubevirt.io/v1beta1`) and they are the cluster's defaults, i.e. there is no
 * `kubevirt-storage-class-defaults` ConfigMap (HyperConverged ≥ 1.7 removed it, kubevirt/hyperconverged-cluster-
 * operator). Where that ConfigMap still exists (the seed's era) its values are the defaults the user maintains, and
 * the DataVolume carries them explicitly in `spec.pvc`, as the seed's DataVolumes do.
 */
export const chooseClaimApi = (facts: {
  storageProfilesServed: boolean;
  defaultsConfigMapExists: boolean;
}): ClaimApi => (facts.storageProfilesServed && !facts.defaultsConfigMapExists ? 'storage' : 'pvc');
