import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../contract';
import type { WorldHarness } from '../world/testing/harness';
import { field, startWorld, waitFor } from '../world/testing/harness';

process.env.VM_DISKS_SANDBOX_SPEED = '50';

let w: WorldHarness;

beforeAll(async () => {
  w = await startWorld('legacy');
});

afterAll(async () => {
  await w.close();
});

const condition = (obj: KubeObject | undefined, type: string) =>
  (
    (field(obj, 'status.conditions') as
      { type: string; status: string; message?: string }[] | undefined) ?? []
  ).find((c) => c.type === type);

const labels = (node: string): string => {
  const file = path.join(w.dataDir, 'nodes', node, '.selinux-labels');
  return existsSync(file) ? readFileSync(file, 'utf8') : '';
};

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
  const list = JSON.parse(r.stdout) as { items: { reason: string; message: string }[] };
  return list.items.map((e) => `${e.reason}: ${e.message}`).join('\n');
}

function claimAndPod(name: string, sc: string, nodeName?: string): string {
  return `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: ${name}
  namespace: vm-images
spec:
  storageClassName: ${sc}
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: Pod
metadata:
  name: ${name}-consumer
  namespace: vm-images
spec:
  ${nodeName ? `nodeName: ${nodeName}` : 'restartPolicy: Always'}
  containers:
  - name: app
    image: registry.access.redhat.com/ubi9/ubi-minimal
    command: [sleep, infinity]
    volumeMounts:
    - name: data
      mountPath: /data
  volumes:
  - name: data
    persistentVolumeClaim:
      claimName: ${name}
`;
}

