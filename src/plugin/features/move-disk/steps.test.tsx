// The move-disk steps as a user drives them, rendered over a MoveDiskModel (what useMoveDiskModel derives from the
// cluster) with the SDK stand-in's in-memory cluster taking the writes: choosing the target node and PV, the
// clone name's validation (DNS-1123 as the API server checks DataVolume names, kubernetes/kubernetes
// staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go IsDNS1123Subdomain), starting the clone
// (label patch on the PV, then the DataVolume), and a refused re-wire or restart of the VirtualMachine shown
// with the API server's message (the 403 text as kubernetes/kubernetes
// staging/src/k8s.io/apiserver/pkg/endpoints/handlers/responsewriters/errors.go words it).
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import { CLONE_TARGET_LABEL } from '../../../lib/clone-datavolume';
import type {
  DataVolumeKind,
  NodeKind,
  PersistentVolumeClaimKind,
  PersistentVolumeKind,
  VirtualMachineKind,
} from '../../k8s/types';
import { resetStubCluster, stubCluster } from '../../testing/console-sdk';
import { renderInConsole } from '../../testing/render';
import { AfterStep } from './AfterStep';
import { CloneStep } from './CloneStep';
import { TargetStep } from './TargetStep';
import type { MoveDiskModel } from './useMoveDiskModel';
import type { WizardParams } from './wizard-params';
import { vmTemplate } from '../../testing/kind-fixtures';

const GiB = 1024 ** 3;
const node = (name: string): NodeKind => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: { name, labels: { 'node-role.kubernetes.io/worker': '' } },
});
const pv = (name: string): PersistentVolumeKind => ({
  apiVersion: 'v1',
  kind: 'PersistentVolume',
  metadata: { name, resourceVersion: '1' },
  spec: {
    capacity: { storage: '20Gi' },
    accessModes: ['ReadWriteOnce'],
    volumeMode: 'Filesystem',
    storageClassName: 'local',
  },
  status: { phase: 'Available' },
});
const PV = pv('local-pv-1');
const PVC: PersistentVolumeClaimKind = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'rootdisk', namespace: 'vms' },
  spec: {
    volumeMode: 'Filesystem',
    storageClassName: 'local',
    resources: { requests: { storage: '10Gi' } },
  },
};
const VM: VirtualMachineKind = {
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: 'fedora', namespace: 'vms', resourceVersion: '4' },
  spec: {
    runStrategy: 'Halted',
    template: vmTemplate([{ name: 'rootdisk', persistentVolumeClaim: { claimName: 'rootdisk' } }]),
  },
};
const CLONE = {
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'DataVolume',
  metadata: { name: 'rootdisk-worker-1', namespace: 'vms' },
  status: { phase: 'Succeeded', progress: '100.0%' },
} as DataVolumeKind;
const candidate = {
  pv: PV,
  facts: {
    name: PV.metadata?.name ?? '',
    node: 'worker-1',
    phase: 'Available',
    claim: undefined,
    usableBytes: 20 * GiB,
  },
  refusals: [],
};

const model = (over: Partial<MoveDiskModel> = {}): MoveDiskModel => ({
  namespace: 'vms',
  targetNamespace: 'vms',
  loaded: true,
  settled: true,
  errors: { pvs: undefined, vms: undefined, pvcs: undefined, nodes: undefined },
  vms: [VM],
  vm: VM,
  vmi: undefined,
  vmStopped: true,
  disks: [{ volume: 'rootdisk', claim: 'rootdisk', pvc: PVC, node: 'worker-0' }],
  volumeName: 'rootdisk',
  claim: 'rootdisk',
  pvc: PVC,
  sourcePV: undefined,
  source: { node: 'worker-0', usableBytes: 10 * GiB, vmsUsing: ['vms/fedora'], vmRunning: false },
  sourceRefusals: [],
  nodes: [node('worker-0'), node('worker-1')],
  nodeOf: () => 'worker-1',
  targetNode: undefined,
  nodeRefusals: [],
  candidates: [],
  target: undefined,
  refusals: [],
  clone: undefined,
  rewired: false,
  clonePVC: undefined,
  cloneNode: undefined,
  vmsOfTargetNamespace: [VM],
  vmisOfTargetNamespace: [],
  resume: undefined,
  takenNames: ['rootdisk'],
  ...over,
});

/** The Clone step with worker-1's local PV chosen as the target. */
const renderCloneStep = () => {
  const update = vi.fn<(change: WizardParams) => void>();
  const { user } = renderInConsole(
    <CloneStep
      model={model({ targetNode: 'worker-1', candidates: [candidate], target: candidate })}
      params={{ node: 'worker-1', pv: 'local-pv-1' }}
      update={update}
      ready
    />,
  );
  return { user, update };
};

