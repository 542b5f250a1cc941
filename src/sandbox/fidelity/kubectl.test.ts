import { execFile, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBareSandbox } from '../test-support/bare-sandbox';

const run = promisify(execFile);
const KUBECTL = '/usr/bin/kubectl';

type Sandbox = Awaited<ReturnType<typeof startBareSandbox>>;

interface Kubectl {
  (
    args: string[],
    opts?: { input?: string },
  ): Promise<{ stdout: string; stderr: string; code: number }>;
  kubeconfig: string;
}

const kubectlFor = (dir: string, kubeconfig: string): Kubectl => {
  const fn = async (args: string[]): Promise<{ stdout: string; stderr: string; code: number }> => {
    try {
      const r = await run(
        KUBECTL,
        ['--kubeconfig', kubeconfig, '--cache-dir', join(dir, 'cache'), ...args],
        {
          env: { ...process.env, HOME: dir, KUBECONFIG: kubeconfig },
          timeout: 60000,
        },
      );
      return { stdout: r.stdout, stderr: r.stderr, code: 0 };
    } catch (e) {
      const err = e as { stdout?: string; stderr?: string; code?: number };
      return {
        stdout: err.stdout ?? '',
        stderr: err.stderr ?? '',
        code: typeof err.code === 'number' ? err.code : 1,
      };
    }
  };
  return Object.assign(fn, { kubeconfig });
};

const MANIFESTS = `apiVersion: storage.k8s.io/v1
kind: StorageClass
metadata:
  name: local
provisioner: kubernetes.io/no-provisioner
volumeBindingMode: Immediate
---
apiVersion: v1
kind: PersistentVolume
metadata:
  name: fid-pv
  labels:
    disk: fid
spec:
  capacity:
    storage: 5Gi
  accessModes: [ReadWriteOnce]
  storageClassName: local
  local:
    path: /mnt/fid
  nodeAffinity:
    required:
      nodeSelectorTerms:
      - matchExpressions:
        - key: kubernetes.io/hostname
          operator: In
          values: [worker-0]
---
apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: fid-claim
  namespace: vm-images
spec:
  storageClassName: local
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
---
apiVersion: v1
kind: ConfigMap
metadata:
  name: fid-cm
  namespace: vm-images
data:
  a: "1"
`;

