// The blank disk form's decisions as a table: the DataVolume values (the class's storage defaults until the user
// picks), the problems per field, the VM of the namespace and whether it runs (the page attaches a disk only to a
// stopped VM, as the seed's 6.12.5 flow does; running = its VirtualMachineInstance runs), and the free disk name.
import { describe, expect, it } from 'vitest';
import type { VirtualMachineInstanceKind, VirtualMachineKind } from '../../k8s/types';
import { blankDiskModel, type BlankDiskInput, type BlankDiskState } from './blank-disk-model';
import { vmTemplate } from '../../testing/kind-fixtures';

const vm = (
  name: string,
  runStrategy: 'Always' | 'Halted',
  disks: string[] = [],
): VirtualMachineKind => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachine',
  metadata: { name, namespace: 'vms' },
  spec: {
    runStrategy,
    template: vmTemplate(disks.map((d) => ({ name: d, dataVolume: { name: d } }))),
  },
});
const vmi = (name: string): VirtualMachineInstanceKind => ({
  apiVersion: 'kubevirt.io/v1',
  kind: 'VirtualMachineInstance',
  metadata: { name, namespace: 'vms' },
  status: { phase: 'Running' },
});
const input = (state: Partial<BlankDiskState> = {}): BlankDiskInput => ({
  state: {
    namespace: 'vms',
    name: 'blank-disk',
    size: '1Gi',
    storageClassName: '',
    vmName: '',
    ...state,
  },
  defaults: { accessMode: 'ReadWriteOnce', volumeMode: 'Filesystem' },
  dataVolumes: [
    {
      apiVersion: 'cdi.kubevirt.io/v1beta1',
      kind: 'DataVolume',
      metadata: { name: 'taken', namespace: 'vms' },
    },
  ],
  vms: [
    vm('stopped', 'Halted', ['blank-disk']),
    vm('running', 'Always'),
    { ...vm('elsewhere', 'Halted'), metadata: { name: 'elsewhere', namespace: 'other' } },
  ],
  vmis: [vmi('running')],
});

describe('blankDiskModel', () => {
  it.each([
    { name: 'the defaults are valid', s: {}, fields: [] },
    { name: 'a taken name', s: { name: 'taken' }, fields: ['name'] },
    { name: 'an invalid name', s: { name: 'Blank_Disk' }, fields: ['name'] },
    { name: 'no namespace', s: { namespace: '' }, fields: ['namespace'] },
    { name: 'a size below 1Mi', s: { size: '512Ki' }, fields: ['size'] },
    { name: 'not a quantity', s: { size: 'big' }, fields: ['size'] },
  ])('$name', ({ s, fields }) => {
    expect(blankDiskModel(input(s)).problems.map((p) => p.field)).toEqual(fields);
  });

  it('takes access and volume mode from the class defaults until the user picks', () => {
    expect(blankDiskModel(input()).values).toMatchObject({
      accessMode: 'ReadWriteOnce',
      volumeMode: 'Filesystem',
    });
    expect(
      blankDiskModel(input({ accessMode: 'ReadWriteMany', volumeMode: 'Block' })).values,
    ).toMatchObject({ accessMode: 'ReadWriteMany', volumeMode: 'Block' });
  });

  it('offers the namespace’s VMs; a running one blocks, a stopped one gets a free disk name', () => {
    expect(blankDiskModel(input()).vms.map((v) => v.metadata?.name)).toEqual([
      'stopped',
      'running',
    ]);
    const running = blankDiskModel(input({ vmName: 'running' }));
    expect(running.vmRunning).toBe(true);
    const stopped = blankDiskModel(input({ vmName: 'stopped' }));
    expect(stopped.vmRunning).toBe(false);
    // The VM already has a disk called blank-disk.
    expect(stopped.diskName).not.toBe('blank-disk');
    expect(stopped.diskName).toMatch(/^blank-disk/);
    expect(blankDiskModel(input({ vmName: 'stopped', diskName: 'data' })).diskName).toBe('data');
    expect(blankDiskModel(input({ vmName: 'elsewhere' })).vm).toBeUndefined();
  });
});
