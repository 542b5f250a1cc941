import { describe, expect, it } from 'vitest';
import { defaultHppValues } from '../../../lib/hpp-manifests';
import {
  checkEditedYaml,
  planObjects,
  planProblems,
  plannedChange,
  toYaml,
} from './planned-objects';

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

// kubernetes/kubernetes apimachinery pkg/util/validation/validation.go IsDNS1123Subdomain: ≤ 253 characters.
describe('planProblems: every object is checked before the first is applied', () => {
  const plan = (className: string) =>
    planObjects(
      { ...defaultHppValues('v1beta1'), className },
      { selinuxPools: ['worker'], pools, machineConfigs },
    );
  it('a 300-character StorageClass name stops the plan (the MachineConfig comes first)', () => {
    const objects = plan('a'.repeat(300));
    expect(objects[0].kind).toBe('MachineConfig');
    expect(planProblems(objects)).toEqual([
      {
        key: `StorageClass/${'a'.repeat(300)}`,
        field: 'metadata.name',
        detail: 'must be no more than 253 characters',
      },
    ]);
  });
  it('valid names pass', () => {
    expect(planProblems(plan('a'.repeat(253)))).toEqual([]);
    expect(planProblems(plan('hpp.example-1'))).toEqual([]);
  });
  it('an edited YAML with a 254-character name is refused', () => {
    const { problems } = checkEditedYaml(
      'StorageClass',
      `apiVersion: storage.k8s.io/v1\nkind: StorageClass\nmetadata:\n  name: ${'b'.repeat(254)}\nprovisioner: x\n`,
    );
    expect(problems).toEqual([{ code: 'name', detail: 'must be no more than 253 characters' }]);
  });
});

describe('plannedChange: the review diff against what exists', () => {
  const [, cr, sc] = planObjects(defaultHppValues('v1beta1'), {
    selinuxPools: ['worker'],
    pools,
    machineConfigs,
  });
  it('new when nothing exists', () => {
    expect(plannedChange(cr, undefined).state).toBe('new');
  });
  it('a CSI CR turned into pathConfig shows the replaced storagePools', () => {
    const existing = {
      apiVersion: 'hostpathprovisioner.kubevirt.io/v1beta1',
      kind: 'HostPathProvisioner',
      metadata: { name: 'hostpath-provisioner', resourceVersion: '9' },
      spec: {
        imagePullPolicy: 'IfNotPresent',
        pathConfig: { path: '/var/hpvolumes', useNamingPrefix: false },
      },
    };
    const change = plannedChange(cr, existing);
    expect(change.state).toBe('changed');
    if (change.state !== 'changed') return;
    expect(change.lines.find((l) => l.op === 'remove')?.text).toContain('pathConfig');
    expect(change.lines.some((l) => l.op === 'add' && l.text.includes('storagePools'))).toBe(true);
  });
  it('an existing class with the same fields and extra server metadata is unchanged', () => {
    expect(
      plannedChange(sc, {
        ...sc.object,
        metadata: { ...(sc.object.metadata as object), uid: 'x', resourceVersion: '1' },
      }).state,
    ).toBe('unchanged');
  });
});
