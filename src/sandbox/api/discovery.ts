import type { ResourceType } from '../contract';
import type { TypeRegistry } from '../store/registry';
import { joinApiVersion } from '../store/registry';

const DEFAULT_VERBS = [
  'create',
  'delete',
  'deletecollection',
  'get',
  'list',
  'patch',
  'update',
  'watch',
];

export const KUBE_VERSION = {
  major: '1',
  minor: '35',
  gitVersion: 'v1.35.1',
  gitCommit: '0000000000000000000000000000000000000000',
  gitTreeState: 'clean',
  buildDate: '2026-01-01T00:00:00Z',
  goVersion: 'go1.24.0',
  compiler: 'gc',
  platform: 'linux/amd64',
};

const resourceEntries = (t: ResourceType): object[] => {
  const entries: object[] = [
    {
      name: t.plural,
      singularName: t.singular,
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: t.verbs ?? DEFAULT_VERBS,
      ...(t.shortNames?.length ? { shortNames: t.shortNames } : {}),
      ...(t.categories?.length ? { categories: t.categories } : {}),
    },
  ];
  if (t.subresources?.status) {
    entries.push({
      name: `${t.plural}/status`,
      singularName: '',
      namespaced: t.namespaced,
      kind: t.kind,
      verbs: ['get', 'patch', 'update'],
    });
  }
  if (t.group === '' && t.kind === 'Namespace') {
    entries.push({
      name: 'namespaces/finalize',
      singularName: '',
      namespaced: false,
      kind: 'Namespace',
      verbs: ['update'],
    });
  }
  return entries;
};

export const apiResourceList = (
  registry: TypeRegistry,
  group: string,
  version: string,
): object => ({
  kind: 'APIResourceList',
  apiVersion: 'v1',
  groupVersion: joinApiVersion(group, version),
  resources: registry
    .typesIn(group, version)
    .sort((a, b) => a.plural.localeCompare(b.plural))
    .flatMap(resourceEntries),
});

export const apiVersions = (): object => ({
  kind: 'APIVersions',
  versions: ['v1'],
  serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: '127.0.0.1:6443' }],
});

const groupEntry = (group: string, versions: string[]): object => ({
  name: group,
  versions: versions.map((v) => ({ groupVersion: `${group}/${v}`, version: v })),
  preferredVersion: { groupVersion: `${group}/${versions[0]}`, version: versions[0] },
});

export const apiGroupList = (registry: TypeRegistry): object => ({
  kind: 'APIGroupList',
  apiVersion: 'v1',
  groups: registry
    .groups()
    .filter((g) => g.group !== '')
    .map((g) => groupEntry(g.group, g.versions)),
});

export const apiGroup = (registry: TypeRegistry, group: string): object | undefined => {
  const g = registry.groups().find((x) => x.group === group);
  return g ? { kind: 'APIGroup', apiVersion: 'v1', ...groupEntry(g.group, g.versions) } : undefined;
};
