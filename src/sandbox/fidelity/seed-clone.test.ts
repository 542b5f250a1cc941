import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../contract';
import type { WorldHarness } from '../world/testing/harness';
import { field, readHead, sh, startWorld, waitFor } from '../world/testing/harness';

process.env.VM_DISKS_SANDBOX_SPEED = '50';

let w: WorldHarness;

beforeAll(async () => {
  w = await startWorld('legacy');
});

afterAll(async () => {
  await w.close();
});

async function eventsFor(name: string, namespace: string): Promise<string> {
  const r = await w.kubectl([
    'get',
    'events',
    '-n',
    namespace,
    '--field-selector',
    `involvedObject.name=${name}`,
    '-o',
    'json',
  ]);
  return (JSON.parse(r.stdout) as { items: { reason: string; message: string }[] }).items
    .map((e) => `${e.reason}: ${e.message}`)
    .join('\n');
}

async function dv(name: string, namespace = 'vm-images'): Promise<KubeObject | undefined> {
  return w.get('dv', name, namespace);
}

describe('6.12.4 move a local VM disk to another node', () => {
  it('6.12.4.1 steps 1–2: a new local PV on worker-1, labelled with its node', async () => {
    await w.apply(`kind: PersistentVolume
apiVersion: v1
metadata:
  name: destination-pv
  annotations:
spec:
  accessModes:
  - ReadWriteOnce
  capacity:
    storage: 10Gi
  local:
    path: /mnt/local-storage/local/disk4
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - key: kubernetes.io/hostname
          operator: In
          values:
          - worker-1
  persistentVolumeReclaimPolicy: Delete
  storageClassName: local
  volumeMode: Filesystem
`);
    const label = await w.kubectl(['label', 'pv', 'destination-pv', 'node=worker-1']);
    expect(label.stdout).toContain('persistentvolume/destination-pv labeled');
    const yaml = await w.kubectl(['get', 'pv', 'destination-pv', '-o', 'yaml']);
    expect(yaml.stdout).toContain('- worker-1');
  });

  it('rejects a clone target smaller than the source (CDI webhook)', async () => {
    const r = await w.kubectl(['create', '-n', 'vm-images', '-f', '-'], {
      input: `apiVersion: cdi.kubevirt.io/v1alpha1
kind: DataVolume
metadata:
  name: too-small-clone
spec:
  source:
    pvc:
      name: "rhel8-vm-rootdisk"
      namespace: "vm-images"
  pvc:
    accessModes:
      - ReadWriteOnce
    resources:
      requests:
        storage: 1Gi
`,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'admission webhook "datavolume-validate.cdi.kubevirt.io" denied the request:',
    );
    expect(r.stderr).toContain('target resources requests storage size is smaller than the source');
  });

  it('refuses a cross-namespace clone by a user without datavolumes/source in the source namespace', async () => {
    await w.apply(`apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: golden
  namespace: default
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`);
    const canI = await w.kubectl(
      ['auth', 'can-i', 'create', 'datavolumes.cdi.kubevirt.io/source', '-n', 'default'],
      { user: 'developer' },
    );
    expect(canI.stdout.trim()).toBe('no');
    const r = await w.kubectl(['create', '-n', 'vm-images', '-f', '-'], {
      user: 'developer',
      input: `apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: stolen
spec:
  source:
    pvc:
      name: golden
      namespace: default
  pvc:
    accessModes: [ReadWriteOnce]
    resources:
      requests:
        storage: 1Gi
`,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain(
      'User developer has insufficient permissions in clone source namespace default',
    );
  });

  it('6.12.4.1 steps 3–4: the clone binds to the labelled PV, waits while the VM runs, then copies the disk', async () => {
    const apply = await w.kubectl(['apply', '-n', 'vm-images', '-f', '-'], {
      input: `apiVersion: cdi.kubevirt.io/v1alpha1
kind: DataVolume
metadata:
  name: clone-datavolume
spec:
  source:
    pvc:
      name: "rhel8-vm-rootdisk"
      namespace: "vm-images"
  pvc:
    accessModes:
      - ReadWriteOnce
    selector:
      matchLabels:
        node: worker-1
    resources:
      requests:
        storage: 10Gi
`,
    });
    expect(apply.stdout).toContain('datavolume.cdi.kubevirt.io/clone-datavolume created');
    await waitFor(
      'WaitForFirstConsumer',
      async () => field(await dv('clone-datavolume'), 'status.phase') === 'WaitForFirstConsumer',
    );
    const bind = await w.kubectl([
      'annotate',
      'pvc',
      'clone-datavolume',
      '-n',
      'vm-images',
      'cdi.kubevirt.io/storage.bind.immediate.requested=true',
    ]);
    expect(bind.code).toBe(0);
    await waitFor(
      'CloneScheduled',
      async () => field(await dv('clone-datavolume'), 'status.phase') === 'CloneScheduled',
    );
    const pvc = await w.get('pvc', 'clone-datavolume', 'vm-images');
    expect(field(pvc, 'spec.volumeName')).toBe('destination-pv');
    const events = await waitFor('CloneSourceInUse', async () => {
      const e = await eventsFor('clone-datavolume', 'vm-images');
      return e.includes('CloneSourceInUse') ? e : undefined;
    });
    expect(events).toMatch(
      /CloneSourceInUse: pod vm-images\/virt-launcher-rhel8-vm-\w+ using PersistentVolumeClaim rhel8-vm-rootdisk/,
    );
    const running = (
      field(await dv('clone-datavolume'), 'status.conditions') as { type: string; reason: string }[]
    ).find((c) => c.type === 'Running');
    expect(running?.reason).toBe('CloneSourceInUse');

    // A sandbox restart mid-operation loses nothing: the clone still waits for the VM.
    await w.restart();
    expect(field(await dv('clone-datavolume'), 'status.phase')).toBe('CloneScheduled');
    expect(field(await w.get('vmi', 'rhel8-vm', 'vm-images'), 'status.phase')).toBe('Running');

    const stop = await w.kubectl([
      'patch',
      'vm',
      'rhel8-vm',
      '-n',
      'vm-images',
      '--type',
      'merge',
      '-p',
      '{"spec":{"running":false}}',
    ]);
    expect(stop.code).toBe(0);
    await waitFor(
      'VM stopped',
      async () =>
        field(await w.get('vm', 'rhel8-vm', 'vm-images'), 'status.printableStatus') === 'Stopped',
    );
    const wait = await w.kubectl([
      'wait',
      '--for=jsonpath={.status.phase}=Succeeded',
      'dv/clone-datavolume',
      '-n',
      'vm-images',
      '--timeout=60s',
    ]);
    expect(wait.stdout).toContain('datavolume.cdi.kubevirt.io/clone-datavolume condition met');
    const done = await dv('clone-datavolume');
    expect(field(done, 'status.progress')).toBe('100.0%');
    const source = path.join(w.dataDir, 'nodes/worker-0/mnt/local-storage/local/disk1/disk.img');
    const target = path.join(w.dataDir, 'nodes/worker-1/mnt/local-storage/local/disk4/disk.img');
    await sh('qemu-img', ['compare', '-f', 'raw', '-F', 'raw', source, target]);
    expect(readHead(target, 64 * 1024).equals(readHead(source, 64 * 1024))).toBe(true);
    expect(await eventsFor('clone-datavolume', 'vm-images')).toContain(
      'CloneSucceeded: Successfully cloned from vm-images/rhel8-vm-rootdisk into vm-images/clone-datavolume',
    );
  });
});
