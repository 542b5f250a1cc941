import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../contract';
import type { WorldHarness } from '../world/testing/harness';
import { field, readHead, startWorld, waitFor } from '../world/testing/harness';

process.env.VM_DISKS_SANDBOX_SPEED = '50';

let w: WorldHarness;

beforeAll(async () => {
  w = await startWorld('legacy');
});

afterAll(async () => {
  await w.close();
});

const items = (list: KubeObject | undefined): KubeObject[] =>
  (field(list, 'items') as KubeObject[] | undefined) ?? [];

describe('seeded world', () => {
  it('has three control-plane nodes and three workers, one of them RHEL 8', async () => {
    const r = await w.kubectl(['get', 'nodes', '-o', 'json']);
    const nodes = items(JSON.parse(r.stdout) as KubeObject);
    expect(nodes.map((n) => n.metadata.name).sort()).toEqual([
      'master-0',
      'master-1',
      'master-2',
      'worker-0',
      'worker-1',
      'worker-2',
    ]);
    const osImage = (n: string) =>
      field(
        nodes.find((x) => x.metadata.name === n),
        'status.nodeInfo.osImage',
      );
    expect(osImage('worker-0')).toMatch(/^Red Hat Enterprise Linux CoreOS 4\d\d/);
    expect(osImage('worker-2')).toBe('Red Hat Enterprise Linux 8.10 (Ootpa)');
    expect(
      nodes.find((n) => n.metadata.name === 'worker-2')?.metadata.labels?.[
        'node.openshift.io/os_id'
      ],
    ).toBe('rhel');
    const master = nodes.find((n) => n.metadata.name === 'master-1');
    expect(field(master, 'spec.taints')).toEqual([
      { key: 'node-role.kubernetes.io/master', effect: 'NoSchedule' },
    ]);
    const wide = await w.kubectl(['get', 'nodes', 'worker-2', '-o', 'wide']);
    expect(wide.stdout).toContain('Ready');
  });

  it('has MachineConfigPools where RHEL workers are not managed by MCO', async () => {
    const worker = await w.get('mcp', 'worker');
    const master = await w.get('mcp', 'master');
    expect(field(worker, 'status.machineCount')).toBe(2);
    expect(field(master, 'status.machineCount')).toBe(3);
    const updated = (field(worker, 'status.conditions') as { type: string; status: string }[]).find(
      (c) => c.type === 'Updated',
    );
    expect(updated?.status).toBe('True');
  });

  it('runs rhel8-vm on worker-0 with its root disk on a local PV', async () => {
    const vmi = await waitFor('VMI running', async () => {
      const v = await w.get('vmi', 'rhel8-vm', 'vm-images');
      return field(v, 'status.phase') === 'Running' ? v : undefined;
    });
    expect(field(vmi, 'status.nodeName')).toBe('worker-0');
    const vm = await w.get('vm', 'rhel8-vm', 'vm-images');
    expect(field(vm, 'status.printableStatus')).toBe('Running');
    const dv = await w.get('dv', 'rhel8-vm-rootdisk', 'vm-images');
    expect(field(dv, 'status.phase')).toBe('Succeeded');
    const pvc = await w.get('pvc', 'rhel8-vm-rootdisk', 'vm-images');
    expect(field(pvc, 'status.phase')).toBe('Bound');
    const pv = await w.get('pv', String(field(pvc, 'spec.volumeName')));
    const diskPath = path.join(
      w.dataDir,
      'nodes',
      'worker-0',
      String(field(pv, 'spec.local.path')),
      'disk.img',
    );
    const st = statSync(diskPath);
    expect(st.size).toBeGreaterThan(9 * 1024 ** 3);
    expect(st.blocks * 512).toBeLessThan(1024 * 1024);
    const launchers = await w.kubectl([
      'get',
      'pods',
      '-n',
      'vm-images',
      '-l',
      'kubevirt.io=virt-launcher',
      '-o',
      'name',
    ]);
    expect(launchers.stdout).toMatch(/pod\/virt-launcher-rhel8-vm-/);
  });

  it('publishes a reachable upload proxy URL and CDI defaults in CDIConfig status', async () => {
    const cfg = await waitFor('CDIConfig status', async () => {
      const c = await w.get('cdiconfig', 'config');
      return field(c, 'status.uploadProxyURL') ? c : undefined;
    });
    expect(field(cfg, 'status.scratchSpaceStorageClass')).toBe('local');
    expect(field(cfg, 'status.filesystemOverhead.global')).toBe('0.055');
    expect(field(cfg, 'status.defaultPodResourceRequirements.limits.cpu')).toBe('750m');
    const res = await fetch(`${String(field(cfg, 'status.uploadProxyURL'))}/healthz`);
    expect(await res.text()).toBe('OK');
    const profile = await waitFor('StorageProfile local', () => w.get('storageprofile', 'local'));
    expect(field(profile, 'status.provisioner')).toBe('kubernetes.io/no-provisioner');
    expect(field(profile, 'status.claimPropertySets')).toBeUndefined();
  });

  it('6.12.6: the storage defaults example keeps its extra classes, HCO resets the default keys', async () => {
    const cm = await w.get('configmap', 'kubevirt-storage-class-defaults', 'openshift-cnv');
    expect(field(cm, 'data')).toMatchObject({
      accessMode: 'ReadWriteOnce',
      volumeMode: 'Filesystem',
      'local-sc.accessMode': 'ReadWriteOnce',
    });
    await w.apply(`kind: ConfigMap
apiVersion: v1
metadata:
  name: kubevirt-storage-class-defaults
  namespace: openshift-cnv
data:
  accessMode: ReadWriteOnce
  volumeMode: Filesystem
  nfs-sc.accessMode: ReadWriteMany
  nfs-sc.volumeMode: Filesystem
  block-sc.accessMode: ReadWriteMany
  block-sc.volumeMode: Block
`);
    const patch = await w.kubectl([
      'patch',
      'configmap',
      'kubevirt-storage-class-defaults',
      '-n',
      'openshift-cnv',
      '--type',
      'merge',
      '-p',
      '{"data":{"volumeMode":"Block"}}',
    ]);
    expect(patch.code).toBe(0);
    const after = await waitFor('default keys reset', async () => {
      const c = await w.get('configmap', 'kubevirt-storage-class-defaults', 'openshift-cnv');
      return field(c, 'data.volumeMode') === 'Filesystem' ? c : undefined;
    });
    expect(field(after, 'data')).toMatchObject({
      'block-sc.volumeMode': 'Block',
      'nfs-sc.accessMode': 'ReadWriteMany',
    });
  });

  it('6.12.7: editing CDIConfig spec directly reverts; HyperConverged sets the scratch class', async () => {
    const edit = await w.kubectl([
      'patch',
      'cdiconfig',
      'config',
      '--type',
      'merge',
      '-p',
      '{"spec":{"scratchSpaceStorageClass":"local"}}',
    ]);
    expect(edit.code).toBe(0);
    await waitFor('CDIConfig spec reverted', async () => {
      const c = await w.get('cdiconfig', 'config');
      return field(c, 'spec.scratchSpaceStorageClass') === undefined ? c : undefined;
    });
    await w.apply(`apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: hostpath-provisioner
provisioner: kubevirt.io/hostpath-provisioner
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
`);
    const hco = await w.kubectl([
      'patch',
      'hco',
      'kubevirt-hyperconverged',
      '-n',
      'openshift-cnv',
      '--type',
      'merge',
      '-p',
      '{"spec":{"scratchSpaceStorageClass":"hostpath-provisioner"}}',
    ]);
    expect(hco.code).toBe(0);
    const cfg = await waitFor('scratch class from HCO', async () => {
      const c = await w.get('cdiconfig', 'config');
      return field(c, 'status.scratchSpaceStorageClass') === 'hostpath-provisioner' ? c : undefined;
    });
    expect(field(cfg, 'spec.scratchSpaceStorageClass')).toBe('hostpath-provisioner');
    const cdi = await w.get('cdi', 'cdi');
    expect(field(cdi, 'spec.config.scratchSpaceStorageClass')).toBe('hostpath-provisioner');
    const profile = await waitFor('hostpath profile', async () => {
      const p = await w.get('storageprofile', 'hostpath-provisioner');
      return field(p, 'status.claimPropertySets') ? p : undefined;
    });
    expect(field(profile, 'status.claimPropertySets')).toEqual([
      { accessModes: ['ReadWriteOnce'], volumeMode: 'Filesystem' },
    ]);
  });

  it('HyperConverged owns the whole CDI spec: a direct edit of any CDI field reverts', async () => {
    const edit = await w.kubectl([
      'patch',
      'cdi',
      'cdi',
      '--type',
      'merge',
      '-p',
      '{"spec":{"config":{"filesystemOverhead":{"global":"0.2"}},"uninstallStrategy":"RemoveWorkloads"}}',
    ]);
    expect(edit.code).toBe(0);
    const cdi = await waitFor('CDI spec reverted', async () => {
      const c = await w.get('cdi', 'cdi');
      return field(c, 'spec.uninstallStrategy') === 'BlockUninstallIfWorkloadsExist'
        ? c
        : undefined;
    });
    expect(field(cdi, 'spec.config.filesystemOverhead')).toBeUndefined();
    expect(field(cdi, 'spec.config.featureGates')).toEqual(['HonorWaitForFirstConsumer']);
  });

  it('keeps every object and disk file across a restart, with a fresh upload proxy URL', async () => {
    const before = await w.get('vmi', 'rhel8-vm', 'vm-images');
    const pvBefore = await w.get('pv', 'local-pv-3f9a1c2e');
    const disk = path.join(
      w.dataDir,
      'nodes',
      'worker-0',
      String(field(pvBefore, 'spec.local.path')),
      'disk.img',
    );
    const head = readHead(disk, 512);
    await w.restart();
    const after = await w.get('vmi', 'rhel8-vm', 'vm-images');
    expect(after?.metadata.uid).toBe(before?.metadata.uid);
    expect(field(after, 'status.phase')).toBe('Running');
    expect(readHead(disk, 512).equals(head)).toBe(true);
    expect(head.subarray(3, 20).toString('latin1')).toBe('VM-DISKS SANDBOX ');
    const cfg = await w.get('cdiconfig', 'config');
    const res = await fetch(`${String(field(cfg, 'status.uploadProxyURL'))}/healthz`);
    expect(res.status).toBe(200);
    const nodes = await w.kubectl(['get', 'nodes', '-o', 'name']);
    expect(nodes.stdout.trim().split('\n')).toHaveLength(6);
  });
});
