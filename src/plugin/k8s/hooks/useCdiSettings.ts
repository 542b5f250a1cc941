// Live views of the objects that hold CDI settings: HyperConverged (any namespace), the CDI resource, CDIConfig
// and StorageProfiles. A kind the cluster does not serve (no HyperConverged without OpenShift Virtualization)
// comes back as loaded with an error, so callers can tell "absent" from "still loading".
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import { servedVersions } from '../api-discovery';
import {
  CDIConfigModel,
  CDIModel,
  HyperConvergedModel,
  StorageProfileModel,
  gvkOf,
  hyperConvergedModelFor,
} from '../models';
import type {
  CDIConfigKind,
  CDIKind,
  HyperConvergedKind,
  StorageProfileKind,
} from '../types/cdi-settings';
import { useWatchList } from './watch-list';

const HCO_GROUP = HyperConvergedModel.apiGroup ?? 'hco.kubevirt.io';
/** What a list of a kind the cluster does not serve reports. */
const NOT_SERVED = { code: 404, message: 'HyperConverged is not served by this cluster' };
import type { WatchListResult } from './watch-list';

/** HyperConverged at the version the cluster serves (discovery; `hyperConvergedModelFor`), `undefined` meanwhile. */
export const useHyperConvergedModel = (): {
  model: K8sModel | undefined;
  loaded: boolean;
  error: unknown;
} => {
  const query = useQuery({
    queryKey: ['discovery', HCO_GROUP],
    queryFn: () => servedVersions(HCO_GROUP),
    staleTime: 60_000,
  });
  return {
    model: query.data ? hyperConvergedModelFor(query.data) : undefined,
    loaded: query.isFetched,
    error: query.data === undefined ? query.error : null,
  };
};

const NO_HCOS: HyperConvergedKind[] = [];

/**
 * Every HyperConverged (normally one, in the operator's namespace), at the served version. Not served: loaded,
 * empty, with a 404-like error, as a watch of an unknown kind answers.
 */
export const useHyperConvergeds = (): WatchListResult<HyperConvergedKind> => {
  const { model, loaded: discovered, error: discoveryError } = useHyperConvergedModel();
  const resource = useMemo(
    () => (model ? { groupVersionKind: gvkOf(model), isList: true } : null),
    [model],
  );
  const result = useK8sWatchResource<HyperConvergedKind[]>(resource);
  if (!model) {
    const error = discoveryError ?? (discovered ? NOT_SERVED : undefined);
    return [NO_HCOS, discovered, error];
  }
  const data = Array.isArray(result[0]) ? result[0] : NO_HCOS;
  return [data, result[1], result[2] as unknown];
};

/** Every CDI resource (normally one, `cdi`). */
export const useCdis = (): WatchListResult<CDIKind> => useWatchList<CDIKind>(CDIModel);

/** All StorageProfiles (one per storage class, same name). */
export const useStorageProfiles = (): WatchListResult<StorageProfileKind> =>
  useWatchList<StorageProfileKind>(StorageProfileModel);

/** The CDIConfig singleton `config`. */
export const useCdiConfig = (): [CDIConfigKind | undefined, boolean, unknown] => {
  const resource = useMemo(
    () => ({ groupVersionKind: gvkOf(CDIConfigModel), name: 'config', isList: false }),
    [],
  );
  const result = useK8sWatchResource<CDIConfigKind>(resource);
  const data = result[0] as CDIConfigKind | undefined;
  const object = data && typeof data === 'object' && 'metadata' in data ? data : undefined;
  return [object, result[1], result[2] as unknown];
};