describe('6.12.1 local storage with the hostpath provisioner', () => {
  it('6.12.1.2: the MachineConfig rolls through the RHCOS workers and labels the backing directory', async () => {
    const before = await w.get('mcp', 'worker');
    const create = await w.kubectl(['create', '-f', '-', '-n', 'openshift-cnv'], {
      input: `apiVersion: machineconfiguration.openshift.io/v1
kind: MachineConfig
metadata:
  name: 50-set-selinux-for-hostpath-provisioner
  labels:
    machineconfiguration.openshift.io/role: worker
spec:
  config:
    ignition:
      version: 2.2.0
    systemd:
      units:
        - contents: |
            [Unit]
            Description=Set SELinux chcon for hostpath provisioner
            Before=kubelet.service

            [Service]
            ExecStart=/usr/bin/chcon -Rt container_file_t /var/hpvolumes

            [Install]
            WantedBy=multi-user.target
          enabled: true
          name: hostpath-provisioner.service
`,
    });
    expect(create.stderr).toBe('');
    const pool = await waitFor('worker pool updated to the new config', async () => {
      const p = await w.get('mcp', 'worker');
      const name = String(field(p, 'status.configuration.name'));
      return name !== String(field(before, 'status.configuration.name')) &&
        condition(p, 'Updated')?.status === 'True'
        ? p
        : undefined;
    });
    expect(field(pool, 'status.updatedMachineCount')).toBe(2);
    const target = String(field(pool, 'spec.configuration.name'));
    for (const n of ['worker-0', 'worker-1']) {
      const node = await w.get('node', n);
      expect(node?.metadata.annotations?.['machineconfiguration.openshift.io/currentConfig']).toBe(
        target,
      );
      expect(node?.metadata.annotations?.['machineconfiguration.openshift.io/state']).toBe('Done');
      expect(labels(n)).toContain('/var/hpvolumes');
      expect(await eventsFor(n, 'default')).toContain(`Node will reboot into config ${target}`);
    }
    expect(labels('worker-2')).toBe('');
    const master = await w.get('node', 'master-0');
    expect(
      master?.metadata.annotations?.['machineconfiguration.openshift.io/currentConfig'],
    ).not.toBe(target);
  });

  it('6.12.1.3: the v1alpha1 HostPathProvisioner CR becomes Available with a provisioner on every worker', async () => {
    const create = await w.kubectl(['create', '-f', '-', '-n', 'openshift-cnv'], {
      input: `apiVersion: hostpathprovisioner.kubevirt.io/v1alpha1
kind: HostPathProvisioner
metadata:
  name: hostpath-provisioner
spec:
  imagePullPolicy: IfNotPresent
  pathConfig:
    path: "/var/hpvolumes"
    useNamingPrefix: "false"
`,
    });
    expect(create.code).toBe(0);
    const cr = await waitFor('HPP Available', async () => {
      const c = await w.get('hostpathprovisioner', 'hostpath-provisioner');
      return condition(c, 'Available')?.status === 'True' ? c : undefined;
    });
    expect(condition(cr, 'Degraded')?.status).toBe('False');
    expect(condition(cr, 'Progressing')?.status).toBe('False');
    const pods = await w.kubectl([
      'get',
      'pods',
      '-n',
      'openshift-cnv',
      '-l',
      'k8s-app=hostpath-provisioner',
      '-o',
      'json',
    ]);
    const list = (JSON.parse(pods.stdout) as { items: KubeObject[] }).items;
    expect(list.map((p) => field(p, 'spec.nodeName')).sort()).toEqual([
      'worker-0',
      'worker-1',
      'worker-2',
    ]);
    expect(list.every((p) => field(p, 'status.phase') === 'Running')).toBe(true);
    const alpha = await w.kubectl([
      'get',
      'hostpathprovisioners.v1alpha1.hostpathprovisioner.kubevirt.io',
      'hostpath-provisioner',
      '-o',
      'json',
    ]);
    expect(field(JSON.parse(alpha.stdout) as KubeObject, 'spec.pathConfig.useNamingPrefix')).toBe(
      'false',
    );
    const beta = await w.get(
      'hostpathprovisioners.v1beta1.hostpathprovisioner.kubevirt.io',
      'hostpath-provisioner',
    );
    expect(field(beta, 'spec.pathConfig.useNamingPrefix')).toBe(false);
  });

  it('6.12.1.4: the StorageClass is created and its parameters are immutable', async () => {
    await w.apply(`apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: hostpath-provisioner
provisioner: kubevirt.io/hostpath-provisioner
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
`);
    const patch = await w.kubectl([
      'patch',
      'storageclass',
      'hostpath-provisioner',
      '--type',
      'merge',
      '-p',
      '{"volumeBindingMode":"Immediate"}',
    ]);
    expect(patch.code).not.toBe(0);
    expect(patch.stderr).toContain(
      'volumeBindingMode: Forbidden: updates to volumeBindingMode are forbidden',
    );
  });

  it('provisions a PV on the node of the first consumer, in a real directory', async () => {
    await w.apply(claimAndPod('hpp-claim', 'hostpath-provisioner'));
    const pvc = await waitFor('claim bound', async () => {
      const c = await w.get('pvc', 'hpp-claim', 'vm-images');
      return field(c, 'status.phase') === 'Bound' ? c : undefined;
    });
    const pvName = String(field(pvc, 'spec.volumeName'));
    expect(pvName).toBe(`pvc-${pvc.metadata.uid ?? ''}`);
    const pv = await w.get('pv', pvName);
    const terms = field(pv, 'spec.nodeAffinity.required.nodeSelectorTerms') as {
      matchExpressions: { values: string[] }[];
    }[];
    const node = terms.at(0)?.matchExpressions.at(0)?.values.at(0) ?? '';
    expect(['worker-0', 'worker-1']).toContain(node);
    expect(field(pv, 'spec.hostPath.path')).toBe(`/var/hpvolumes/${pvName}`);
    expect(existsSync(path.join(w.dataDir, 'nodes', node, 'var/hpvolumes', pvName))).toBe(true);
    const pod = await waitFor('consumer running', async () => {
      const p = await w.get('pod', 'hpp-claim-consumer', 'vm-images');
      return field(p, 'status.phase') === 'Running' ? p : undefined;
    });
    expect(field(pod, 'spec.nodeName')).toBe(node);
  });

  it('fails with "Permission denied" on the RHEL worker until chcon is run there', async () => {
    await w.apply(claimAndPod('rhel-claim', 'hostpath-provisioner', 'worker-2'));
    const events = await waitFor('ProvisioningFailed', async () => {
      const e = await eventsFor('rhel-claim', 'vm-images');
      return e.includes('ProvisioningFailed') ? e : undefined;
    });
    expect(events).toMatch(
      /ProvisioningFailed: failed to provision volume with StorageClass "hostpath-provisioner": mkdir \/var\/hpvolumes\/pvc-[0-9a-f-]+: Permission denied/,
    );
    expect(field(await w.get('pvc', 'rhel-claim', 'vm-images'), 'status.phase')).toBe('Pending');
    const chcon = await w.kubectl([
      'annotate',
      'node',
      'worker-2',
      'sandbox.vm-disks.io/chcon=/var/hpvolumes',
    ]);
    expect(chcon.code).toBe(0);
    const pvc = await waitFor(
      'claim bound after chcon',
      async () => {
        const c = await w.get('pvc', 'rhel-claim', 'vm-images');
        return field(c, 'status.phase') === 'Bound' ? c : undefined;
      },
      20_000,
    );
    const pv = await w.get('pv', String(field(pvc, 'spec.volumeName')));
    expect(JSON.stringify(field(pv, 'spec.nodeAffinity'))).toContain('worker-2');
  });

  it('honours useNamingPrefix and serves the CSI driver for the legacy pool', async () => {
    const patch = await w.kubectl([
      'patch',
      'hostpathprovisioners.v1beta1.hostpathprovisioner.kubevirt.io',
      'hostpath-provisioner',
      '--type',
      'merge',
      '-p',
      '{"spec":{"pathConfig":{"useNamingPrefix":true}}}',
    ]);
    expect(patch.code).toBe(0);
    await w.apply(claimAndPod('prefixed', 'hostpath-provisioner', 'worker-1'));
    const pvc = await waitFor('prefixed claim bound', async () => {
      const c = await w.get('pvc', 'prefixed', 'vm-images');
      return field(c, 'status.phase') === 'Bound' ? c : undefined;
    });
    const pv = await w.get('pv', String(field(pvc, 'spec.volumeName')));
    expect(field(pv, 'spec.hostPath.path')).toBe(
      `/var/hpvolumes/prefixed-pvc-${pvc.metadata.uid ?? ''}`,
    );

    await w.apply(`apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: hostpath-csi
provisioner: kubevirt.io.hostpath-provisioner
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
`);
    await waitFor('CSI pods', async () => {
      const r = await w.kubectl([
        'get',
        'pods',
        '-n',
        'openshift-cnv',
        '-l',
        'k8s-app=hostpath-provisioner-csi',
        '-o',
        'name',
      ]);
      return r.stdout.trim().split('\n').filter(Boolean).length === 3 ? r : undefined;
    });
    await w.apply(claimAndPod('csi-claim', 'hostpath-csi', 'worker-0'));
    const csi = await waitFor('csi claim bound', async () => {
      const c = await w.get('pvc', 'csi-claim', 'vm-images');
      return field(c, 'status.phase') === 'Bound' ? c : undefined;
    });
    const csiPv = await w.get('pv', String(field(csi, 'spec.volumeName')));
    expect(field(csiPv, 'spec.csi.driver')).toBe('kubevirt.io.hostpath-provisioner');
    expect(JSON.stringify(field(csiPv, 'spec.nodeAffinity'))).toContain(
      'topology.hostpath.csi/node',
    );
    expect(
      existsSync(
        path.join(
          w.dataDir,
          'nodes',
          'worker-0',
          'var/hpvolumes/csi',
          String(field(csi, 'spec.volumeName')),
        ),
      ),
    ).toBe(true);
  });

  it('fills spec.storage DataVolumes from the StorageProfile and inflates Filesystem requests', async () => {
    await w.apply(`apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: storage-api-disk
  namespace: vm-images
  annotations:
    cdi.kubevirt.io/storage.bind.immediate.requested: "true"
spec:
  source:
    blank: {}
  storage:
    storageClassName: hostpath-csi
    resources:
      requests:
        storage: 1Gi
`);
    const dv = await waitFor('blank on CSI Succeeded', async () => {
      const d = await w.get('dv', 'storage-api-disk', 'vm-images');
      return field(d, 'status.phase') === 'Succeeded' ? d : undefined;
    });
    expect(field(dv, 'status.progress')).toBe('100.0%');
    const pvc = await w.get('pvc', 'storage-api-disk', 'vm-images');
    expect(field(pvc, 'spec.accessModes')).toEqual(['ReadWriteOnce']);
    expect(field(pvc, 'spec.volumeMode')).toBe('Filesystem');
    expect(Number(field(pvc, 'spec.resources.requests.storage'))).toBe(
      Math.ceil(1024 ** 3 / 0.945),
    );
    const pv = await w.get('pv', String(field(pvc, 'spec.volumeName')));
    const terms = field(pv, 'spec.nodeAffinity.required.nodeSelectorTerms') as {
      matchExpressions: { values: string[] }[];
    }[];
    const node = terms.at(0)?.matchExpressions.at(0)?.values.at(0) ?? '';
    const img = path.join(
      w.dataDir,
      'nodes',
      node,
      'var/hpvolumes/csi',
      String(field(pvc, 'spec.volumeName')),
      'disk.img',
    );
    expect(statSync(img).size).toBe(1024 ** 3);

    await w.apply(`apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: no-profile
  namespace: vm-images
spec:
  source:
    blank: {}
  storage:
    storageClassName: local
    resources:
      requests:
        storage: 1Gi
`);
    const events = await waitFor('ErrClaimNotValid', async () => {
      const e = await eventsFor('no-profile', 'vm-images');
      return e.includes('ErrClaimNotValid') ? e : undefined;
    });
    expect(events).toContain('ErrClaimNotValid: no accessMode specified in StorageProfile local');
    expect(field(await w.get('dv', 'no-profile', 'vm-images'), 'status.phase')).toBe('Pending');
  });

  it('deletes the volume and its directory when the claim is deleted (reclaim policy Delete)', async () => {
    const pvc = await w.get('pvc', 'hpp-claim', 'vm-images');
    const pvName = String(field(pvc, 'spec.volumeName'));
    const pv = await w.get('pv', pvName);
    const terms = field(pv, 'spec.nodeAffinity.required.nodeSelectorTerms') as {
      matchExpressions: { values: string[] }[];
    }[];
    const dir = path.join(
      w.dataDir,
      'nodes',
      terms.at(0)?.matchExpressions.at(0)?.values.at(0) ?? '',
      'var/hpvolumes',
      pvName,
    );
    expect(existsSync(dir)).toBe(true);
    const del = await w.kubectl([
      'delete',
      'pod/hpp-claim-consumer',
      'pvc/hpp-claim',
      '-n',
      'vm-images',
    ]);
    expect(del.code).toBe(0);
    await waitFor('PV deleted', async () => ((await w.get('pv', pvName)) ? undefined : true));
    expect(existsSync(dir)).toBe(false);
  });

  it('rejects a CR with both pathConfig and storagePools', async () => {
    const r = await w.kubectl(['create', '-f', '-'], {
      input: `apiVersion: hostpathprovisioner.kubevirt.io/v1beta1
kind: HostPathProvisioner
metadata:
  name: broken
spec:
  pathConfig:
    path: /var/hpvolumes
  storagePools:
  - name: local
    path: /var/hpvolumes
`,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('pathConfig and storage pools cannot be both set');
  });
});
