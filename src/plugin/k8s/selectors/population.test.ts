// CDI volume populators: kubevirt/containerized-data-importer pkg/controller/datavolume/controller-base.go
// (shouldBeMarkedPendingPopulation), pkg/controller/common/util.go (AnnPVCPrimeName),
// pkg/controller/populators/util.go (PVCPrimeName: prime-<uid>).
import { describe, expect, it } from 'vitest';
import { PVC_PRIME_ANNOTATION, populationView, primeClaimName } from './population';

const NS = 'vm-images';
const dv = (phase: string) => ({
  metadata: { name: 'fedora', namespace: NS },
  status: { phase: phase as 'PendingPopulation' },
});
const target = {
  metadata: {
    name: 'fedora',
    namespace: NS,
    uid: 'u-1',
    annotations: { [PVC_PRIME_ANNOTATION]: 'prime-u-1' },
  },
  status: { phase: 'Pending' as const },
};
const prime = {
  metadata: { name: 'prime-u-1', namespace: NS },
  status: { phase: 'Bound' as const },
};
const pod = {
  metadata: { name: 'cdi-upload-prime-u-1', namespace: NS },
  spec: {
    containers: [],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'prime-u-1' } }],
  },
  status: { phase: 'Pending' },
};
const event = (name: string, type: string, reason: string, at: string) => ({
  metadata: { name: `${name}.${reason}`, namespace: NS },
  involvedObject: { name, namespace: NS },
  type,
  reason,
  message: `${reason} of ${name}`,
  lastTimestamp: at,
});

describe('populationView', () => {
  it('explains PendingPopulation before any prime claim exists', () => {
    expect(
      populationView({ dv: dv('PendingPopulation'), pvcs: [target], pods: [], events: [] }),
    ).toEqual({ pendingPopulation: true });
  });

  it('shows the prime claim, its pod and the newest warning about them', () => {
    const view = populationView({
      dv: dv('UploadScheduled'),
      pvcs: [target, prime],
      pods: [pod],
      events: [
        event('prime-u-1', 'Normal', 'Provisioning', '2026-01-01T00:00:01Z'),
        event('cdi-upload-prime-u-1', 'Warning', 'FailedScheduling', '2026-01-01T00:00:02Z'),
        event('cdi-upload-prime-u-1', 'Normal', 'Scheduled', '2026-01-01T00:00:03Z'),
        event('fedora', 'Warning', 'Other', '2026-01-01T00:00:04Z'),
      ],
    });
    expect(view).toEqual({
      pendingPopulation: false,
      primeName: 'prime-u-1',
      primePhase: 'Bound',
      podName: 'cdi-upload-prime-u-1',
      podPhase: 'Pending',
      event: {
        type: 'Warning',
        reason: 'FailedScheduling',
        message: 'FailedScheduling of cdi-upload-prime-u-1',
        object: 'cdi-upload-prime-u-1',
      },
    });
  });

  it('is undefined for a DataVolume without a populator', () => {
    expect(
      populationView({ dv: dv('UploadReady'), pvcs: [target], pods: [], events: [] }),
    ).toBeUndefined();
  });

  it('names the prime claim from the annotation, else prime-<uid>', () => {
    expect(primeClaimName(target)).toBe('prime-u-1');
    expect(primeClaimName({ metadata: { name: 'x', uid: 'abc' } })).toBe('prime-abc');
  });
});
