import { statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../contract';
import type { WorldHarness } from '../world/testing/harness';
import { field, startWorld, waitFor } from '../world/testing/harness';

process.env.VM_DISKS_SANDBOX_SPEED = '50';

let w: WorldHarness;
const MiB = 1024 * 1024;

beforeAll(async () => {
  w = await startWorld('legacy');
});

afterAll(async () => {
  await w.close();
});

const status = async (kind: string, name: string, p: string): Promise<unknown> =>
  field(await w.get(kind, name, 'vm-images'), p);

function vm(name: string, volumes: string, running = 'running: true'): string {
  return `apiVersion: kubevirt.io/v1
kind: VirtualMachine
metadata:
  name: ${name}
  namespace: vm-images
spec:
  ${running}
  template:
    spec:
      domain:
        devices:
          disks:
          - name: disk0
            disk: {bus: virtio}
        resources:
          requests:
            memory: 1Gi
      volumes:
${volumes}
`;
}

async function diskFile(claim: string): Promise<string> {
  const pvc = await w.get('pvc', claim, 'vm-images');
  const pv = await w.get('pv', String(field(pvc, 'spec.volumeName')));
  const terms = field(pv, 'spec.nodeAffinity.required.nodeSelectorTerms') as {
    matchExpressions: { values: string[] }[];
  }[];
  return path.join(
    w.dataDir,
    'nodes',
    terms[0]?.matchExpressions[0]?.values[0] ?? '',
    String(field(pv, 'spec.local.path')),
    'disk.img',
  );
}

describe('6.12.5 blank disk images, and VMs on local disks', () => {
  it('6.12.5.2: the blank DataVolume waits for a consumer, then a VM using it gets a sparse blank image', async () => {
    const create = await w.kubectl(['create', '-n', 'vm-images', '-f', '-'], {
      input: `apiVersion: cdi.kubevirt.io/v1alpha1
kind: DataVolume
metadata:
  name: blank-image-datavolume
spec:
  source:
      blank: {}
  pvc:
    # Optional: Set the storage class or omit to accept the default
    # storageClassName: "hostpath"
    accessModes:
      - ReadWriteOnce
    resources:
      requests:
        storage: 500Mi
`,
    });
    expect(create.code).toBe(0);
    await waitFor(
      'WaitForFirstConsumer',
      async () =>
        (await status('dv', 'blank-image-datavolume', 'status.phase')) === 'WaitForFirstConsumer',
    );
    await w.apply(
      vm(
        'blank-vm',
        '      - name: disk0\n        dataVolume:\n          name: blank-image-datavolume',
      ),
    );
    const dv = await waitFor('blank Succeeded', async () => {
      const d = await w.get('dv', 'blank-image-datavolume', 'vm-images');
      return field(d, 'status.phase') === 'Succeeded' ? d : undefined;
    });
    expect(field(dv, 'status.progress')).toBe('100.0%');
    const file = await diskFile('blank-image-datavolume');
    const st = statSync(file);
    expect(st.size).toBe(Math.floor(Math.ceil(0.945 * 500 * MiB) / MiB) * MiB);
    expect(st.blocks * 512).toBeLessThan(MiB);
    const vmi = await waitFor('VMI Running', async () => {
      const v = await w.get('vmi', 'blank-vm', 'vm-images');
      return field(v, 'status.phase') === 'Running' ? v : undefined;
    });
    const pv = await w.get(
      'pv',
      String(await status('pvc', 'blank-image-datavolume', 'spec.volumeName')),
    );
    expect(JSON.stringify(field(pv, 'spec.nodeAffinity'))).toContain(
      String(field(vmi, 'status.nodeName')),
    );
    const table = await w.kubectl(['get', 'vm', '-n', 'vm-images', 'blank-vm']);
    expect(table.stdout).toMatch(/blank-vm\s+\S+\s+Running\s+True/);
  });

  it('stops and starts with runStrategy', async () => {
    const halt = await w.kubectl([
      'patch',
      'vm',
      'blank-vm',
      '-n',
      'vm-images',
      '--type',
      'json',
      '-p',
      '[{"op":"remove","path":"/spec/running"},{"op":"add","path":"/spec/runStrategy","value":"Halted"}]',
    ]);
    expect(halt.code).toBe(0);
    await waitFor(
      'Stopped',
      async () => (await status('vm', 'blank-vm', 'status.printableStatus')) === 'Stopped',
    );
    expect(await w.get('vmi', 'blank-vm', 'vm-images')).toBeUndefined();
    const both = await w.kubectl([
      'patch',
      'vm',
      'blank-vm',
      '-n',
      'vm-images',
      '--type',
      'merge',
      '-p',
      '{"spec":{"running":true}}',
    ]);
    expect(both.code).not.toBe(0);
    expect(both.stderr).toContain('mutually exclusive');
    const always = await w.kubectl([
      'patch',
      'vm',
      'blank-vm',
      '-n',
      'vm-images',
      '--type',
      'merge',
      '-p',
      '{"spec":{"runStrategy":"Always"}}',
    ]);
    expect(always.code).toBe(0);
    await waitFor(
      'Running again',
      async () => (await status('vm', 'blank-vm', 'status.printableStatus')) === 'Running',
    );
  });

  it('deleting the DataVolume releases the local PV, which comes back wiped and Available', async () => {
    const pvName = String(await status('pvc', 'blank-image-datavolume', 'spec.volumeName'));
    const file = await diskFile('blank-image-datavolume');
    const del = await w.kubectl(['delete', 'vm', 'blank-vm', '-n', 'vm-images']);
    expect(del.code).toBe(0);
    const delDv = await w.kubectl([
      'delete',
      'dv',
      'blank-image-datavolume',
      '-n',
      'vm-images',
      '--wait=true',
    ]);
    expect(delDv.stdout).toContain('datavolume.cdi.kubevirt.io "blank-image-datavolume" deleted');
    await waitFor('PVC gone', async () =>
      (await w.get('pvc', 'blank-image-datavolume', 'vm-images')) ? undefined : true,
    );
    const pv = await waitFor('PV available again', async () => {
      const p = await w.get('pv', pvName);
      return field(p, 'status.phase') === 'Available' && !field(p, 'spec.claimRef') ? p : undefined;
    });
    expect(pv.metadata.name).toBe(pvName);
    expect(() => statSync(file)).toThrow();
  });

  it('reports ErrorPvcNotFound for a VM whose claim does not exist', async () => {
    await w.apply(
      vm(
        'orphan-vm',
        '      - name: disk0\n        persistentVolumeClaim:\n          claimName: missing-disk',
      ),
    );
    const v = await waitFor('ErrorPvcNotFound', async () => {
      const x = await w.get('vm', 'orphan-vm', 'vm-images');
      return field(x, 'status.printableStatus') === 'ErrorPvcNotFound' ? x : undefined;
    });
    expect(field(v, 'status.created')).toBeUndefined();
    expect(await w.get('vmi', 'orphan-vm', 'vm-images')).toBeUndefined();
  });

  it('a VM whose disks sit on two different nodes cannot start, with the scheduler message', async () => {
    await w.apply(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: disk-a
  namespace: vm-images
spec:
  accessModes: [ReadWriteOnce]
  volumeName: local-pv-e5b07d19
  resources:
    requests:
      storage: 5Gi
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: disk-b
  namespace: vm-images
spec:
  accessModes: [ReadWriteOnce]
  volumeName: local-pv-a80f1d27
  resources:
    requests:
      storage: 5Gi
`);
    await waitFor(
      'claims bound',
      async () =>
        (await status('pvc', 'disk-a', 'status.phase')) === 'Bound' &&
        (await status('pvc', 'disk-b', 'status.phase')) === 'Bound',
    );
    await w.apply(
      vm(
        'split-vm',
        '      - name: disk0\n        persistentVolumeClaim:\n          claimName: disk-a\n      - name: disk1\n        persistentVolumeClaim:\n          claimName: disk-b',
      ),
    );
    const stuck = await waitFor('ErrorUnschedulable', async () => {
      const v = await w.get('vm', 'split-vm', 'vm-images');
      return field(v, 'status.printableStatus') === 'ErrorUnschedulable' ? v : undefined;
    });
    const cond = (
      field(stuck, 'status.conditions') as { type: string; status: string; message: string }[]
    ).find((c) => c.type === 'PodScheduled');
    expect(cond?.status).toBe('False');
    expect(cond?.message).toBe(
      '0/6 nodes are available: 3 node(s) had untolerated taint {node-role.kubernetes.io/master: }, 3 node(s) had volume node affinity conflict. preemption: 0/6 nodes are available: 6 Preemption is not helpful for scheduling.',
    );
    const vmi = await w.get('vmi', 'split-vm', 'vm-images');
    expect(field(vmi, 'status.phase')).toBe('Scheduling');
    const pods = await w.kubectl([
      'get',
      'pods',
      '-n',
      'vm-images',
      '-l',
      'vm.kubevirt.io/name=split-vm',
      '-o',
      'json',
    ]);
    const launcher = (JSON.parse(pods.stdout) as { items: KubeObject[] }).items[0];
    expect(field(launcher, 'status.phase')).toBe('Pending');
  });
});
