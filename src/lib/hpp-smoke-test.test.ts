import { describe, expect, it } from 'vitest';
import {
  diagnoseProvisioning,
  nodeOfVolume,
  smokeConsumerPod,
  smokeDataVolume,
  smokeTestName,
} from './hpp-smoke-test';

describe('smoke test', () => {
  const input = {
    name: 'hpp-smoke-abc',
    namespace: 'default',
    storageClass: 'hpp',
    node: 'worker-2',
  };

  it('creates a small blank DataVolume on the class and a consumer pinned to the node', () => {
    const dv = smokeDataVolume(input);
    expect(dv.spec.source).toEqual({ blank: {} });
    expect(dv.spec.pvc.storageClassName).toBe('hpp');
    const pod = smokeConsumerPod(input);
    expect(pod.spec.nodeSelector).toEqual({ 'kubernetes.io/hostname': 'worker-2' });
    expect(pod.spec.volumes[0].persistentVolumeClaim.claimName).toBe('hpp-smoke-abc');
    expect(smokeTestName('A_b9-XYZ12345')).toBe('hpp-smoke-ab9xyz12');
  });

  it('recognises the missing SELinux label', () => {
    expect(diagnoseProvisioning([{ reason: 'Provisioning' }])).toBeUndefined();
    expect(
      diagnoseProvisioning([
        { reason: 'ProvisioningFailed', message: 'mkdir /var/hpvolumes/pvc-1: Permission denied' },
      ]),
    ).toEqual({ kind: 'selinux', message: 'mkdir /var/hpvolumes/pvc-1: Permission denied' });
    expect(
      diagnoseProvisioning([{ reason: 'ProvisioningFailed', message: 'storage pool x not found' }]),
    ).toEqual({ kind: 'failed', message: 'storage pool x not found' });
  });

  it('reads the node from either topology key', () => {
    const pv = (key: string) => ({
      spec: {
        nodeAffinity: {
          required: {
            nodeSelectorTerms: [
              { matchExpressions: [{ key, operator: 'In', values: ['worker-1'] }] },
            ],
          },
        },
      },
    });
    expect(nodeOfVolume(pv('kubernetes.io/hostname'))).toBe('worker-1');
    expect(nodeOfVolume(pv('topology.hostpath.csi/node'))).toBe('worker-1');
    expect(nodeOfVolume({})).toBeUndefined();
  });
});
