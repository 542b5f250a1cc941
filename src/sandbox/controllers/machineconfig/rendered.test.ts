import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../contract';
import { chconPaths, poolMachineConfigs, renderedConfigName } from './rendered';

const mc = (name: string, role: string, contents?: string, enabled = true): KubeObject => ({
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'MachineConfig',
  metadata: { name, labels: { 'machineconfiguration.openshift.io/role': role } },
  spec: {
    config: { systemd: { units: contents ? [{ name: 'x.service', enabled, contents }] : [] } },
  },
});

const pool: KubeObject = {
  apiVersion: 'machineconfiguration.openshift.io/v1',
  kind: 'MachineConfigPool',
  metadata: { name: 'worker' },
  spec: {
    machineConfigSelector: { matchLabels: { 'machineconfiguration.openshift.io/role': 'worker' } },
  },
};

describe('machine config rendering', () => {
  it('selects the pool role, skips rendered configs, and names the render by content', () => {
    const all = [
      mc('99-b', 'worker'),
      mc('00-a', 'worker'),
      mc('00-m', 'master'),
      mc('rendered-worker-x', 'worker'),
    ];
    const selected = poolMachineConfigs(pool, all);
    expect(selected.map((m) => m.metadata.name)).toEqual(['00-a', '99-b']);
    const a = renderedConfigName('worker', selected);
    expect(a).toMatch(/^rendered-worker-[0-9a-f]{32}$/);
    expect(renderedConfigName('worker', [...selected, mc('50-c', 'worker')])).not.toBe(a);
  });

  it('finds the paths relabelled by chcon units (the seed and the HPP contrib forms)', () => {
    const seed = mc(
      '50-a',
      'worker',
      '[Service]\nExecStart=/usr/bin/chcon -Rt container_file_t /var/hpvolumes\n',
    );
    const contrib = mc(
      '50-b',
      'worker',
      '[Service]\nExecStartPre=-mkdir -p /srv/disks\nExecStart=/usr/bin/chcon -Rt container_file_t /srv/disks\n',
    );
    const other = mc('50-c', 'worker', 'ExecStart=/usr/bin/chcon -Rt svirt_sandbox_file_t /x\n');
    const disabled = mc(
      '50-d',
      'worker',
      'ExecStart=/usr/bin/chcon -Rt container_file_t /y\n',
      false,
    );
    expect(chconPaths([seed, contrib, other, disabled]).sort()).toEqual([
      '/srv/disks',
      '/var/hpvolumes',
    ]);
  });
});
