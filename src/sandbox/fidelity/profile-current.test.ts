/**
 * The `current` profile (OpenShift 4.22 with OpenShift Virtualization 4.22) through the real kubectl
 * and HTTP. Each behaviour names the upstream source it follows:
 * - API versions: kubevirt/containerized-data-importer v1.66 (`v1beta1` only),
 *   kubevirt/hostpath-provisioner-operator v0.25 (v1alpha1 removed in v0.15.0, "Remove HPP v1alpha1
 *   (#255)"), kubevirt/hyperconverged-cluster-operator v1.18 (`api/v1/hyperconverged_types.go`
 *   `+kubebuilder:storageversion`, `api/v1beta1/conversion.go`).
 * - No storage-defaults ConfigMap: hyperconverged-cluster-operator PR #1829 and
 *   `assets/upgradePatches.json`.
 * - CDIConfig scratch class: containerized-data-importer `pkg/controller/config-controller.go`
 *   `reconcileStorageClass` (commit 48c01a9e, v1.65.0).
 * - StorageProfile: `pkg/controller/storageprofile-controller.go` (spec claimPropertySets win).
 * - CSIDriver: hostpath-provisioner-operator `pkg/controller/hostpathprovisioner/csidriver.go`;
 *   volumes under `<pool>/csi`: `daemonset.go buildPathArgFromStoragePoolInfo`.
 * - Populators: containerized-data-importer `pkg/controller/datavolume/controller-base.go`
 *   (`shouldUseCDIPopulator`, `shouldBeMarkedPendingPopulation`), `pkg/controller/populators/`
 *   (`populator-base.go createPVCPrime`, `util.go PVCPrimeName`), `pkg/uploadproxy/uploadproxy.go`
 *   (`getPopulationPVC`).
 * - Deleting an unfinished upload: `pkg/controller/upload-controller.go` (cleanup once the PVC has
 *   a deletion timestamp).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../contract';
import type { WorldHarness } from '../world/testing/harness';
import { expectAbandonedUploadCleanedUp } from '../world/testing/abandoned-upload';
import { field, startWorld, waitFor } from '../world/testing/harness';

process.env.VM_DISKS_SANDBOX_SPEED = '50';

let w: WorldHarness;

beforeAll(async () => {
  w = await startWorld('current');
});

afterAll(async () => {
  await w.close();
});

const HPP_CR = `apiVersion: hostpathprovisioner.kubevirt.io/v1beta1
kind: HostPathProvisioner
metadata:
  name: hostpath-provisioner
spec:
  imagePullPolicy: IfNotPresent
  storagePools:
    - name: local
      path: /var/hpvolumes
  workload:
    nodeSelector:
      kubernetes.io/os: linux
---
apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: hostpath-csi
provisioner: kubevirt.io.hostpath-provisioner
reclaimPolicy: Delete
volumeBindingMode: WaitForFirstConsumer
parameters:
  storagePool: local
`;

const blankDv = (name: string, annotations = ''): string => `apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: ${name}
  namespace: vm-images
${annotations ? `  annotations:\n${annotations}\n` : ''}spec:
  source:
    blank: {}
  storage:
    storageClassName: hostpath-csi
    resources:
      requests:
        storage: 1Gi
`;

async function eventsFor(name: string): Promise<string> {
  const r = await w.kubectl([
    'get',
    'events',
    '-n',
    'vm-images',
    '--field-selector',
    `involvedObject.name=${name}`,
    '-o',
    'json',
  ]);
  const list = JSON.parse(r.stdout) as { items: { reason: string; message: string }[] };
  return list.items.map((e) => `${e.reason}: ${e.message}`).join('\n');
}

const phase = async (name: string): Promise<unknown> =>
  field(await w.get('dv', name, 'vm-images'), 'status.phase');

async function uploadToken(pvc: string): Promise<string> {
  const res = await fetch(
    `${w.sandbox.url}/apis/upload.cdi.kubevirt.io/v1beta1/namespaces/vm-images/uploadtokenrequests`,
    {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${w.sandbox.adminToken}`,
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        apiVersion: 'upload.cdi.kubevirt.io/v1beta1',
        kind: 'UploadTokenRequest',
        metadata: { name: pvc, namespace: 'vm-images' },
        spec: { pvcName: pvc },
      }),
    },
  );
  expect(res.status).toBe(201);
  return String(field((await res.json()) as KubeObject, 'status.token'));
}

describe('profile current: API versions', () => {
  it('serves CDI and HPP only as v1beta1 and HyperConverged as v1 (storage) and v1beta1', async () => {
    const r = await w.kubectl(['api-versions']);
    expect(r.code).toBe(0);
    const versions = r.stdout.trim().split('\n');
    expect(versions).toContain('cdi.kubevirt.io/v1beta1');
    expect(versions).not.toContain('cdi.kubevirt.io/v1alpha1');
    expect(versions).toContain('upload.cdi.kubevirt.io/v1beta1');
    expect(versions).not.toContain('upload.cdi.kubevirt.io/v1alpha1');
    expect(versions).toContain('hostpathprovisioner.kubevirt.io/v1beta1');
    expect(versions).not.toContain('hostpathprovisioner.kubevirt.io/v1alpha1');
    expect(versions).toContain('hco.kubevirt.io/v1');
    expect(versions).toContain('hco.kubevirt.io/v1beta1');
    const resources = await w.kubectl([
      'api-resources',
      '--api-group=storage.k8s.io',
      '-o',
      'name',
    ]);
    expect(resources.stdout).toContain('csidrivers.storage.k8s.io');
    const hco = await w.get('hyperconverged', 'kubevirt-hyperconverged', 'openshift-cnv');
    expect(hco?.apiVersion).toBe('hco.kubevirt.io/v1');
  });

  it("refuses the seed's v1alpha1 HostPathProvisioner", async () => {
    const r = await w.kubectl(['apply', '-f', '-'], {
      input: `apiVersion: hostpathprovisioner.kubevirt.io/v1alpha1
kind: HostPathProvisioner
metadata:
  name: hostpath-provisioner
spec:
  imagePullPolicy: IfNotPresent
  pathConfig:
    path: /var/hpvolumes
    useNamingPrefix: "false"
`,
    });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('hostpathprovisioner.kubevirt.io/v1alpha1');
  });
});

describe('profile current: HyperConverged, CDIConfig and StorageProfiles', () => {
  it('has no storage-defaults ConfigMap, and HCO removes one that appears', async () => {
    const missing = await w.kubectl([
      'get',
      'configmap',
      'kubevirt-storage-class-defaults',
      '-n',
      'openshift-cnv',
    ]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('NotFound');
    const created = await w.kubectl([
      'create',
      'configmap',
      'kubevirt-storage-class-defaults',
      '-n',
      'openshift-cnv',
      '--from-literal=accessMode=ReadWriteOnce',
    ]);
    expect(created.code).toBe(0);
    await waitFor('HCO removes the ConfigMap', async () => {
      const r = await w.kubectl([
        'get',
        'configmap',
        'kubevirt-storage-class-defaults',
        '-n',
        'openshift-cnv',
      ]);
      return r.code !== 0 && r.stderr.includes('NotFound');
    });
  });

  it('leaves the CDIConfig scratch class empty without an override; HCO v1 spec.storage sets it', async () => {
    const config = await w.get('cdiconfig', 'config');
    expect(field(config, 'status.scratchSpaceStorageClass')).toBeUndefined();
    const patched = await w.kubectl([
      'patch',
      'hyperconverged.v1.hco.kubevirt.io',
      'kubevirt-hyperconverged',
      '-n',
      'openshift-cnv',
      '--type=merge',
      '-p',
      '{"spec":{"storage":{"scratchSpaceStorageClass":"local"}}}',
    ]);
    expect(patched.stderr).toBe('');
    const beta = await w.kubectl([
      'get',
      'hyperconverged.v1beta1.hco.kubevirt.io',
      'kubevirt-hyperconverged',
      '-n',
      'openshift-cnv',
      '-o',
      'jsonpath={.spec.scratchSpaceStorageClass}',
    ]);
    expect(beta.stdout).toBe('local');
    await waitFor('CDIConfig status follows HCO', async () => {
      const c = await w.get('cdiconfig', 'config');
      return field(c, 'status.scratchSpaceStorageClass') === 'local';
    });
    const cdi = await w.get('cdi', 'cdi');
    expect(field(cdi, 'spec.config.scratchSpaceStorageClass')).toBe('local');
    // A v1beta1 client (top-level field) writes the same setting.
    const viaBeta = await w.kubectl([
      'patch',
      'hyperconverged.v1beta1.hco.kubevirt.io',
      'kubevirt-hyperconverged',
      '-n',
      'openshift-cnv',
      '--type=merge',
      '-p',
      '{"spec":{"scratchSpaceStorageClass":"hostpath-none"}}',
    ]);
    expect(viaBeta.stderr).toBe('');
    const v1 = await w.kubectl([
      'get',
      'hyperconverged.v1.hco.kubevirt.io',
      'kubevirt-hyperconverged',
      '-n',
      'openshift-cnv',
      '-o',
      'jsonpath={.spec.storage.scratchSpaceStorageClass}',
    ]);
    expect(v1.stdout).toBe('hostpath-none');
    // A class that does not exist is not taken: the status is empty again.
    await waitFor('CDIConfig status empty', async () => {
      const c = await w.get('cdiconfig', 'config');
      return field(c, 'status.scratchSpaceStorageClass') === undefined;
    });
  });

  it("StorageProfile spec.claimPropertySets become the profile's status (the defaults)", async () => {
    const r = await w.kubectl([
      'patch',
      'storageprofile',
      'local',
      '--type=merge',
      '-p',
      '{"spec":{"claimPropertySets":[{"accessModes":["ReadWriteOnce"],"volumeMode":"Block"}]}}',
    ]);
    expect(r.code).toBe(0);
    await waitFor('profile status', async () => {
      const p = await w.get('storageprofile', 'local');
      const sets = field(p, 'status.claimPropertySets') as { volumeMode: string }[] | undefined;
      return sets?.[0]?.volumeMode === 'Block';
    });
  });
});

describe('profile current: HostPathProvisioner CSI driver and CDI populators', () => {
  it('creates the CSIDriver once the HPP CR is applied', async () => {
    const before = await w.kubectl(['get', 'csidriver', 'kubevirt.io.hostpath-provisioner']);
    expect(before.code).not.toBe(0);
    expect(await w.apply(HPP_CR)).toContain('hostpathprovisioner');
    const driver = await waitFor('CSIDriver', () =>
      w.get('csidriver', 'kubevirt.io.hostpath-provisioner'),
    );
    expect(field(driver, 'spec.attachRequired')).toBe(false);
    expect(field(driver, 'spec.storageCapacity')).toBe(true);
    expect(field(driver, 'spec.volumeLifecycleModes')).toEqual(['Persistent', 'Ephemeral']);
    await waitFor('HPP available', async () => {
      const cr = await w.get('hostpathprovisioner', 'hostpath-provisioner');
      const conds = (field(cr, 'status.conditions') ?? []) as { type: string; status: string }[];
      return conds.some((c) => c.type === 'Available' && c.status === 'True');
    });
  });

  it('a blank DataVolume on the CSI class waits in PendingPopulation, then a consumer makes it succeed through a prime PVC', async () => {
    await w.apply(blankDv('blank-consumed'));
    await waitFor(
      'PendingPopulation',
      async () => (await phase('blank-consumed')) === 'PendingPopulation',
    );
    const target = await w.get('pvc', 'blank-consumed', 'vm-images');
    expect(field(target, 'spec.dataSourceRef')).toEqual({
      apiGroup: 'cdi.kubevirt.io',
      kind: 'VolumeImportSource',
      name: `volume-import-source-${(await w.get('dv', 'blank-consumed', 'vm-images'))?.metadata.uid ?? ''}`,
    });
    const uid = target?.metadata.uid ?? '';
    const source = await w.get(
      'volumeimportsources',
      `volume-import-source-${String(field(await w.get('dv', 'blank-consumed', 'vm-images'), 'metadata.uid'))}`,
      'vm-images',
    );
    expect(field(source, 'spec.source')).toEqual({ blank: {} });
    // Not WaitForFirstConsumer, and nothing provisioned yet.
    expect(field(target, 'spec.volumeName')).toBeUndefined();
    expect((await w.kubectl(['get', 'pvc', `prime-${uid}`, '-n', 'vm-images'])).code).not.toBe(0);

    await w.apply(`apiVersion: v1
kind: Pod
metadata:
  name: consumer
  namespace: vm-images
spec:
  containers:
    - name: c
      image: registry.access.redhat.com/ubi9/ubi-minimal
  volumes:
    - name: d
      persistentVolumeClaim:
        claimName: blank-consumed
`);
    // The importer runs on the prime PVC (fast at this speed: the prime may already be gone).
    await waitFor('Succeeded', async () => (await phase('blank-consumed')) === 'Succeeded', 60_000);
    const bound = await w.get('pvc', 'blank-consumed', 'vm-images');
    expect(field(bound, 'metadata.annotations')).toMatchObject({
      'cdi.kubevirt.io/storage.populator.pvcPrime': `prime-${uid}`,
    });
    expect(field(bound, 'status.phase')).toBe('Bound');
    expect(await eventsFor(`importer-prime-${uid}`)).toContain('Scheduled');
    expect(await eventsFor('blank-consumed')).toContain('CreatedPVCPrimeSuccessfully');
    const pvName = String(field(bound, 'spec.volumeName'));
    // The volume was provisioned for the prime PVC (pvc-<prime uid>) and rebound to the target.
    expect(pvName).toMatch(/^pvc-/);
    expect(pvName).not.toBe(`pvc-${uid}`);
    const pv = await w.get('pv', pvName);
    expect(field(pv, 'spec.claimRef.uid')).toBe(uid);
    expect(field(pv, 'spec.claimRef.name')).toBe('blank-consumed');
    await waitFor('prime removed', async () => {
      const r = await w.kubectl(['get', 'pvc', `prime-${uid}`, '-n', 'vm-images']);
      return r.code !== 0;
    });
    const node = String(
      field(pv, 'spec.nodeAffinity.required.nodeSelectorTerms.0.matchExpressions.0.values.0'),
    );
    expect(
      existsSync(path.join(w.dataDir, 'nodes', node, 'var/hpvolumes/csi', pvName, 'disk.img')),
    ).toBe(true);
  });

  it('a blank DataVolume with immediate binding requested is populated without a consumer', async () => {
    await w.apply(
      blankDv('blank-forced', '    cdi.kubevirt.io/storage.bind.immediate.requested: "true"'),
    );
    const target = await waitFor('target PVC', () => w.get('pvc', 'blank-forced', 'vm-images'));
    const uid = target.metadata.uid ?? '';
    await waitFor('Succeeded', async () => (await phase('blank-forced')) === 'Succeeded', 60_000);
    expect(await eventsFor(`importer-prime-${uid}`)).toContain('Scheduled');
    expect(field(await w.get('pvc', 'blank-forced', 'vm-images'), 'status.phase')).toBe('Bound');
  });

  it('an upload DataVolume goes through cdi-upload-prime and the upload proxy follows pvcPrime', async () => {
    await w.apply(`apiVersion: cdi.kubevirt.io/v1beta1
kind: DataVolume
metadata:
  name: up-csi
  namespace: vm-images
  annotations:
    cdi.kubevirt.io/storage.bind.immediate.requested: "true"
spec:
  source:
    upload: {}
  storage:
    storageClassName: hostpath-csi
    resources:
      requests:
        storage: 1Gi
`);
    await waitFor('UploadReady', async () => (await phase('up-csi')) === 'UploadReady', 60_000);
    const target = await w.get('pvc', 'up-csi', 'vm-images');
    const uid = target?.metadata.uid ?? '';
    expect(field(target, 'spec.dataSourceRef.kind')).toBe('VolumeUploadSource');
    expect(field(target, 'spec.volumeName')).toBeUndefined();
    expect(await w.get('pod', `cdi-upload-prime-${uid}`, 'vm-images')).toBeDefined();
    const prime = await w.get('pvc', `prime-${uid}`, 'vm-images');
    expect(field(prime, 'metadata.ownerReferences.0.uid')).toBe(uid);
    expect(field(prime, 'metadata.annotations')).toMatchObject({
      'cdi.kubevirt.io/storage.bind.immediate.requested': '',
      'cdi.kubevirt.io/storage.upload.target': '',
    });
    expect(field(prime, 'status.phase')).toBe('Bound');
    const config = await w.get('cdiconfig', 'config');
    const proxy = String(field(config, 'status.uploadProxyURL'));
    const image = Buffer.alloc(1024 * 1024, 0);
    image.write('hello', 0);
    const res = await fetch(`${proxy}/v1beta1/upload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${await uploadToken('up-csi')}` },
      body: image,
    });
    expect(res.status).toBe(200);
    await waitFor('Succeeded', async () => (await phase('up-csi')) === 'Succeeded', 60_000);
    const bound = await w.get('pvc', 'up-csi', 'vm-images');
    expect(field(bound, 'status.phase')).toBe('Bound');
    await waitFor('prime and upload pod removed', async () => {
      const p = await w.kubectl(['get', 'pvc', `prime-${uid}`, '-n', 'vm-images']);
      const pod = await w.kubectl(['get', 'pod', `cdi-upload-prime-${uid}`, '-n', 'vm-images']);
      return p.code !== 0 && pod.code !== 0;
    });
  });
});

describe('profile current: deleting an unfinished upload', () => {
  it('removes its PVC and cdi-upload pod promptly and frees the local PV', async () => {
    await expectAbandonedUploadCleanedUp(w);
  });
});
