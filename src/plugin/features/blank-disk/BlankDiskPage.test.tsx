// The blank disk page as a user fills it, against the SDK stand-in's in-memory cluster: a size below CDI's
// minimum is refused beside the field with Create disabled; valid values create a DataVolume with a blank source
// (kubevirt/containerized-data-importer staging/src/kubevirt.io/containerized-data-importer-api/pkg/apis/core/
// v1beta1/types.go DataVolumeSourceBlank) and attach it to a stopped VM, which the result names.
import { describe, expect, it } from 'vitest';
import { screen, waitFor } from '@testing-library/react';
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { resetStubCluster, stubCluster } from '../../testing/console-sdk';
import { renderInConsole } from '../../testing/render';
import { BlankDiskPage } from './BlankDiskPage';

const VM = {
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name: 'fedora', namespace: 'vms', resourceVersion: '3' },
  spec: {
    runStrategy: 'Halted',
    template: {
      spec: {
        domain: { devices: { disks: [{ name: 'rootdisk', disk: { bus: 'virtio' } }] } },
        volumes: [{ name: 'rootdisk', dataVolume: { name: 'fedora-root' } }],
      },
    },
  },
} as K8sResourceCommon;

const renderPage = () => {
  resetStubCluster({ objects: [VM], activeNamespace: 'vms' });
  return renderInConsole(<BlankDiskPage />, { url: '/vm-disks/blank-disk' });
};
const create = () => screen.getByTestId('bd-create');

describe('BlankDiskPage', () => {
  it('a size below 1Mi is refused beside the field and Create stays disabled', async () => {
    const { user } = renderPage();
    await waitFor(() => {
      expect(create()).toBeEnabled();
    });
    const size = screen.getByTestId('bd-size');
    await user.clear(size);
    await user.type(size, '512Ki');
    expect(screen.getByText('CDI needs at least 1Mi.')).toBeInTheDocument();
    expect(create()).toBeDisabled();
    expect(stubCluster().writes).toEqual([]);
  });

  it('creates the blank DataVolume and attaches it to the stopped VM', async () => {
    const { user } = renderPage();
    const name = screen.getByTestId('bd-name');
    await user.clear(name);
    await user.type(name, 'data');
    await user.selectOptions(screen.getByTestId('bd-vm'), 'fedora');
    await waitFor(() => {
      expect(create()).toBeEnabled();
    });
    await user.click(create());
    expect(await screen.findByTestId('bd-attached')).toHaveTextContent(
      'Attached to the virtual machine fedora as disk data.',
    );
    const [dv, patch] = stubCluster().writes;
    expect(dv).toMatchObject({
      verb: 'create',
      object: {
        kind: 'DataVolume',
        metadata: { name: 'data', namespace: 'vms' },
        spec: { source: { blank: {} } },
      },
    });
    expect(patch).toMatchObject({
      verb: 'patch',
      object: {
        kind: 'VirtualMachine',
        spec: {
          template: { spec: { volumes: [{}, { name: 'data', dataVolume: { name: 'data' } }] } },
        },
      },
    });
  });
});
