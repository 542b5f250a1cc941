import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { quantityError } from '../../lib/quantity';
import { objectNameError } from '../../lib/k8s-names';
import { blankDataVolume } from './yamlTemplates';

interface BlankDataVolume {
  apiVersion: string;
  kind: string;
  metadata: { name: string };
  spec: {
    source: Record<string, unknown>;
    pvc: {
      accessModes: string[];
      resources: { requests: { storage: string } };
      storageClassName?: string;
    };
  };
}

describe('blank DataVolume template', () => {
  const dv = parse(blankDataVolume) as BlankDataVolume;

  it('is a cdi.kubevirt.io/v1beta1 DataVolume with a blank source', () => {
    expect(dv.apiVersion).toBe('cdi.kubevirt.io/v1beta1');
    expect(dv.kind).toBe('DataVolume');
    expect(dv.spec.source).toEqual({ blank: {} });
  });

  it('has a valid name, access mode and size, and leaves the storage class to the default', () => {
    expect(objectNameError(dv.metadata.name)).toBeUndefined();
    expect(dv.spec.pvc.accessModes).toEqual(['ReadWriteOnce']);
    expect(dv.spec.pvc.resources.requests.storage).toBe('500Mi');
    expect(quantityError(dv.spec.pvc.resources.requests.storage)).toBeUndefined();
    expect(dv.spec.pvc.storageClassName).toBeUndefined();
  });

  it('starts with a comment line saying what it is', () => {
    expect(blankDataVolume.split('\n')[0]).toMatch(/^# .*blank disk/i);
  });
});
