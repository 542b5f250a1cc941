// The local storage wizard as a user drives it, against the SDK stand-in's in-memory cluster: the preflight reads
// what exists, invalid input blocks Next with the reason beside the field, and a re-run that would take a used
// StorageClass's pool away is refused in review, naming the class and its claims. The cluster shapes follow
// today's HostPathProvisioner operator (kubevirt/hostpath-provisioner-operator api/v1beta1/types.go:
// spec.storagePools[].{name,path}; StorageClass parameter `storagePool`, provisioner kubevirt.io.hostpath-provisioner).
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { resetStubCluster, stubCluster } from '../../testing/console-sdk';
import { renderInConsole } from '../../testing/render';
import { HppSetupPage } from './HppSetupPage';

const HPP_GROUP = 'hostpathprovisioner.kubevirt.io';
const worker = (name: string): K8sResourceCommon => ({
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name,
    labels: { 'node-role.kubernetes.io/worker': '', 'node.openshift.io/os_id': 'rhcos' },
  },
});
const NODES = [worker('worker-0'), worker('worker-1')];
const HPP_CR = {
  apiVersion: `${HPP_GROUP}/v1beta1`,
  kind: 'HostPathProvisioner',
  metadata: { name: 'hostpath-provisioner', resourceVersion: '7' },
  spec: {
    imagePullPolicy: 'IfNotPresent',
    storagePools: [{ name: 'local', path: '/var/hpvolumes' }],
    workload: { nodeSelector: { 'kubernetes.io/os': 'linux' } },
  },
};
const CSI_CLASS = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name: 'hostpath-csi', resourceVersion: '3' },
  provisioner: 'kubevirt.io.hostpath-provisioner',
  parameters: { storagePool: 'local' },
  reclaimPolicy: 'Delete',
  volumeBindingMode: 'WaitForFirstConsumer',
};
const CLAIM = {
  apiVersion: 'v1',
  kind: 'PersistentVolumeClaim',
  metadata: { name: 'rootdisk', namespace: 'vms' },
  spec: { storageClassName: 'hostpath-csi' },
};

const preflightDone = async () => {
  await waitFor(() => {
    expect(screen.getByTestId('hpp-preflight')).toHaveAttribute('data-state', 'done');
  });
};
const nextButton = () => screen.getByRole('button', { name: 'Next' });

describe('HppSetupPage', () => {
  it('on a fresh cluster: Next stays disabled while the backing directory or the class name is invalid', async () => {
    resetStubCluster({ objects: NODES, served: { [HPP_GROUP]: ['v1beta1'] } });
    const { user } = renderInConsole(<HppSetupPage />);
    await preflightDone();
    expect(screen.getByTestId('hpp-api-versions')).toHaveTextContent('v1beta1');
    await waitFor(() => {
      expect(nextButton()).toBeEnabled();
    });
    await user.click(nextButton());

    const path = screen.getByTestId('hpp-path');
    await user.clear(path);
    await user.type(path, 'relative/dir');
    const problems = () =>
      screen.getByTestId('hpp-path-problems').querySelectorAll('[data-problem]');
    expect(problems()).not.toHaveLength(0);
    expect(nextButton()).toBeDisabled();
    await user.clear(path);
    await user.type(path, '/var/hpvolumes');
    expect(problems()).toHaveLength(0);
    expect(nextButton()).toBeEnabled();

    await user.click(nextButton()); // SELinux
    await user.click(nextButton()); // Provisioner and StorageClass
    const className = screen.getByTestId('hpp-class-name');
    await user.clear(className);
    await user.type(className, 'Local_Disks');
    expect(screen.getByTestId('hpp-class-name-error')).toHaveTextContent(/^StorageClass name: /);
    expect(nextButton()).toBeDisabled();
    await user.clear(className);
    await user.type(className, 'local-disks');
    expect(screen.queryByTestId('hpp-class-name-error')).not.toBeInTheDocument();
    expect(nextButton()).toBeEnabled();
    // Nothing was written while the user filled the wizard.
    expect(stubCluster().writes).toEqual([]);
  });

  it('on a re-run, renaming the pool a used class depends on is refused in review, naming the class and its claim', async () => {
    resetStubCluster({
      objects: [...NODES, HPP_CR, CSI_CLASS, CLAIM],
      served: { [HPP_GROUP]: ['v1beta1'] },
    });
    const { user } = renderInConsole(<HppSetupPage />);
    await preflightDone();
    expect(screen.getByTestId('hpp-existing-cr')).toHaveTextContent('hostpath-provisioner');
    await waitFor(() => {
      expect(nextButton()).toBeEnabled();
    });
    await user.click(nextButton());

    // The wizard starts from what exists: the pool of the live CR.
    const pool = screen.getByTestId('hpp-pool');
    expect(pool).toHaveValue('local');
    await user.clear(pool);
    await user.type(pool, 'fast');

    await user.click(screen.getByRole('button', { name: 'Review and apply' }));
    const orphan = within(screen.getByTestId('hpp-orphans')).getByTestId('hpp-orphan');
    expect(orphan).toHaveAttribute('data-class', 'hostpath-csi');
    expect(screen.getByTestId('hpp-blockers')).toHaveTextContent(
      'StorageClass hostpath-csi is used by vms/rootdisk and would lose its provisioner.',
    );
    expect(screen.getByTestId('hpp-apply')).toBeDisabled();
    expect(stubCluster().writes).toEqual([]);
  });
});
