import { describe, expect, it } from 'vitest';
import type { K8sModel } from '@openshift-console/dynamic-plugin-sdk';
import * as models from './models';
import { apiVersionOf, gvkOf } from './models';

const all = Object.entries(models).filter(
  (entry): entry is [string, K8sModel] =>
    typeof entry[1] === 'object' && 'kind' in entry[1] && 'plural' in entry[1],
);

describe('models', () => {
  it('are named after their kind and carry consistent names', () => {
    expect(all.length).toBeGreaterThanOrEqual(13);
    for (const [exportName, model] of all) {
      expect(exportName).toBe(`${model.kind}Model`);
      expect(model.plural).toMatch(/^[a-z]+$/);
      expect(model.plural.startsWith(model.kind.toLowerCase().slice(0, 4))).toBe(true);
      expect(model.label).toBe(model.kind);
      expect(typeof model.namespaced).toBe('boolean');
    }
  });

  it('use the served versions the plugin targets', () => {
    expect(apiVersionOf(models.DataVolumeModel)).toBe('cdi.kubevirt.io/v1beta1');
    expect(apiVersionOf(models.VirtualMachineModel)).toBe('kubevirt.io/v1');
    expect(apiVersionOf(models.StorageClassModel)).toBe('storage.k8s.io/v1');
    expect(apiVersionOf(models.PersistentVolumeModel)).toBe('v1');
  });

  it('turn into GroupVersionKinds without a group for the core group', () => {
    expect(gvkOf(models.PersistentVolumeClaimModel)).toEqual({
      version: 'v1',
      kind: 'PersistentVolumeClaim',
    });
    expect(gvkOf(models.DataVolumeModel)).toEqual({
      group: 'cdi.kubevirt.io',
      version: 'v1beta1',
      kind: 'DataVolume',
    });
  });
});

// kubevirt/hyperconverged-cluster-operator api/v1/hyperconverged_types.go (storage version, StorageConfig holds the
// scratch class) and api/v1beta1/hyperconverged_types.go: the plugin reads the version the cluster serves.
describe('hyperConvergedModelFor', () => {
  it('prefers v1, falls back to v1beta1, and knows when neither is served', () => {
    expect(models.hyperConvergedModelFor(['v1beta1', 'v1'])?.apiVersion).toBe('v1');
    expect(models.hyperConvergedModelFor(['v1beta1'])?.apiVersion).toBe('v1beta1');
    expect(models.hyperConvergedModelFor([])).toBeUndefined();
    expect(models.hyperConvergedModelFor(['v1'])?.plural).toBe('hyperconvergeds');
  });
});