describe('move-disk steps', () => {
  it('Target: choosing a node, then a PersistentVolume on it, writes both to the wizard', async () => {
    resetStubCluster();
    const update = vi.fn<(change: WizardParams) => void>();
    // The wizard keeps its choices in the URL; here in state, the model derived from them as the hook would.
    const Harness = () => {
      const [params, setParams] = useState<WizardParams>({});
      return (
        <TargetStep
          model={
            params.node ? model({ targetNode: params.node, candidates: [candidate] }) : model()
          }
          params={params}
          update={(change) => {
            update(change);
            setParams((p) => ({ ...p, ...change }));
          }}
        />
      );
    };
    const { user } = renderInConsole(<Harness />);
    expect(screen.queryByTestId('md-pvs')).not.toBeInTheDocument();
    await user.selectOptions(screen.getByTestId('md-node'), 'worker-1');
    expect(update).toHaveBeenLastCalledWith({ node: 'worker-1' });

    const row = within(screen.getByTestId('md-pvs')).getByRole('radio', { name: 'local-pv-1' });
    await user.click(row);
    expect(update).toHaveBeenLastCalledWith({ pv: 'local-pv-1' });
    expect(screen.getByTestId('md-create-pv')).toHaveAttribute(
      'href',
      expect.stringContaining('/vm-disks/local-volumes/create?node=worker-1'),
    );
  });

  it('Clone: an invalid or taken name is refused beside the field; a valid one labels the PV and creates the clone', async () => {
    resetStubCluster({ objects: [PV] });
    const { user, update } = renderCloneStep();
    const name = screen.getByTestId('md-dv-name');
    const start = screen.getByTestId('md-start-clone');
    await user.clear(name);
    await user.type(name, 'Root_Disk');
    expect(screen.getByTestId('md-dv-name-error')).toBeInTheDocument();
    expect(start).toBeDisabled();

    await user.clear(name);
    await user.type(name, 'rootdisk');
    expect(screen.getByTestId('md-dv-name-error')).toHaveTextContent(
      'A DataVolume or claim rootdisk already exists in vms.',
    );
    await user.click(screen.getByTestId('md-dv-name-suggestion'));
    expect(name).not.toHaveValue('rootdisk');
    expect(screen.queryByTestId('md-dv-name-error')).not.toBeInTheDocument();

    await user.clear(name);
    await user.type(name, 'rootdisk-moved');
    await user.click(start);
    await waitFor(() => {
      expect(update).toHaveBeenCalledWith({ dv: 'rootdisk-moved', claim: 'rootdisk' });
    });
    const [patch, create] = stubCluster().writes;
    const label = patch.object.metadata?.labels?.[CLONE_TARGET_LABEL];
    expect(patch).toMatchObject({ verb: 'patch', object: { kind: 'PersistentVolume' } });
    expect(label).toMatch(/^rootdisk-moved-/);
    expect(create).toMatchObject({
      verb: 'create',
      object: {
        kind: 'DataVolume',
        metadata: { name: 'rootdisk-moved' },
        spec: { pvc: { selector: { matchLabels: { [CLONE_TARGET_LABEL]: label } } } },
      },
    });
  });

  it('Clone: a refused label patch is shown in the step, nothing is created', async () => {
    resetStubCluster({ objects: [PV], denied: ['patch persistentvolumes'] });
    const { user, update } = renderCloneStep();
    await user.click(screen.getByTestId('md-start-clone'));
    expect(await screen.findByTestId('md-clone-error')).toHaveTextContent(
      'User "stub" cannot patch resource "persistentvolumes"',
    );
    expect(update).not.toHaveBeenCalled();
    expect(stubCluster().writes).toEqual([]);
  });

  it('Re-wire and start: a refused re-wire shows the API server’s message and keeps the dialog open', async () => {
    resetStubCluster({ objects: [VM], denied: ['patch virtualmachines'] });
    const { user } = renderInConsole(
      <AfterStep
        model={model({ clone: CLONE, cloneNode: 'worker-1' })}
        params={{ dv: 'rootdisk-worker-1', restart: '1' }}
        update={vi.fn()}
      />,
    );
    await user.click(screen.getByTestId('md-rewire'));
    await user.click(screen.getByTestId('confirm'));
    expect(await screen.findByTestId('confirm-error')).toHaveTextContent(
      'User "stub" cannot patch resource "virtualmachines" in API group "kubevirt.io" in the namespace "vms"',
    );
    expect(screen.getByTestId('md-rewire-modal')).toBeInTheDocument();

    await user.click(screen.getByRole('button', { name: 'Cancel' }));
    await user.click(screen.getByTestId('md-start-vm'));
    expect(await screen.findByTestId('md-start-vm-error')).toHaveTextContent(
      'cannot patch resource "virtualmachines"',
    );
    expect(stubCluster().writes).toEqual([]);
  });

  it('Re-wire and start: an allowed re-wire patches the VM’s volume to the clone', async () => {
    resetStubCluster({ objects: [VM] });
    const { user } = renderInConsole(
      <AfterStep
        model={model({ clone: CLONE, cloneNode: 'worker-1' })}
        params={{ dv: 'rootdisk-worker-1' }}
        update={vi.fn()}
      />,
    );
    await user.click(screen.getByTestId('md-rewire'));
    await user.click(screen.getByTestId('confirm'));
    await waitFor(() => {
      expect(screen.queryByTestId('md-rewire-modal')).not.toBeInTheDocument();
    });
    expect(stubCluster().writes).toMatchObject([
      {
        verb: 'patch',
        object: {
          spec: {
            template: {
              spec: { volumes: [{ name: 'rootdisk', dataVolume: { name: 'rootdisk-worker-1' } }] },
            },
          },
        },
      },
    ]);
  });
});
