// Which claims, pods and events belong to a DataVolume: its claim, the populator's prime claim named by
// `cdi.kubevirt.io/storage.populator.pvcPrime` (kubevirt/containerized-data-importer pkg/controller/common/util.go
// `AnnPVCPrimeName`), their `-scratch` claims and CDI's `cdi-upload-` / `importer-` worker pods.
import { describe, expect, it } from 'vitest';
import { volumeWait } from '../../../lib/volume-wait';
import { forceBindPatch, FORCE_BIND_ANNOTATION } from './force-bind-patch';
import type { PersistentVolumeClaimKind } from '../../k8s/types';
import { volumeWaitInput } from './volume-wait-input';

const ns = 'vm-images';
const dv = {
  metadata: { name: 'disk', namespace: ns },
  status: { phase: 'Pending' as const, claimName: 'disk', conditions: [] },
};
const pvc = (
  name: string,
  phase: 'Pending' | 'Bound',
  annotations: Record<string, string> = {},
): PersistentVolumeClaimKind => ({
  metadata: { name, namespace: ns, uid: `${name}-uid`, annotations },
  status: { phase },
});
const event = (kind: string, name: string, reason: string, message: string, type = 'Warning') => ({
  metadata: { name: `${name}.${reason}` },
  involvedObject: { kind, name, namespace: ns },
  type,
  reason,
  message,
  lastTimestamp: '2026-12-06T09:00:00Z',
});

describe('volumeWaitInput', () => {
  it('follows the prime claim, its scratch claim and its worker pod; ignores other objects', () => {
    const input = volumeWaitInput({
      dv,
      pvcs: [
        pvc('disk', 'Pending', { 'cdi.kubevirt.io/storage.populator.pvcPrime': 'prime-1' }),
        pvc('prime-1', 'Pending'),
        pvc('prime-1-scratch', 'Pending'),
        pvc('other', 'Pending'),
      ],
      events: [
        event(
          'Pod',
          'cdi-upload-prime-1',
          'FailedScheduling',
          '0/6 nodes are available: 6 node(s) did not have enough free storage.',
        ),
        event('Pod', 'cdi-upload-other', 'FailedScheduling', 'not ours'),
        event('PersistentVolumeClaim', 'prime-1-scratch', 'ProvisioningFailed', 'broken class'),
      ],
    });
    expect(input.claims).toEqual([
      { name: 'disk', role: 'target', phase: 'Pending' },
      { name: 'prime-1', role: 'prime', phase: 'Pending' },
      { name: 'prime-1-scratch', role: 'scratch', phase: 'Pending' },
    ]);
    expect(input.events.map((e) => e.name).sort()).toEqual([
      'cdi-upload-prime-1',
      'prime-1-scratch',
    ]);
    expect(volumeWait(input)).toMatchObject({
      cause: 'provisioning-failed',
      object: 'prime-1-scratch',
    });
  });
});

describe('forceBindPatch', () => {
  it('adds the annotation (escaped as a JSON pointer), the whole map when there is none, nothing when present', () => {
    expect(forceBindPatch({ metadata: { annotations: { a: 'b' } } })).toEqual([
      {
        op: 'add',
        path: '/metadata/annotations/cdi.kubevirt.io~1storage.bind.immediate.requested',
        value: '',
      },
    ]);
    expect(forceBindPatch({ metadata: {} })).toEqual([
      { op: 'add', path: '/metadata/annotations', value: { [FORCE_BIND_ANNOTATION]: '' } },
    ]);
    expect(
      forceBindPatch({ metadata: { annotations: { [FORCE_BIND_ANNOTATION]: 'true' } } }),
    ).toEqual([]);
  });
});