describe('kubectl against the sandbox (HTTP)', () => {
  let sb: Sandbox;
  let dir: string;
  let kubectl: Kubectl;
  let devctl: Kubectl;

  beforeAll(async () => {
    sb = await startBareSandbox();
    dir = await mkdtemp(join(tmpdir(), 'kubectl-fidelity-'));
    await sb.writeKubeconfig(join(dir, 'admin.kubeconfig'));
    await sb.writeKubeconfig(join(dir, 'developer.kubeconfig'), 'developer');
    kubectl = kubectlFor(dir, join(dir, 'admin.kubeconfig'));
    devctl = kubectlFor(dir, join(dir, 'developer.kubeconfig'));
    await writeFile(join(dir, 'objs.yaml'), MANIFESTS);
  });
  afterAll(async () => {
    await sb.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('lists API resources', async () => {
    const r = await kubectl(['api-resources']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/persistentvolumeclaims\s+pvc\s+v1\s+true\s+PersistentVolumeClaim/);
    expect(r.stdout).toMatch(/storageclasses\s+sc\s+storage\.k8s\.io\/v1\s+false\s+StorageClass/);
  });

  it('applies a multi-document file and reaches the described state', async () => {
    const r = await kubectl(['apply', '-f', join(dir, 'objs.yaml')]);
    expect(r.stderr).toBe('');
    expect(r.stdout).toContain('storageclass.storage.k8s.io/local created');
    expect(r.stdout).toContain('persistentvolumeclaim/fid-claim created');
    const wait = await kubectl([
      'wait',
      '--for=jsonpath={.status.phase}=Bound',
      'pvc/fid-claim',
      '-n',
      'vm-images',
      '--timeout=60s',
    ]);
    expect(wait.stdout).toContain('condition met');
    const again = await kubectl(['apply', '-f', join(dir, 'objs.yaml')]);
    expect(again.stdout).toContain('configmap/fid-cm unchanged');
    const yaml = await kubectl(['get', 'pvc', 'fid-claim', '-n', 'vm-images', '-o', 'yaml']);
    expect(yaml.stdout).toContain('volumeName: fid-pv');
    expect(yaml.stdout).toContain('phase: Bound');
    const json = JSON.parse((await kubectl(['get', 'pv', 'fid-pv', '-o', 'json'])).stdout) as {
      spec: { claimRef: { name: string } };
      status: { phase: string };
    };
    expect(json.spec.claimRef.name).toBe('fid-claim');
    expect(json.status.phase).toBe('Bound');
    const table = await kubectl(['get', 'pv']);
    expect(table.stdout).toMatch(
      /^NAME\s+CAPACITY\s+ACCESS MODES\s+RECLAIM POLICY\s+STATUS\s+CLAIM/,
    );
    expect(table.stdout).toMatch(
      /fid-pv\s+5Gi\s+RWO\s+Retain\s+Bound\s+vm-images\/fid-claim\s+local/,
    );
  });

  it('patches (strategic, merge, json) and labels', async () => {
    expect(
      (await kubectl(['patch', 'cm', 'fid-cm', '-n', 'vm-images', '-p', '{"data":{"b":"2"}}']))
        .stdout,
    ).toContain('patched');
    expect(
      (
        await kubectl([
          'patch',
          'cm',
          'fid-cm',
          '-n',
          'vm-images',
          '--type=merge',
          '-p',
          '{"data":{"c":"3"}}',
        ])
      ).code,
    ).toBe(0);
    expect(
      (
        await kubectl([
          'patch',
          'cm',
          'fid-cm',
          '-n',
          'vm-images',
          '--type=json',
          '-p',
          '[{"op":"remove","path":"/data/a"}]',
        ])
      ).code,
    ).toBe(0);
    const data = await kubectl([
      'get',
      'cm',
      'fid-cm',
      '-n',
      'vm-images',
      '-o',
      'jsonpath={.data}',
    ]);
    expect(JSON.parse(data.stdout)).toEqual({ b: '2', c: '3' });
    expect((await kubectl(['label', 'pv', 'fid-pv', 'tier=gold'])).stdout).toContain('labeled');
    const sel = await kubectl(['get', 'pv', '-l', 'tier in (gold,silver)', '-o', 'name']);
    expect(sel.stdout.trim()).toBe('persistentvolume/fid-pv');
    const bad = await kubectl(['patch', 'sc', 'local', '-p', '{"parameters":{"x":"y"}}']);
    expect(bad.code).not.toBe(0);
    expect(bad.stderr).toContain(
      'The StorageClass "local" is invalid: parameters: Forbidden: updates to parameters are forbidden.',
    );
  });

  it('watches with get --watch', async () => {
    const child = spawn(
      KUBECTL,
      [
        '--kubeconfig',
        kubectl.kubeconfig,
        '--cache-dir',
        join(dir, 'cache'),
        'get',
        'cm',
        '-n',
        'vm-images',
        '--watch',
        '-o',
        'name',
      ],
      {
        env: { ...process.env, HOME: dir },
      },
    );
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
    });
    const waitFor = async (text: string) => {
      // Bounded by the test's timeout, not by a deadline that assumes an idle machine.
      while (!out.includes(text)) await new Promise((r) => setTimeout(r, 50));
    };
    await waitFor('configmap/fid-cm');
    await kubectl(['create', 'configmap', 'watched', '-n', 'vm-images', '--from-literal=k=v']);
    await waitFor('configmap/watched');
    child.kill();
    expect(out.split('\n').filter((l) => l.trim() !== '')).toEqual([
      'configmap/fid-cm',
      'configmap/watched',
    ]);
  });

  it('answers auth can-i and whoami per user, and shows 403s', async () => {
    expect((await kubectl(['auth', 'can-i', 'list', 'persistentvolumes'])).stdout.trim()).toBe(
      'yes',
    );
    expect(
      (
        await devctl(['auth', 'can-i', 'create', 'persistentvolumeclaims', '-n', 'vm-images'])
      ).stdout.trim(),
    ).toBe('yes');
    const no = await devctl(['auth', 'can-i', 'list', 'persistentvolumes']);
    expect(no.stdout.trim()).toBe('no');
    const whoami = await devctl(['auth', 'whoami']);
    expect(whoami.stdout).toMatch(/Username\s+developer/);
    const forbidden = await devctl(['get', 'pv']);
    expect(forbidden.stderr).toContain(
      'Error from server (Forbidden): persistentvolumes is forbidden: User "developer" cannot list resource "persistentvolumes" in API group "" at the cluster scope',
    );
  });

  it('reports validation errors like the API server', async () => {
    const r = await kubectl(['create', 'namespace', 'Bad_Name']);
    expect(r.stderr).toContain(
      'The Namespace "Bad_Name" is invalid: metadata.name: Invalid value: "Bad_Name": a lowercase RFC 1123 label',
    );
  });

  it('deletes, including a claim (pvc-protection) and its volume being released', async () => {
    const d = await kubectl(['delete', 'pvc', 'fid-claim', '-n', 'vm-images', '--timeout=60s']);
    expect(d.stdout).toContain('persistentvolumeclaim "fid-claim" deleted');
    const wait = await kubectl([
      'wait',
      '--for=jsonpath={.status.phase}=Released',
      'pv/fid-pv',
      '--timeout=60s',
    ]);
    expect(wait.stdout).toContain('condition met');
    const cm = await kubectl(['delete', '-f', join(dir, 'objs.yaml'), '--ignore-not-found']);
    expect(cm.code).toBe(0);
    const left = await kubectl(['get', 'cm,pvc', '-n', 'vm-images', '-o', 'name']);
    expect(left.stdout).not.toContain('fid-');
  });
});

