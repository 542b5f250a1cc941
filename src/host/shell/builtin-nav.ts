// The host's own navigation: sections with the console's ids (so plugins can anchor to them) and links
// to the host's built-in pages.
import { ALL_NAMESPACES_KEY } from '../sdk/k8s-types';
import type { NavInput } from './nav-model';

export const builtinNav = (namespace: string): NavInput => {
  const nsPrefix =
    namespace === ALL_NAMESPACES_KEY
      ? '/k8s/all-namespaces'
      : `/k8s/ns/${encodeURIComponent(namespace)}`;
  return {
    sections: [
      { id: 'home', name: 'Home' },
      { id: 'storage', name: 'Storage' },
      { id: 'virtualization', name: 'Virtualization' },
      { id: 'host', name: 'Console host' },
    ],
    links: [
      { id: 'host-home', name: 'Host home', href: '/', section: 'home', fromPlugin: false },
      {
        id: 'persistentvolumeclaims',
        name: 'PersistentVolumeClaims',
        href: `${nsPrefix}/persistentvolumeclaims`,
        section: 'storage',
        fromPlugin: false,
      },
      {
        id: 'persistentvolumes',
        name: 'PersistentVolumes',
        href: '/k8s/cluster/persistentvolumes',
        section: 'storage',
        fromPlugin: false,
      },
      {
        id: 'virtualmachines',
        name: 'VirtualMachines',
        href: `${nsPrefix}/kubevirt.io~v1~VirtualMachine`,
        section: 'virtualization',
        fromPlugin: false,
      },
      {
        id: 'yaml-samples',
        name: 'YAML samples',
        href: '/yaml-samples',
        section: 'host',
        fromPlugin: false,
      },
    ],
  };
};
