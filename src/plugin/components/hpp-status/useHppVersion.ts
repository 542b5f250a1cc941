// The HostPathProvisioner version the cluster serves (v1beta1 preferred), from discovery.
import { useQuery } from '@tanstack/react-query';
import { HPP_GROUP, preferredHppVersion } from '../../../lib/hpp-manifests';
import type { HppVersion } from '../../../lib/hpp-manifests';
import { servedVersions } from '../../k8s/api-discovery';

export const useHppVersion = (): {
  version: HppVersion | undefined;
  loaded: boolean;
  error: unknown;
} => {
  const query = useQuery({
    queryKey: ['discovery', HPP_GROUP],
    queryFn: () => servedVersions(HPP_GROUP),
    staleTime: 60_000,
  });
  return {
    version: query.data ? preferredHppVersion(query.data) : undefined,
    loaded: query.isFetched,
    error: query.error,
  };
};