describe('kubectl against the sandbox (HTTPS with a bearer token)', () => {
  let sb: Sandbox;
  let dir: string;

  beforeAll(async () => {
    sb = await startBareSandbox({ tls: true });
    dir = await mkdtemp(join(tmpdir(), 'kubectl-tls-'));
    await sb.writeKubeconfig(join(dir, 'admin.kubeconfig'));
    await sb.writeKubeconfig(join(dir, 'developer.kubeconfig'), 'developer');
  });
  afterAll(async () => {
    await sb.dispose();
    await rm(dir, { recursive: true, force: true });
  });

  it('verifies the generated CA and authenticates by token', async () => {
    expect(sb.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    const kubectl = kubectlFor(dir, join(dir, 'admin.kubeconfig'));
    const devctl = kubectlFor(dir, join(dir, 'developer.kubeconfig'));
    await writeFile(
      join(dir, 'cm.yaml'),
      'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: tls-cm\n  namespace: vm-images\ndata:\n  k: v\n',
    );
    const applied = await devctl(['apply', '-f', join(dir, 'cm.yaml')]);
    expect(applied.stdout).toContain('configmap/tls-cm created');
    const got = await kubectl([
      'get',
      'cm',
      'tls-cm',
      '-n',
      'vm-images',
      '-o',
      'jsonpath={.data.k}',
    ]);
    expect(got.stdout).toBe('v');
    expect(
      (await devctl(['auth', 'can-i', 'get', 'configmaps', '-n', 'default'])).stdout.trim(),
    ).toBe('no');
    const anonymous = await kubectlFor(
      dir,
      join(dir, 'admin.kubeconfig'),
    )(['get', 'ns', '--token', 'wrong']);
    expect(anonymous.stderr).toMatch(/Unauthorized|provide credentials/);
  });
});
