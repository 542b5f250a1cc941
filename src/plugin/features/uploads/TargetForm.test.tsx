// The upload target form as a user fills it, against the SDK stand-in's in-memory cluster: an invalid name is
// shown beside the field and keeps Start disabled; choosing a class fills access/volume mode from its
// StorageProfile's claimPropertySets (kubevirt/containerized-data-importer
// staging/src/kubevirt.io/containerized-data-importer-api/pkg/apis/core/v1beta1/types.go, StorageProfileStatus)
// and force-bind for a WaitForFirstConsumer class; an existing upload DataVolume waiting for its first consumer
// (doc/waitforfirstconsumer-storage-handling.md in the same repository) needs the user's consent before Start.
import { describe, expect, it, vi } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import type { ImageInspection } from '../../../lib/image-inspection';
import { resetStubCluster } from '../../testing/console-sdk';
import { storageClass } from '../../testing/kind-fixtures';
import { renderInConsole } from '../../testing/render';
import type { TargetValues } from './manifests';
import { TargetForm } from './TargetForm';

const GiB = 1024 ** 3;
const inspection: ImageInspection = {
  fileSize: 2 * GiB,
  empty: false,
  compression: null,
  uncompressedSize: null,
  format: 'qcow2',
  virtualSize: 10 * GiB,
  notes: [],
};
const ns = (name: string): K8sResourceCommon => ({
  apiVersion: 'v1',
  kind: 'Namespace',
  metadata: { name },
});
const CLUSTER: K8sResourceCommon[] = [
  ns('vm-images'),
  ns('default'),
  storageClass('fast', 'Immediate', true),
  storageClass('local', 'WaitForFirstConsumer', false),
  {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'StorageProfile',
    metadata: { name: 'local' },
    status: { claimPropertySets: [{ accessModes: ['ReadWriteMany'], volumeMode: 'Block' }] },
  } as K8sResourceCommon,
  {
    apiVersion: 'cdi.kubevirt.io/v1beta1',
    kind: 'DataVolume',
    metadata: { name: 'hand-made', namespace: 'vm-images' },
    spec: {
      source: { upload: {} },
      storage: { volumeMode: 'Filesystem', resources: { requests: { storage: '20Gi' } } },
    },
    status: { phase: 'WaitForFirstConsumer' },
  } as K8sResourceCommon,
];

const renderForm = () => {
  resetStubCluster({ objects: CLUSTER, activeNamespace: 'vm-images' });
  const onStart = vi.fn<(values: TargetValues) => void>();
  const rendered = renderInConsole(
    <TargetForm
      fileName="fedora.qcow2"
      inspected={{ inspection, headSha256: '', ms: 0 }}
      onStart={onStart}
      onRemove={vi.fn()}
    />,
  );
  return { ...rendered, onStart };
};
const start = () => screen.getByTestId('upload-start');

describe('TargetForm', () => {
  it('an invalid name shows the field’s error and keeps Start disabled', async () => {
    const { user } = renderForm();
    await waitFor(() => {
      expect(start()).toBeEnabled();
    });
    const name = screen.getByTestId('upload-name');
    await user.clear(name);
    await user.type(name, 'Bad_Name');
    expect(screen.getByTestId('upload-name-problem')).toHaveTextContent(
      '"Bad_Name" is not a valid name',
    );
    expect(name).toHaveAttribute('aria-invalid', 'true');
    expect(start()).toBeDisabled();
    await user.clear(name);
    await user.type(name, 'fedora-disk');
    expect(screen.queryByTestId('upload-name-problem')).not.toBeInTheDocument();
    expect(start()).toBeEnabled();
  });

  it('choosing a class fills access and volume mode from its StorageProfile, the size, and force-bind', async () => {
    const { user, onStart } = renderForm();
    // The default class without a profile: the built-in defaults and 5.5% filesystem overhead.
    expect(screen.getByLabelText('Access mode')).toHaveValue('ReadWriteOnce');
    expect(screen.getByTestId('upload-volume-mode')).toHaveValue('Filesystem');
    expect(screen.getByTestId('upload-size')).toHaveValue('11Gi');
    expect(screen.queryByRole('checkbox', { name: /force-bind/ })).not.toBeInTheDocument();

    await user.selectOptions(screen.getByTestId('upload-sc'), 'local');
    expect(screen.getByLabelText('Access mode')).toHaveValue('ReadWriteMany');
    expect(screen.getByTestId('upload-volume-mode')).toHaveValue('Block');
    expect(screen.getByTestId('upload-size')).toHaveValue('10Gi');
    expect(screen.getByRole('checkbox', { name: /force-bind/ })).toBeChecked();

    await user.click(start());
    expect(onStart).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'new-dv',
        namespace: 'vm-images',
        storageClassName: 'local',
        accessMode: 'ReadWriteMany',
        volumeMode: 'Block',
        size: '10Gi',
        forceBind: true,
      }),
    );
  });

  it('“Existing upload DataVolume” waiting for a consumer needs consent before Start', async () => {
    const { user, onStart } = renderForm();
    await user.click(screen.getByRole('radio', { name: 'Existing upload DataVolume' }));
    expect(screen.getByTestId('upload-existing')).toHaveValue('hand-made');
    expect(screen.getByTestId('upload-problems')).toHaveTextContent(
      'hand-made waits for its first consumer: confirm force-binding it to upload into it.',
    );
    expect(start()).toBeDisabled();
    await user.click(start());
    expect(onStart).not.toHaveBeenCalled();

    await user.click(screen.getByTestId('upload-force-bind-existing'));
    expect(screen.queryByTestId('upload-problems')).not.toBeInTheDocument();
    await user.click(start());
    expect(onStart).toHaveBeenCalledWith(
      expect.objectContaining({
        kind: 'existing-dv',
        name: 'hand-made',
        size: '20Gi',
        forceBind: true,
      }),
    );
  });
});
