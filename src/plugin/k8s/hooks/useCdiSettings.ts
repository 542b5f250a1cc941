// Live views of the objects that hold CDI settings: HyperConverged (any namespace), the CDI resource, CDIConfig
// and StorageProfiles. A kind the cluster does not serve (no HyperConverged without OpenShift Virtualization)
// comes back as loaded with an error, so callers can tell "absent" from "still loading".
import { useMemo } from 'react';
import { useK8sWatchResource } from '@openshift-console/dynamic-plugin-sdk';
import {
  CDIConfigModel,
  CDIModel,
  HyperConvergedModel,
  StorageProfileModel,
  gvkOf,
} from '../models';
import type {
  CDIConfigKind,
  CDIKind,
  HyperConvergedKind,
  StorageProfileKind,
} from '../types/cdi-settings';
import { useWatchList } from './watch-list';
import type { WatchListResult } from './watch-list';

/** Every HyperConverged (normally one, in the operator's namespace). */
export const useHyperConvergeds = (): WatchListResult<HyperConvergedKind> =>
  useWatchList<HyperConvergedKind>(HyperConvergedModel);

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
