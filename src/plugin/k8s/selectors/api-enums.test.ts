// The narrowing of string-typed enum fields of the generated types. Values from kubernetes/kubernetes
// staging/src/k8s.io/api/core/v1/types.go (PersistentVolumeMode, ConditionStatus, PersistentVolumeReclaimPolicy),
// storage/v1/types.go (VolumeBindingMode) and CDI's `FromStorageProfile` (kubevirt/containerized-data-importer
// staging/src/kubevirt.io/containerized-data-importer-api/pkg/apis/core/v1beta1/types.go).
import { describe, expect, it } from 'vitest';
import { bindingModeOf, conditionStatusOf, reclaimPolicyOf, volumeModeOf } from './api-enums';

describe('api enum narrowing', () => {
  it.each([
    ['Block', 'Block'],
    ['Filesystem', 'Filesystem'],
    ['FromStorageProfile', undefined],
    ['block', undefined],
    [undefined, undefined],
  ])('volume mode %j → %j', (value, expected) => {
    expect(volumeModeOf(value)).toBe(expected);
  });

  it.each([
    ['WaitForFirstConsumer', 'WaitForFirstConsumer'],
    ['Immediate', 'Immediate'],
    ['Later', undefined],
    [undefined, undefined],
  ])('binding mode %j → %j', (value, expected) => {
    expect(bindingModeOf(value)).toBe(expected);
  });

  it.each([
    ['Retain', 'Retain'],
    ['Delete', 'Delete'],
    ['Recycle', 'Recycle'],
    ['Keep', undefined],
  ])('reclaim policy %j → %j', (value, expected) => {
    expect(reclaimPolicyOf(value)).toBe(expected);
  });

  it.each([
    ['True', 'True'],
    ['False', 'False'],
    ['Unknown', 'Unknown'],
    ['true', undefined],
    [undefined, undefined],
  ])('condition status %j → %j', (value, expected) => {
    expect(conditionStatusOf(value)).toBe(expected);
  });
});
