// Which versions of an API group the cluster serves, from discovery (`/apis/<group>`). 404 → none.
import { consoleFetchJSON } from '@openshift-console/dynamic-plugin-sdk';
import { statusOf } from './load-error';

interface APIGroup {
  versions?: { version?: string }[];
  preferredVersion?: { version?: string };
}

export const servedVersions = async (group: string): Promise<string[]> => {
  try {
    const result = (await consoleFetchJSON(`/api/kubernetes/apis/${group}`)) as APIGroup;
    return (result.versions ?? []).map((v) => v.version ?? '').filter(Boolean);
  } catch (error) {
    if (statusOf(error) === 404) return [];
    throw error;
  }
};

interface APIResourceList {
  resources?: { name?: string }[];
}

/** The resources (plural names) `group/version` serves, from discovery. 404 → none. */
export const servedResources = async (group: string, version: string): Promise<string[]> => {
  try {
    const result = (await consoleFetchJSON(
      `/api/kubernetes/apis/${group}/${version}`,
    )) as APIResourceList;
    return (result.resources ?? []).map((r) => r.name ?? '').filter(Boolean);
  } catch (error) {
    if (statusOf(error) === 404) return [];
    throw error;
  }
};
