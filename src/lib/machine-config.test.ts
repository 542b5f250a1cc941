import { describe, expect, it } from 'vitest';
import {
  poolRolloutState,
  buildSelinuxMachineConfig,
  ignitionVersionForPool,
  manualChconCommand,
  matchesSelector,
  relabelledPaths,
} from './machine-config';

const workerPool = {
  metadata: { name: 'worker' },
  spec: {
    machineConfigSelector: { matchLabels: { 'machineconfiguration.openshift.io/role': 'worker' } },
    nodeSelector: { matchLabels: { 'node-role.kubernetes.io/worker': '' } },
  },
};

const mc = (name: string, role: string, version: string) => ({
  metadata: { name, labels: { 'machineconfiguration.openshift.io/role': role } },
  spec: { config: { ignition: { version } } },
});

describe('SELinux MachineConfig', () => {
  it('is the seed unit: chcon -Rt container_file_t before the kubelet, for the pool', () => {
    const out = buildSelinuxMachineConfig({
      pool: workerPool,
      path: '/var/hpvolumes',
      ignitionVersion: '3.4.0',
    });
    expect(out.metadata).toEqual({
      name: '50-set-selinux-for-hostpath-provisioner-worker',
      labels: { 'machineconfiguration.openshift.io/role': 'worker' },
    });
    expect(out.spec.config.ignition.version).toBe('3.4.0');
    const unit = out.spec.config.systemd.units[0];
    expect(unit.name).toBe('hostpath-provisioner.service');
    expect(unit.enabled).toBe(true);
    expect(unit.contents).toContain('Before=kubelet.service');
    expect(unit.contents).toContain('ExecStart=/usr/bin/chcon -Rt container_file_t /var/hpvolumes');
    expect(unit.contents).toContain('WantedBy=multi-user.target');
    expect(relabelledPaths(out)).toEqual(['/var/hpvolumes']);
  });

  it('takes the highest Ignition version of the pool own configs, rendered ones excluded', () => {
    const configs = [
      mc('00-worker', 'worker', '3.2.0'),
      mc('99-worker-ssh', 'worker', '3.4.0'),
      mc('00-master', 'master', '3.5.0'),
      mc('rendered-worker-abc', 'worker', '3.9.0'),
    ];
    expect(ignitionVersionForPool(workerPool, configs)).toBe('3.4.0');
    expect(ignitionVersionForPool(workerPool, [])).toBeUndefined();
  });

  it('labels a custom pool by its machineConfigSelector', () => {
    const pool = {
      metadata: { name: 'infra' },
      spec: { machineConfigSelector: { matchLabels: { 'example.com/pool': 'infra' } } },
    };
    expect(buildSelinuxMachineConfig({ pool, path: '/var/hp' }).metadata.labels).toEqual({
      'example.com/pool': 'infra',
    });
  });

  it('matches selectors with expressions', () => {
    const sel = {
      matchExpressions: [
        {
          key: 'machineconfiguration.openshift.io/role',
          operator: 'In',
          values: ['worker', 'infra'],
        },
      ],
    };
    expect(matchesSelector({ 'machineconfiguration.openshift.io/role': 'infra' }, sel)).toBe(true);
    expect(matchesSelector({ 'machineconfiguration.openshift.io/role': 'master' }, sel)).toBe(
      false,
    );
    expect(matchesSelector({}, undefined)).toBe(false);
  });

  it('gives the manual command of the seed', () => {
    expect(manualChconCommand('/var/hpvolumes')).toBe(
      'sudo mkdir -p /var/hpvolumes && sudo chcon -t container_file_t -R /var/hpvolumes',
    );
  });
});

describe('poolRolloutState (openshift/api machineconfiguration/v1 MachineConfigPoolStatus)', () => {
  it.each([
    ['not in the pool yet: no counts beside it', false, false, false, 2, 2, 'not-applied', false],
    ['in spec, not rendered yet', true, false, false, 2, 2, 'updating', true],
    ['rolling', true, true, true, 1, 2, 'updating', true],
    ['rolled but still Updating', true, true, true, 2, 2, 'updating', true],
    ['done', true, true, false, 2, 2, 'updated', true],
  ])('%s', (_t, wanted, rolled, updating, updated, total, state, counts) => {
    expect(poolRolloutState({ wanted, rolled, updating, updated, total })).toEqual({
      state,
      counts,
    });
  });
});
