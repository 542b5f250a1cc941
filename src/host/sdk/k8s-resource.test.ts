import { describe, expect, it } from 'vitest';
import type { K8sModel } from './k8s-types';
import {
  listQueryParams,
  referenceForModel,
  resourceURL,
  selectorToString,
  watchURL,
} from './k8s-resource';

const pvc: K8sModel = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  plural: 'persistentvolumeclaims',
  abbr: 'PVC',
  label: 'PersistentVolumeClaim',
  labelPlural: 'PersistentVolumeClaims',
  namespaced: true,
};
const pv: K8sModel = {
  ...pvc,
  kind: 'PersistentVolume',
  plural: 'persistentvolumes',
  namespaced: false,
};
const dv: K8sModel = {
  ...pvc,
  apiGroup: 'cdi.kubevirt.io',
  apiVersion: 'v1beta1',
  kind: 'DataVolume',
  plural: 'datavolumes',
};

describe('resourceURL', () => {
  it('builds core and group paths', () => {
    expect(resourceURL(pvc, { ns: 'ns1' })).toBe(
      '/api/kubernetes/api/v1/namespaces/ns1/persistentvolumeclaims',
    );
    expect(resourceURL(dv, { ns: 'ns1', name: 'disk' })).toBe(
      '/api/kubernetes/apis/cdi.kubevirt.io/v1beta1/namespaces/ns1/datavolumes/disk',
    );
  });
  it('ignores the namespace for cluster-scoped models', () => {
    expect(resourceURL(pv, { ns: 'ns1', name: 'pv-1' })).toBe(
      '/api/kubernetes/api/v1/persistentvolumes/pv-1',
    );
  });
  it('lists across namespaces without a namespace', () => {
    expect(resourceURL(pvc)).toBe('/api/kubernetes/api/v1/persistentvolumeclaims');
  });
  it('adds subresource paths and encoded query parameters', () => {
    expect(
      resourceURL(pvc, {
        ns: 'a',
        name: 'b',
        path: 'status',
        queryParams: { dryRun: 'All', x: undefined },
      }),
    ).toBe('/api/kubernetes/api/v1/namespaces/a/persistentvolumeclaims/b/status?dryRun=All');
    expect(resourceURL(pv, { queryParams: { labelSelector: 'a=b,c in (d)' } })).toBe(
      '/api/kubernetes/api/v1/persistentvolumes?labelSelector=a%3Db%2Cc%20in%20(d)',
    );
  });
});

describe('selectorToString', () => {
  it('serialises labels and every expression operator', () => {
    expect(
      selectorToString({
        matchLabels: { app: 'x', tier: 'db' },
        matchExpressions: [
          { key: 'zone', operator: 'In', values: ['a', 'b'] },
          { key: 'env', operator: 'NotIn', values: ['prod'] },
          { key: 'has', operator: 'Exists' },
          { key: 'not', operator: 'DoesNotExist' },
          { key: 'eq', operator: 'Equals', values: ['1'] },
          { key: 'ne', operator: 'NotEquals', values: ['2'] },
          { key: 'gt', operator: 'GreaterThan', values: ['3'] },
          { key: 'lt', operator: 'LessThan', values: ['4'] },
        ],
      }),
    ).toBe('app=x,tier=db,zone in (a,b),env notin (prod),has,!not,eq=1,ne!=2,gt>3,lt<4');
  });
  it('returns an empty string for no selector', () => {
    expect(selectorToString(undefined)).toBe('');
    expect(selectorToString({})).toBe('');
  });
  it('refuses unknown operators', () => {
    expect(() => selectorToString({ matchExpressions: [{ key: 'a', operator: 'Like' }] })).toThrow(
      /Like/,
    );
  });
});

describe('list and watch queries', () => {
  it('turns a name into a field selector next to a given one', () => {
    expect(listQueryParams({ name: 'x', fieldSelector: 'spec.nodeName=n1', limit: 5 })).toEqual({
      fieldSelector: 'spec.nodeName=n1,metadata.name=x',
      limit: '5',
    });
  });
  it('watches from a resourceVersion without the list limit', () => {
    const url = watchURL(
      pvc,
      { ns: 'ns1', selector: { matchLabels: { a: 'b' } }, limit: 10 },
      '42',
    );
    expect(url).toBe(
      '/api/kubernetes/api/v1/namespaces/ns1/persistentvolumeclaims?labelSelector=a%3Db&watch=true&resourceVersion=42&allowWatchBookmarks=true',
    );
  });
  it('makes console references', () => {
    expect(referenceForModel(dv)).toBe('cdi.kubevirt.io~v1beta1~DataVolume');
    expect(referenceForModel(pvc)).toBe('core~v1~PersistentVolumeClaim');
  });
});
