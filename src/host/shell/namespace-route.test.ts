import { describe, expect, it } from 'vitest';
import { navHref, namespaceFromPath, pathForNamespace } from './namespace-route';

describe('namespace routes', () => {
  it('reads the namespace from console paths', () => {
    expect(namespaceFromPath('/k8s/ns/dev/persistentvolumeclaims')).toBe('dev');
    expect(namespaceFromPath('/k8s/all-namespaces/persistentvolumeclaims')).toBe('#ALL_NS#');
    expect(namespaceFromPath('/vm-disks/overview')).toBeUndefined();
  });
  it('switches the namespace of a list path and drops the object name', () => {
    expect(pathForNamespace('/k8s/ns/dev/persistentvolumeclaims/disk-1', 'prod')).toBe(
      '/k8s/ns/prod/persistentvolumeclaims',
    );
    expect(pathForNamespace('/k8s/ns/dev/persistentvolumeclaims', '#ALL_NS#')).toBe(
      '/k8s/all-namespaces/persistentvolumeclaims',
    );
    expect(pathForNamespace('/vm-disks/overview', 'dev')).toBeUndefined();
  });
  it('builds namespaced nav hrefs', () => {
    expect(navHref({ href: '/vm-disks/overview' }, 'dev')).toBe('/vm-disks/overview');
    expect(navHref({ href: 'disks', prefixNamespaced: true }, 'dev')).toBe('/k8s/ns/dev/disks');
    expect(navHref({ href: '/disks', prefixNamespaced: true }, '#ALL_NS#')).toBe(
      '/k8s/all-namespaces/disks',
    );
    expect(navHref({ href: '/disks', namespaced: true }, 'dev')).toBe('/disks/ns/dev');
  });
});
