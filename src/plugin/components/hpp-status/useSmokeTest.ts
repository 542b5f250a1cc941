// The smoke test: a small blank DataVolume on the class, a consumer pod pinned to the chosen node so the
// WaitForFirstConsumer claim is provisioned there, wait for Succeeded (or a provisioning failure), report the
// node the volume landed on, and delete both.
import { useRef, useState } from 'react';
import { k8sCreate, k8sDelete, k8sGet, k8sListItems } from '@openshift-console/dynamic-plugin-sdk';
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import {
  diagnoseProvisioning,
  nodeOfVolume,
  smokeConsumerPod,
  smokeDataVolume,
  smokeTestName,
} from '../../../lib/hpp-smoke-test';
import type { EventLike } from '../../../lib/hpp-smoke-test';
import { hppVolumeDirectory } from '../../../lib/hpp-manifests';
import type { HppSpecLike } from '../../../lib/hpp-manifests';
import { EventModel, PodModel } from '../../k8s/hpp-models';
import { messageOf } from '../../k8s/load-error';
import {
  DataVolumeModel,
  PersistentVolumeClaimModel,
  PersistentVolumeModel,
} from '../../k8s/models';
import type { EventKind } from '../../k8s/types/hpp-setup';

export type SmokeState =
  | { state: 'idle' }
  | { state: 'running'; stage: 'creating' | 'waiting' | 'cleaning'; phase?: string }
  | {
      state: 'succeeded';
      node: string | undefined;
      requested: string;
      /** The volume's directory on the node (`<pool path>/csi/pvc-…` for the CSI driver). */
      directory: string | undefined;
    }
  | {
      state: 'failed';
      reason: 'selinux' | 'provisioning' | 'timeout' | 'api';
      message: string;
      node: string;
    };

type VolumeShape = K8sResourceCommon &
  Parameters<typeof nodeOfVolume>[0] &
  Parameters<typeof hppVolumeDirectory>[0];

const TIMEOUT_MS = 180_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export const useSmokeTest = () => {
  const [state, setState] = useState<SmokeState>({ state: 'idle' });
  const busy = useRef(false);
  const run = async (input: {
    namespace: string;
    storageClass: string;
    node: string;
    cr: { spec: HppSpecLike } | undefined;
  }) => {
    if (busy.current) return;
    busy.current = true;
    const name = smokeTestName(Math.random().toString(36).slice(2));
    const spec = {
      name,
      namespace: input.namespace,
      storageClass: input.storageClass,
      node: input.node,
    };
    const dv = smokeDataVolume(spec);
    const pod = smokeConsumerPod(spec);
    let result: SmokeState | undefined;
    try {
      setState({ state: 'running', stage: 'creating' });
      await k8sCreate({ model: DataVolumeModel, data: dv });
      await k8sCreate({ model: PodModel, data: pod });
      const started = Date.now();
      while (!result) {
        const current = (await k8sGet({ model: DataVolumeModel, name, ns: input.namespace })) as {
          status?: { phase?: string };
        };
        const phase = current.status?.phase;
        setState({ state: 'running', stage: 'waiting', phase });
        if (phase === 'Succeeded') {
          const pvc = (await k8sGet({
            model: PersistentVolumeClaimModel,
            name,
            ns: input.namespace,
          })) as {
            spec?: { volumeName?: string };
          };
          const pv = pvc.spec?.volumeName
            ? await k8sGet<VolumeShape>({ model: PersistentVolumeModel, name: pvc.spec.volumeName })
            : undefined;
          result = {
            state: 'succeeded',
            node: pv ? nodeOfVolume(pv) : undefined,
            requested: input.node,
            directory: pv ? hppVolumeDirectory(pv, input.cr) : undefined,
          };
          break;
        }
        const events = await k8sListItems<EventKind>({
          model: EventModel,
          queryParams: { ns: input.namespace },
        });
        const claimEvents: EventLike[] = events
          .filter(
            (e) =>
              e.involvedObject.name === name && e.involvedObject.kind === 'PersistentVolumeClaim',
          )
          .sort((a, b) => (a.lastTimestamp ?? '').localeCompare(b.lastTimestamp ?? ''));
        const diagnosis = diagnoseProvisioning(claimEvents);
        if (diagnosis) {
          result = {
            state: 'failed',
            reason: diagnosis.kind === 'selinux' ? 'selinux' : 'provisioning',
            message: diagnosis.message,
            node: input.node,
          };
          break;
        }
        if (phase === 'Failed' || Date.now() - started > TIMEOUT_MS) {
          result = {
            state: 'failed',
            reason: 'timeout',
            message: phase ?? '',
            node: input.node,
          };
          break;
        }
        await sleep(1000);
      }
    } catch (error) {
      result = { state: 'failed', reason: 'api', message: messageOf(error), node: input.node };
    } finally {
      setState({ state: 'running', stage: 'cleaning' });
      await k8sDelete({
        model: PodModel,
        resource: pod,
        json: { kind: 'DeleteOptions', apiVersion: 'v1', gracePeriodSeconds: 0 },
      }).catch(() => undefined);
      await k8sDelete({ model: DataVolumeModel, resource: dv }).catch(() => undefined);
      busy.current = false;
      setState(result ?? { state: 'idle' });
    }
  };
  return { state, run };
};
