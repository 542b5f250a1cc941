// The local PV form as a user fills it, against the SDK stand-in's in-memory cluster: an invalid name is refused
// beside the field and Create writes nothing; valid values create the PV pinned to the node's hostname label
// (a local PV needs a required nodeAffinity, kubernetes/kubernetes pkg/apis/core/validation/validation.go), and a
// refused create shows the API server's message.
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import type { PersistentVolumeKind } from '../../k8s/types';
import { resetStubCluster, stubCluster } from '../../testing/console-sdk';
import { renderInConsole } from '../../testing/render';
import { LocalVolumeForm } from './LocalVolumeForm';

const WORKER: K8sResourceCommon = {
  apiVersion: 'v1',
  kind: 'Node',
  metadata: {
    name: 'worker-1',
    labels: {
      'kubernetes.io/hostname': 'worker-1.example.com',
      'node-role.kubernetes.io/worker': '',
    },
  },
};

const renderForm = () => {
  resetStubCluster({ objects: [WORKER] });
  const onCreated = vi.fn<(pv: PersistentVolumeKind) => void>();
  const rendered = renderInConsole(
    <LocalVolumeForm initialNode="worker-1" onCreated={onCreated} onCancel={vi.fn()} />,
  );
  return { ...rendered, onCreated };
};
const create = () => screen.getByTestId('lv-create');

describe('LocalVolumeForm', () => {
  it('an invalid name is refused beside the field, and Create writes nothing', async () => {
    const { user, onCreated } = renderForm();
    const name = screen.getByTestId('lv-name');
    await user.clear(name);
    await user.type(name, 'Bad_Name');
    expect(name).toHaveAttribute('aria-invalid', 'true');
    await waitFor(() => {
      expect(create()).toBeEnabled();
    });
    await user.click(create());
    expect(screen.getByTestId('lv-invalid')).toBeInTheDocument();
    expect(onCreated).not.toHaveBeenCalled();
    expect(stubCluster().writes).toEqual([]);
  });

  it('valid values create the PV on the node’s hostname', async () => {
    const { user, onCreated } = renderForm();
    await user.click(screen.getByTestId('lv-mode-filesystem'));
    const name = screen.getByTestId('lv-name');
    await user.clear(name);
    await user.type(name, 'fast-disk');
    await waitFor(() => {
      expect(create()).toBeEnabled();
    });
    await user.click(create());
    await waitFor(() => {
      expect(onCreated).toHaveBeenCalled();
    });
    const [write] = stubCluster().writes;
    expect(write.verb).toBe('create');
    expect(write.object).toMatchObject({
      kind: 'PersistentVolume',
      metadata: { name: 'fast-disk' },
      spec: { volumeMode: 'Filesystem', local: { path: '/mnt/local-storage/local/disk1' } },
    });
    expect(JSON.stringify(write.object)).toContain('worker-1.example.com');
  });

  it('a refused create shows the API server’s message', async () => {
    const { user, onCreated } = renderForm();
    // Allowed by the access review at load, refused at the write (rights changed meanwhile).
    stubCluster().denied.push('create persistentvolumes');
    await waitFor(() => {
      expect(create()).toBeEnabled();
    });
    await user.click(create());
    expect(await screen.findByTestId('lv-error')).toHaveTextContent(
      'cannot create resource "persistentvolumes"',
    );
    expect(onCreated).not.toHaveBeenCalled();
  });
});
