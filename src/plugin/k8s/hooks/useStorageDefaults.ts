// The access and volume mode a DataVolume form should start with for a storage class, from the storage defaults
// ConfigMap and the class's StorageProfile (src/lib/storage-defaults.ts `resolveStorageDefaults`). An empty class
// name means the cluster's default class (what the claim will get).
import { useMemo } from 'react';
import { resolveStorageDefaults } from '../../../lib/storage-defaults';
import type { ResolvedStorageDefaults } from '../../../lib/storage-defaults';
import { isDefaultClass } from '../../../lib/scratch-space';
import { useStorageProfiles } from './useCdiSettings';
import { useStorageClasses } from './useStorageClasses';
import { useStorageDefaultsConfigMap } from './useStorageDefaultsConfigMap';

export const useStorageDefaults = (
  storageClassName: string | undefined,
): [ResolvedStorageDefaults, boolean, unknown] => {
  const { configMap, loaded: cmLoaded, error } = useStorageDefaultsConfigMap();
  const [profiles, profilesLoaded, profilesError] = useStorageProfiles();
  const [classes, classesLoaded] = useStorageClasses();
  const effectiveClass =
    storageClassName || classes.find(isDefaultClass)?.metadata?.name || undefined;
  const profile = profiles.find((p) => p.metadata?.name === effectiveClass);
  const resolved = useMemo(
    () => resolveStorageDefaults(configMap, profile, effectiveClass),
    [configMap, profile, effectiveClass],
  );
  // A cluster without StorageProfiles (or without permission to read them) still gets defaults.
  const loaded = cmLoaded && (profilesLoaded || Boolean(profilesError)) && classesLoaded;
  return [resolved, loaded, error];
};
