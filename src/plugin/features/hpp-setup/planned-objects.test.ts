import { describe, expect, it } from 'vitest';
import { defaultHppValues } from '../../../lib/hpp-manifests';
import { checkEditedYaml, planObjects, toYaml } from './planned-objects';

const pools = [
  {
    metadata: { name: 'worker' },
    spec: {
      machineConfigSelector: {
        matchLabels: { 'machineconfiguration.openshift.io/role': 'worker' },
      },
    },
  },
];
const machineConfigs = [
  {
    metadata: { name: '00-worker', labels: { 'machineconfiguration.openshift.io/role': 'worker' } },
    spec: { config: { ignition: { version: '3.4.0' } } },
  },
];

describe('planned objects', () => {
  it('orders MachineConfigs, then the CR, then the StorageClass', () => {
    const objects = planObjects(defaultHppValues('v1beta1'), {
      selinuxPools: ['worker'],
      pools,
      machineConfigs,
    });
    expect(objects.map((o) => o.key)).toEqual([
      'MachineConfig/50-set-selinux-for-hostpath-provisioner-worker',
      'HostPathProvisioner/hostpath-provisioner',
      'StorageClass/hostpath-provisioner',
    ]);
    expect(
      (objects[0].object as { spec: { config: { ignition: { version: string } } } }).spec.config
        .ignition.version,
    ).toBe('3.4.0');
  });

  it('round-trips generated YAML and refuses broken edits', () => {
    const [cr] = planObjects(defaultHppValues('v1beta1'), {
      selinuxPools: [],
      pools,
      machineConfigs,
    });
    const ok = checkEditedYaml('HostPathProvisioner', toYaml(cr.object));
    expect(ok.problems).toEqual([]);
    expect(ok.object).toEqual(cr.object);
    expect(checkEditedYaml('HostPathProvisioner', 'a: [').problems[0].code).toBe('syntax');
    expect(checkEditedYaml('StorageClass', 'kind: Pod\n').problems.map((p) => p.code)).toEqual([
      'kind',
      'api-version',
      'name',
      'provisioner',
    ]);
    const both = toYaml({
      ...cr.object,
      spec: { pathConfig: { path: '/var/a' }, storagePools: [{ name: 'x', path: '/var/b' }] },
    });
    expect(checkEditedYaml('HostPathProvisioner', both).problems.map((p) => p.code)).toEqual([
      'hpp-spec',
    ]);
  });
});
