import { describe, expect, it } from 'vitest';
import { DataVolumeModel, PersistentVolumeModel } from '../models';
import { needOf, needsKey, qualifiedResourceOf } from './access-needs';

describe('access needs', () => {
  it('names a namespaced need with its group and namespace', () => {
    const need = needOf('create', DataVolumeModel, { namespace: 'vm-images' });
    expect(need).toEqual({
      verb: 'create',
      group: 'cdi.kubevirt.io',
      resource: 'datavolumes',
      namespace: 'vm-images',
    });
    expect(qualifiedResourceOf(need)).toBe('datavolumes.cdi.kubevirt.io');
  });
  it('drops the namespace of a cluster-scoped kind and names core resources bare', () => {
    const need = needOf('create', PersistentVolumeModel, { namespace: 'vm-images' });
    expect(need.namespace).toBeUndefined();
    expect(qualifiedResourceOf(need)).toBe('persistentvolumes');
  });
  it('keys needs by every attribute', () => {
    expect(needsKey([needOf('create', DataVolumeModel, { namespace: 'a' })])).not.toBe(
      needsKey([needOf('create', DataVolumeModel, { namespace: 'b' })]),
    );
  });
});
