import { describe, expect, it } from 'vitest';
import { namespaceOptions } from './namespace-options';

describe('namespaceOptions', () => {
  const names = ['vm-images', 'default', 'openshift-cnv', 'kube-system', 'default'];
  it('offers every namespace, sorted and once, before anything is typed', () => {
    expect(namespaceOptions(names, null)).toEqual([
      'default',
      'kube-system',
      'openshift-cnv',
      'vm-images',
    ]);
    expect(namespaceOptions(names, '  ')).toHaveLength(4);
  });
  it('filters by what was typed, ignoring case', () => {
    expect(namespaceOptions(names, 'IMAG')).toEqual(['vm-images']);
    expect(namespaceOptions(names, 'e')).toEqual([
      'default',
      'kube-system',
      'openshift-cnv',
      'vm-images',
    ]);
    expect(namespaceOptions(names, 'shift')).toEqual(['openshift-cnv']);
    expect(namespaceOptions(names, 'nothing-like-it')).toEqual([]);
  });
});
