// The storage defaults form as a user drives it: the form is controlled by a wrapper that validates with the same
// function the page uses (`validateForm`), so messages appear where the page shows them.
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { screen, within } from '@testing-library/react';
import { validateForm } from '../../../lib/storage-defaults';
import type { StorageDefaultsForm } from '../../../lib/storage-defaults';
import type { StorageClassKind } from '../../k8s/types';
import { renderInConsole } from '../../testing/render';
import { DefaultsForm } from './DefaultsForm';

const storageClass = (name: string, provisioner: string): StorageClassKind => ({
  apiVersion: 'storage.k8s.io/v1',
  kind: 'StorageClass',
  metadata: { name },
  provisioner,
});
const CLASSES = [
  storageClass('local', 'kubevirt.io.hostpath-provisioner'),
  storageClass('ceph-rbd', 'openshift-storage.rbd.csi.ceph.com'),
];

const Harness = ({
  initial,
  onChange,
}: {
  initial: StorageDefaultsForm;
  onChange: (form: StorageDefaultsForm) => void;
}) => {
  const [form, setForm] = useState(initial);
  return (
    <DefaultsForm
      form={form}
      onChange={(next) => {
        setForm(next);
        onChange(next);
      }}
      problems={validateForm(form, {
        storageClasses: CLASSES.map((sc) => sc.metadata?.name ?? ''),
      })}
      classes={CLASSES}
      profiles={[]}
      defaultClass={CLASSES[0]}
      reverted={[]}
    />
  );
};

const EMPTY: StorageDefaultsForm = { accessMode: '', volumeMode: '', overrides: [], otherKeys: {} };

describe('DefaultsForm', () => {
  it('sets the defaults, adds an override row and names a row without a class as an error', async () => {
    const onChange = vi.fn<(form: StorageDefaultsForm) => void>();
    const { user } = renderInConsole(<Harness initial={EMPTY} onChange={onChange} />);

    await user.selectOptions(
      screen.getByLabelText('Access mode', { selector: 'select' }),
      'ReadWriteMany',
    );
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({ accessMode: 'ReadWriteMany' }),
    );
    // RWX on node-local storage: the default class's provisioner cannot do it, said beside the field.
    expect(screen.getByTestId('messages-accessMode')).toHaveTextContent(/local/);

    await user.click(screen.getByRole('button', { name: 'Add storage class' }));
    const row = screen.getByTestId('override-row');
    expect(screen.getByTestId('form-errors')).toBeInTheDocument();

    await user.selectOptions(within(row).getByLabelText('Storage class of row 1'), 'ceph-rbd');
    await user.selectOptions(within(row).getByLabelText('Volume mode of row 1'), 'Block');
    expect(onChange).toHaveBeenLastCalledWith(
      expect.objectContaining({
        overrides: [{ storageClass: 'ceph-rbd', accessMode: '', volumeMode: 'Block' }],
      }),
    );
    expect(screen.queryByTestId('form-errors')).not.toBeInTheDocument();
  });

  it('keeps an invalid stored value selectable and marked, and a class already used is not offered twice', async () => {
    const { user } = renderInConsole(
      <Harness
        initial={{
          ...EMPTY,
          volumeMode: 'block',
          overrides: [{ storageClass: 'local', accessMode: '', volumeMode: '' }],
        }}
        onChange={vi.fn()}
      />,
    );
    const volumeMode = screen.getByLabelText('Volume mode', { selector: 'select' });
    expect(volumeMode).toHaveValue('block');
    expect(
      within(volumeMode).getByRole('option', { name: 'block (not valid)' }),
    ).toBeInTheDocument();
    expect(
      within(screen.getByTestId('messages-volumeMode')).getByTestId('field-error'),
    ).toBeVisible();

    await user.click(screen.getByRole('button', { name: 'Add storage class' }));
    const second = screen.getAllByTestId('override-row')[1];
    expect(within(second).getByRole('option', { name: /^local / })).toBeDisabled();
    expect(within(second).getByRole('option', { name: /^ceph-rbd / })).toBeEnabled();

    await user.click(screen.getByRole('button', { name: 'Remove row 1' }));
    expect(screen.getAllByTestId('override-row')).toHaveLength(1);
  });
});
