// Which claim API a new DataVolume uses on this cluster (`spec.storage` or `spec.pvc`, src/lib/datavolume-claim.ts
// `chooseClaimApi`) and what the StorageProfile of the class recommends. An empty class name means the cluster's
// default class.
import { useQuery } from '@tanstack/react-query';
import { chooseClaimApi, profileRecommendation } from '../../../lib/datavolume-claim';
import type { ClaimApi, ProfileRecommendation } from '../../../lib/datavolume-claim';
import { isDefaultClass } from '../../../lib/scratch-space';
import { servedResources } from '../api-discovery';
import { useStorageProfiles } from './useCdiSettings';
import { useStorageClasses } from './useStorageClasses';
import { useStorageDefaultsConfigMap } from './useStorageDefaultsConfigMap';

export interface ClaimApiChoice {
  api: ClaimApi;
  profile: ProfileRecommendation | undefined;
}

export const useClaimApi = (storageClassName: string): [ClaimApiChoice, boolean, unknown] => {
  const discovery = useQuery({
    queryKey: ['discovery', 'cdi.kubevirt.io', 'v1beta1'],
    queryFn: () => servedResources('cdi.kubevirt.io', 'v1beta1'),
    staleTime: 60_000,
  });
  const { configMap, loaded: cmLoaded } = useStorageDefaultsConfigMap();
  const [profiles] = useStorageProfiles();
  const [classes] = useStorageClasses();
  const effectiveClass = storageClassName || classes.find(isDefaultClass)?.metadata?.name;
  const api = chooseClaimApi({
    storageProfilesServed: (discovery.data ?? []).includes('storageprofiles'),
    defaultsConfigMapExists: configMap !== undefined,
  });
  const profile = profileRecommendation(profiles.find((p) => p.metadata?.name === effectiveClass));
  return [{ api, profile }, discovery.isFetched && cmLoaded, discovery.error];
};
