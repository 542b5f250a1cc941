// The storage defaults page in both eras, driven as a user would against the SDK stand-in's cluster: edit, save
// (the write carries the base resourceVersion), and a concurrent change answered with the conflict panel, then
// Re-apply or Reload. Era facts: HyperConverged < 1.7 keeps the `kubevirt-storage-class-defaults` ConfigMap
// (kubevirt/hyperconverged-cluster-operator controllers/operands/storageConfigmap.go, removed in 1.7); today the
// StorageProfiles are the defaults (kubevirt/containerized-data-importer
// pkg/controller/storageprofile-controller.go fills status.claimPropertySets from the capabilities table).
import { describe, expect, it } from 'vitest';
import { screen, waitFor, within } from '@testing-library/react';
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { editOnServer, resetStubCluster, stubCluster } from '../../testing/console-sdk';
import { renderInConsole } from '../../testing/render';
import { StorageDefaultsPage } from './StorageDefaultsPage';

type Data = Record<string, string>;
const LOCAL_CLASS = {
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: {
    name: 'local',
    annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' },
  },
  provisioner: 'kubevirt.io.hostpath-provisioner',
};
const HCO = {
  apiVersion: 'hco.kubevirt.io/v1beta1',
  kind: 'HyperConverged',
  metadata: { name: 'kubevirt-hyperconverged', namespace: 'openshift-cnv' },
  spec: {},
};
const CONFIG_MAP = {
  apiVersion: 'v1',
  kind: 'ConfigMap',
  metadata: {
    name: 'kubevirt-storage-class-defaults',
    namespace: 'openshift-cnv',
    resourceVersion: '10',
  },
  data: { accessMode: 'ReadWriteOnce', volumeMode: 'Filesystem' },
};
const PROFILE = {
  apiVersion: 'cdi.kubevirt.io/v1beta1',
  kind: 'StorageProfile',
  metadata: { name: 'local', resourceVersion: '20' },
  spec: {},
  status: {
    provisioner: 'kubevirt.io.hostpath-provisioner',
    storageClass: 'local',
    claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }],
  },
};

const isKind = (kind: string) => (o: K8sResourceCommon) => o.kind === kind;
const lastWrite = () => stubCluster().writes.at(-1);
const saveButton = () => screen.getByTestId('save');

describe('StorageDefaultsPage where the ConfigMap exists (HyperConverged < 1.7)', () => {
  const start = () => {
    resetStubCluster({
      objects: [LOCAL_CLASS, HCO, CONFIG_MAP, PROFILE],
      served: { 'hco.kubevirt.io': ['v1beta1'] },
    });
    return renderInConsole(<StorageDefaultsPage />);
  };

  it('saves an override with the base resourceVersion', async () => {
    const { user } = start();
    await user.click(await screen.findByRole('button', { name: 'Add storage class' }));
    await user.selectOptions(screen.getByLabelText('Storage class of row 1'), 'local');
    await user.selectOptions(screen.getByLabelText('Volume mode of row 1'), 'Block');
    await user.click(saveButton());
    await screen.findByTestId('saved');
    const write = lastWrite();
    expect(write?.verb).toBe('update');
    expect((write?.object as { data?: Data }).data).toEqual({
      accessMode: 'ReadWriteOnce',
      volumeMode: 'Filesystem',
      'local.volumeMode': 'Block',
    });
    expect(saveButton()).toBeDisabled();
  });

  it('shows what someone else changed, and Re-apply puts the edit on top of it', async () => {
    const { user } = start();
    await user.click(await screen.findByRole('button', { name: 'Add storage class' }));
    await user.selectOptions(screen.getByLabelText('Storage class of row 1'), 'local');
    await user.selectOptions(screen.getByLabelText('Access mode of row 1'), 'ReadWriteMany');
    editOnServer(isKind('ConfigMap'), (o) => ({
      ...o,
      data: { ...(o as { data: Data }).data, accessMode: 'ReadWriteMany' },
    }));
    expect(await screen.findByTestId('remote-changed')).toBeVisible();
    await user.click(saveButton());
    const conflict = await screen.findByTestId('conflict');
    expect(within(conflict).getByTestId('conflict-diff')).toHaveTextContent(
      '- accessMode: ReadWriteOnce + accessMode: ReadWriteMany',
    );
    expect(saveButton()).toBeDisabled();
    await user.click(within(conflict).getByTestId('conflict-reapply'));
    expect(screen.queryByTestId('conflict')).not.toBeInTheDocument();
    await user.click(saveButton());
    await screen.findByTestId('saved');
    expect((lastWrite()?.object as { data?: Data }).data).toEqual({
      accessMode: 'ReadWriteMany',
      volumeMode: 'Filesystem',
      'local.accessMode': 'ReadWriteMany',
    });
  });
});

describe('StorageDefaultsPage on today’s platform (no ConfigMap: StorageProfiles)', () => {
  const start = () => {
    resetStubCluster({
      objects: [LOCAL_CLASS, { ...HCO, apiVersion: 'hco.kubevirt.io/v1' }, PROFILE],
      served: { 'hco.kubevirt.io': ['v1', 'v1beta1'] },
    });
    return renderInConsole(<StorageDefaultsPage />);
  };

  it('says why there is no ConfigMap and saves CDI’s recommendation into the profile’s spec', async () => {
    const { user } = start();
    expect(await screen.findByTestId('configmap-missing')).toBeVisible();
    const editor = await screen.findByTestId('profile-editor');
    expect(editor).toHaveAttribute('data-profile', 'local');
    await user.click(within(editor).getByTestId('use-recommendation'));
    await user.click(within(editor).getByTestId('save'));
    await within(editor).findByTestId('saved');
    const write = lastWrite();
    expect(write?.verb).toBe('update');
    expect(write?.object.metadata?.resourceVersion).toBe('21');
    expect((write?.object as { spec?: unknown }).spec).toEqual({
      claimPropertySets: [{ accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' }],
    });
  });

  it('on a conflict, Reload drops the edit and shows the server’s version', async () => {
    const { user } = start();
    const editor = await screen.findByTestId('profile-editor');
    await user.click(within(editor).getByTestId('use-recommendation'));
    editOnServer(isKind('StorageProfile'), (o) => ({ ...o, spec: { cloneStrategy: 'copy' } }));
    await user.click(within(editor).getByTestId('save'));
    const conflict = await within(editor).findByTestId('conflict');
    expect(within(conflict).getByTestId('conflict-diff')).toHaveTextContent('cloneStrategy');
    await user.click(within(conflict).getByTestId('conflict-reload'));
    await waitFor(() => {
      expect(within(editor).getByTestId('clone-strategy')).toHaveValue('copy');
    });
    expect(within(editor).queryAllByTestId('profile-set')).toHaveLength(0);
    expect(stubCluster().writes).toEqual([]);
  });
});
