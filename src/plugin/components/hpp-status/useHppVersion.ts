// The HostPathProvisioner version the cluster serves (v1beta1 preferred), from discovery.
import { useQuery } from '@tanstack/react-query';
import { HPP_GROUP, preferredHppVersion } from '../../../lib/hpp-manifests';
import type { HppVersion } from '../../../lib/hpp-manifests';
import { servedVersions } from '../../k8s/api-discovery';

/** How often a failed discovery is asked again. */
export const DISCOVERY_RETRY_MS = 5000;

export const useHppVersion = (): {
  version: HppVersion | undefined;
  loaded: boolean;
  error: unknown;
} => {
  const query = useQuery({
    queryKey: ['discovery', HPP_GROUP],
    queryFn: () => servedVersions(HPP_GROUP),
    staleTime: 60_000,
    // A failed discovery (5xx, 429, a cut connection) is asked again until it answers: the panel
    // shows the error meanwhile and recovers by itself (a 404 is an answer: not served).
    refetchInterval: (query) => (query.state.status === 'error' ? DISCOVERY_RETRY_MS : false),
  });
  return {
    version: query.data ? preferredHppVersion(query.data) : undefined,
    loaded: query.isFetched,
    // A later success clears an earlier failure.
    error: query.data === undefined ? query.error : null,
  };
};
