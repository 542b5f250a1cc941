// The causes follow CDI's phases and condition reasons (kubevirt/containerized-data-importer
// pkg/controller/datavolume/controller-base.go `shouldBeMarkedPendingPopulation`, conditions.go
// `updateBoundCondition`, pkg/controller/util.go `ScratchSpaceRequiredReason`) and the scheduler's volume binding
// reasons (kubernetes/kubernetes pkg/scheduler/framework/plugins/volumebinding/binder.go).
import { describe, expect, it } from 'vitest';
import { volumeWait, type VolumeWaitInput } from './volume-wait';

const SIX_NODES_NO_PV =
  "0/6 nodes are available: 3 node(s) didn't find available persistent volumes to bind, 3 node(s) had untolerated taint {node-role.kubernetes.io/master: }. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.";

const base: VolumeWaitInput = {
  phase: 'Pending',
  conditions: [],
  claims: [{ name: 'disk', role: 'target', phase: 'Pending' }],
  events: [],
};

describe('volumeWait', () => {
  it.each([['UploadReady'], ['ImportInProgress'], ['CloneInProgress'], ['Succeeded'], ['Failed']])(
    'says nothing while the work runs or after it ended (phase %s)',
    (phase) => {
      expect(
        volumeWait({
          ...base,
          phase,
          events: [
            {
              kind: 'Pod',
              name: 'cdi-upload-disk',
              type: 'Warning',
              reason: 'FailedScheduling',
              message: SIX_NODES_NO_PV,
            },
          ],
        }),
      ).toBeUndefined();
    },
  );

  it.each([
    ['WaitForFirstConsumer', 'wait-for-first-consumer'],
    ['PendingPopulation', 'pending-population'],
  ] as const)('phase %s: force-bind or start a consumer, with the claim event', (phase, cause) => {
    const wait = volumeWait({
      ...base,
      phase,
      events: [
        {
          kind: 'PersistentVolumeClaim',
          name: 'disk',
          type: 'Normal',
          reason: 'WaitForFirstConsumer',
          message: 'waiting for first consumer to be created before binding',
          at: '2026-12-06T09:00:00Z',
        },
      ],
    });
    expect(wait).toEqual({
      cause,
      detail: 'waiting for first consumer to be created before binding',
      object: 'disk',
      role: 'target',
      blocking: false,
      advice: ['force-bind', 'start-consumer'],
    });
  });

  it('a worker pod the scheduler cannot place (not enough local PVs): create a local volume or use another class', () => {
    const wait = volumeWait({
      ...base,
      events: [
        {
          kind: 'Pod',
          name: 'cdi-upload-prime-1',
          type: 'Normal',
          reason: 'Scheduled',
          message: 'old',
          at: '2026-12-06T08:00:00Z',
        },
        {
          kind: 'Pod',
          name: 'cdi-upload-prime-1',
          type: 'Warning',
          reason: 'FailedScheduling',
          message: SIX_NODES_NO_PV,
          at: '2026-12-06T09:00:00Z',
        },
      ],
    });
    expect(wait).toMatchObject({
      cause: 'no-node',
      detail: SIX_NODES_NO_PV,
      object: 'cdi-upload-prime-1',
      blocking: true,
      advice: ['create-local-volume', 'other-class'],
    });
  });

  it('an old FailedScheduling followed by Scheduled no longer blocks', () => {
    const wait = volumeWait({
      ...base,
      claims: [{ name: 'disk', role: 'target', phase: 'Bound' }],
      events: [
        {
          kind: 'Pod',
          name: 'cdi-upload-disk',
          type: 'Warning',
          reason: 'FailedScheduling',
          message: SIX_NODES_NO_PV,
          at: '2026-12-06T08:00:00Z',
        },
        {
          kind: 'Pod',
          name: 'cdi-upload-disk',
          type: 'Normal',
          reason: 'Scheduled',
          message: 'assigned',
          at: '2026-12-06T09:00:00Z',
        },
      ],
    });
    expect(wait).toBeUndefined();
  });

  it('the Running condition (reason Pending) carries the scheduler message when no event is readable', () => {
    const wait = volumeWait({
      ...base,
      conditions: [
        { type: 'Running', status: 'False', reason: 'Pending', message: SIX_NODES_NO_PV },
      ],
    });
    expect(wait).toMatchObject({ cause: 'no-node', detail: SIX_NODES_NO_PV });
  });

  it('a pending scratch claim adds "fix scratch space" to the scheduling advice', () => {
    const wait = volumeWait({
      ...base,
      claims: [
        { name: 'disk', role: 'target', phase: 'Pending' },
        { name: 'disk-scratch', role: 'scratch', phase: 'Pending' },
      ],
      events: [
        {
          kind: 'Pod',
          name: 'cdi-upload-disk',
          type: 'Warning',
          reason: 'FailedScheduling',
          message: '0/6 nodes are available: 6 node(s) did not have enough free storage.',
        },
      ],
    });
    expect(wait?.advice).toEqual(['fix-scratch-space', 'other-class']);
  });

  it('a broken scratch class: the provisioner failed for the scratch claim', () => {
    const message = 'failed to provision volume with StorageClass "broken": storage pool not found';
    const wait = volumeWait({
      ...base,
      claims: [
        { name: 'disk', role: 'target', phase: 'Pending' },
        { name: 'disk-scratch', role: 'scratch', phase: 'Pending' },
      ],
      events: [
        {
          kind: 'PersistentVolumeClaim',
          name: 'disk-scratch',
          type: 'Warning',
          reason: 'ProvisioningFailed',
          message,
          at: '2026-12-06T09:00:00Z',
        },
      ],
    });
    expect(wait).toEqual({
      cause: 'provisioning-failed',
      detail: message,
      object: 'disk-scratch',
      role: 'scratch',
      blocking: true,
      advice: ['fix-scratch-space', 'other-class'],
    });
  });

  it('a scratch claim still pending without an event, or CDI asking for scratch space', () => {
    expect(
      volumeWait({
        ...base,
        claims: [
          { name: 'disk', role: 'target', phase: 'Bound' },
          { name: 'disk-scratch', role: 'scratch', phase: 'Pending' },
        ],
      }),
    ).toMatchObject({
      cause: 'scratch-pending',
      object: 'disk-scratch',
      advice: ['fix-scratch-space'],
    });
    expect(
      volumeWait({
        ...base,
        claims: [{ name: 'disk', role: 'target', phase: 'Bound' }],
        conditions: [{ type: 'Running', status: 'False', reason: 'Scratch space required' }],
      }),
    ).toMatchObject({ cause: 'scratch-pending' });
  });

  it.each([
    ['ErrExceededQuota', 'quota-exceeded', ['raise-quota']],
    ['ClaimLost', 'claim-lost', ['other-class']],
    ['ErrClaimNotValid', 'claim-not-valid', ['fix-claim']],
  ] as const)('the Bound condition reason %s', (reason, cause, advice) => {
    const wait = volumeWait({
      ...base,
      conditions: [{ type: 'Bound', status: 'False', reason, message: 'the words' }],
    });
    expect(wait).toEqual({ cause, detail: 'the words', blocking: true, advice });
  });

  it('a target claim pending with nothing else known: its newest event, and the ways forward', () => {
    const wait = volumeWait({
      ...base,
      conditions: [
        { type: 'Bound', status: 'False', reason: 'Pending', message: 'PVC disk Pending' },
      ],
      events: [
        {
          kind: 'PersistentVolumeClaim',
          name: 'disk',
          type: 'Normal',
          reason: 'ExternalProvisioning',
          message: 'waiting for a volume to be created',
          at: '2026-12-06T09:00:00Z',
        },
      ],
    });
    expect(wait).toEqual({
      cause: 'claim-pending',
      detail: 'waiting for a volume to be created',
      object: 'disk',
      role: 'target',
      blocking: false,
      advice: ['other-class', 'create-local-volume'],
    });
  });

  it('a provisioning failure that was followed by success (claim bound) is not reported', () => {
    const wait = volumeWait({
      ...base,
      phase: 'UploadScheduled',
      claims: [{ name: 'disk', role: 'target', phase: 'Bound' }],
      events: [
        {
          kind: 'PersistentVolumeClaim',
          name: 'disk',
          type: 'Warning',
          reason: 'ProvisioningFailed',
          message: 'x',
        },
      ],
    });
    expect(wait).toBeUndefined();
  });
});
