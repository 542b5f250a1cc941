// The permissions the wizard needs, one access review each: writing every object it creates and running the
// smoke test. Pure list; `preflight.ts` asks the API.

export interface AccessCheck {
  id: string;
  group: string;
  resource: string;
  verb: 'create' | 'update' | 'delete' | 'list' | 'get';
  namespace?: string;
}

export const accessChecksFor = (options: {
  hppExists: boolean;
  smokeNamespace: string;
}): AccessCheck[] => [
  { id: 'list-nodes', group: '', resource: 'nodes', verb: 'list' },
  {
    id: 'create-machineconfigs',
    group: 'machineconfiguration.openshift.io',
    resource: 'machineconfigs',
    verb: 'create',
  },
  {
    id: 'list-machineconfigpools',
    group: 'machineconfiguration.openshift.io',
    resource: 'machineconfigpools',
    verb: 'list',
  },
  {
    id: options.hppExists ? 'update-hostpathprovisioners' : 'create-hostpathprovisioners',
    group: 'hostpathprovisioner.kubevirt.io',
    resource: 'hostpathprovisioners',
    verb: options.hppExists ? 'update' : 'create',
  },
  {
    id: 'create-storageclasses',
    group: 'storage.k8s.io',
    resource: 'storageclasses',
    verb: 'create',
  },
  {
    id: 'create-datavolumes',
    group: 'cdi.kubevirt.io',
    resource: 'datavolumes',
    verb: 'create',
    namespace: options.smokeNamespace,
  },
  {
    id: 'delete-datavolumes',
    group: 'cdi.kubevirt.io',
    resource: 'datavolumes',
    verb: 'delete',
    namespace: options.smokeNamespace,
  },
  {
    id: 'create-pods',
    group: '',
    resource: 'pods',
    verb: 'create',
    namespace: options.smokeNamespace,
  },
];

/** `create machineconfigs.machineconfiguration.openshift.io` / `create pods in vm-images`. */
export const describeCheck = (check: AccessCheck): string => {
  const resource = check.group ? `${check.resource}.${check.group}` : check.resource;
  return check.namespace
    ? `${check.verb} ${resource} (namespace ${check.namespace})`
    : `${check.verb} ${resource} (cluster)`;
};
