/**
 * The Helm chart under deploy/helm/vm-disks-plugin, checked with the real `helm` (v4, from an npm registry
 * package that ships the binary; see deploy/tools/helm-binary.mjs): `helm lint --strict` and `helm template`
 * with several value sets, the rendered objects' wiring (ConsolePlugin ↔ Service ↔ Deployment ↔ certificate
 * Secret ↔ PVC, RBAC, NetworkPolicy), the Deployment's arguments accepted by the backend's own command line
 * parser, the committed plain manifests up to date, and the kinds the sandbox serves created with
 * `kubectl apply --dry-run=server`. Not validated here: ConsolePlugin, Deployment, NetworkPolicy and Job
 * against an API server's schema (the sandbox does not serve those kinds).
 */
import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { generate } from 'selfsigned';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseAllDocuments, stringify } from 'yaml';
import { REPO_ROOT } from '../build-missing';
import { parseCommandLine } from '../config';
import { startEmbeddedSandbox, type RunningSandbox } from '../sandbox-launcher';

const run = promisify(execFile);
const CHART = path.join(REPO_ROOT, 'deploy/helm/vm-disks-plugin');
const NAMESPACE = 'vm-disks';

interface K8sObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec?: Record<string, unknown>;
  rules?: { apiGroups: string[]; resources: string[]; verbs: string[]; resourceNames?: string[] }[];
  roleRef?: { kind: string; name: string };
  subjects?: { kind: string; name: string; namespace?: string }[];
}

interface Container {
  name: string;
  image: string;
  args?: string[];
  command?: string[];
  env?: { name: string; value: string }[];
  ports?: { name: string; containerPort: number }[];
  readinessProbe?: { httpGet: { path: string; port: string; scheme: string } };
  livenessProbe?: { httpGet: { path: string; port: string; scheme: string } };
  securityContext?: Record<string, unknown>;
  volumeMounts?: { name: string; mountPath: string; readOnly?: boolean }[];
}

interface PodSpec {
  serviceAccountName: string;
  terminationGracePeriodSeconds?: number;
  securityContext?: Record<string, unknown>;
  containers: Container[];
  volumes?: {
    name: string;
    secret?: { secretName: string };
    persistentVolumeClaim?: { claimName: string };
    emptyDir?: object;
  }[];
}

let helm: string;
let tmp: string;

beforeAll(async () => {
  const { stdout } = await run('node', [path.join(REPO_ROOT, 'deploy/tools/helm-binary.mjs')], {
    cwd: REPO_ROOT,
  });
  helm = stdout.trim();
  tmp = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-chart-'));
}, 300_000);

afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

async function render(sets: string[] = []): Promise<K8sObject[]> {
  const { stdout } = await run(helm, [
    'template',
    'vm-disks-plugin',
    CHART,
    '--namespace',
    NAMESPACE,
    '--kube-version',
    '1.31.0',
    ...sets.flatMap((set) => ['--set', set]),
  ]);
  return parseAllDocuments(stdout)
    .map((doc) => doc.toJS() as K8sObject | null)
    .filter((obj): obj is K8sObject => obj !== null);
}

function one(objects: K8sObject[], kind: string, name?: string): K8sObject {
  const found = objects.filter((o) => o.kind === kind && (!name || o.metadata.name === name));
  expect(found, `${kind} ${name ?? ''}`).toHaveLength(1);
  return found[0];
}

function podSpec(objects: K8sObject[], kind: 'Deployment' | 'Job'): PodSpec {
  const spec = one(objects, kind).spec as { template: { spec: PodSpec } };
  return spec.template.spec;
}

describe('helm lint', () => {
  it('passes --strict with the default values and with every option changed', async () => {
    const { stdout } = await run(helm, ['lint', '--strict', CHART]);
    expect(stdout).toContain('1 chart(s) linted, 0 chart(s) failed');
    const sets = [
      'plugin.enable=true',
      'cdi.namespace=cdi',
      'cdi.uploadProxyURL=https://cdi-uploadproxy.cdi.svc',
      'staging.size=200Gi',
      'staging.storageClassName=fast',
      'staging.reservationExpirySeconds=900',
      'backend.requireForwardedFor=false',
      'networkPolicy.enabled=false',
      'image.tag=1.2.3',
    ];
    const changed = await run(helm, [
      'lint',
      '--strict',
      CHART,
      ...sets.flatMap((s) => ['--set', s]),
    ]);
    expect(changed.stdout).toContain('0 chart(s) failed');
  });
});

describe('helm template', () => {
  it('renders the ConsolePlugin with the backend service, the UserToken proxy and preloaded i18n', async () => {
    const objects = await render();
    expect(new Set(objects.map((o) => o.kind))).toEqual(
      new Set([
        'ConsolePlugin',
        'Service',
        'Deployment',
        'PersistentVolumeClaim',
        'ServiceAccount',
        'ClusterRole',
        'ClusterRoleBinding',
        'Role',
        'RoleBinding',
        'NetworkPolicy',
      ]),
    );
    const pkg = JSON.parse(await readFile(path.join(REPO_ROOT, 'package.json'), 'utf8')) as {
      consolePlugin: { name: string; displayName: string };
    };
    const plugin = one(objects, 'ConsolePlugin');
    expect(plugin.apiVersion).toBe('console.openshift.io/v1');
    expect(plugin.metadata.name).toBe(pkg.consolePlugin.name);
    const service = one(objects, 'Service');
    const serviceRef = { name: service.metadata.name, namespace: NAMESPACE, port: 9443 };
    expect(plugin.spec).toEqual({
      displayName: pkg.consolePlugin.displayName,
      i18n: { loadType: 'Preload' },
      backend: { type: 'Service', service: { ...serviceRef, basePath: '/' } },
      proxy: [
        {
          alias: 'backend',
          authorization: 'UserToken',
          endpoint: { type: 'Service', service: serviceRef },
        },
      ],
    });
  });

  it('wires Service, serving certificate, Deployment and staging claim together', async () => {
    const objects = await render();
    const service = one(objects, 'Service');
    const deployment = one(objects, 'Deployment');
    const pod = podSpec(objects, 'Deployment');
    const secret =
      service.metadata.annotations?.['service.beta.openshift.io/serving-cert-secret-name'];
    expect(secret).toBeTruthy();
    expect(pod.volumes?.find((v) => v.name === 'serving-cert')?.secret?.secretName).toBe(secret);
    const selector = (service.spec as { selector: Record<string, string> }).selector;
    const podLabels = (
      deployment.spec as { template: { metadata: { labels: Record<string, string> } } }
    ).template.metadata.labels;
    expect(podLabels).toMatchObject(selector);
    expect((service.spec as { ports: unknown[] }).ports).toEqual([
      { name: 'https', protocol: 'TCP', port: 9443, targetPort: 'https' },
    ]);
    const pvc = one(objects, 'PersistentVolumeClaim');
    expect(pod.volumes?.find((v) => v.name === 'staging')?.persistentVolumeClaim?.claimName).toBe(
      pvc.metadata.name,
    );
    expect(pvc.spec).toEqual({
      accessModes: ['ReadWriteOnce'],
      volumeMode: 'Filesystem',
      resources: { requests: { storage: '50Gi' } },
    });
    expect((deployment.spec as { strategy: { type: string } }).strategy.type).toBe('Recreate');
    const container = pod.containers.at(0);
    expect(container?.ports).toEqual([{ name: 'https', containerPort: 9443, protocol: 'TCP' }]);
    expect(container?.readinessProbe?.httpGet).toEqual({
      path: '/readyz',
      port: 'https',
      scheme: 'HTTPS',
    });
    expect(container?.livenessProbe?.httpGet).toEqual({
      path: '/healthz',
      port: 'https',
      scheme: 'HTTPS',
    });
    expect(container?.securityContext).toEqual({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
      capabilities: { drop: ['ALL'] },
    });
    expect(pod.securityContext).toMatchObject({ runAsNonRoot: true });
    expect(pod.terminationGracePeriodSeconds).toBe(35);
    const mounts = Object.fromEntries(
      (container?.volumeMounts ?? []).map((m) => [m.mountPath, m.name]),
    );
    expect(mounts).toEqual({
      '/var/cert': 'serving-cert',
      '/var/lib/vm-disks/staging': 'staging',
      '/tmp': 'tmp',
    });
    for (const obj of objects) {
      if (
        [
          'Service',
          'Deployment',
          'PersistentVolumeClaim',
          'ServiceAccount',
          'NetworkPolicy',
        ].includes(obj.kind)
      ) {
        expect(obj.metadata.namespace, obj.kind).toBe(NAMESPACE);
      }
    }

    const sized = await render(['staging.size=200Gi', 'staging.storageClassName=fast']);
    expect(one(sized, 'PersistentVolumeClaim').spec).toMatchObject({
      storageClassName: 'fast',
      resources: { requests: { storage: '200Gi' } },
    });
    const existing = await render(['staging.existingClaim=my-staging']);
    expect(existing.some((o) => o.kind === 'PersistentVolumeClaim')).toBe(false);
    expect(
      podSpec(existing, 'Deployment').volumes?.find((v) => v.name === 'staging')
        ?.persistentVolumeClaim?.claimName,
    ).toBe('my-staging');
  });

  it('passes the backend arguments its command line parser accepts', async () => {
    const certs = await generate([{ name: 'commonName', value: 'x' }], {
      keyType: 'ec',
      curve: 'P-256',
      algorithm: 'sha256',
    });
    const root = path.join(tmp, 'pod');
    await mkdir(path.join(root, 'var/cert'), { recursive: true });
    await mkdir(path.join(root, 'var/lib/vm-disks/staging'), { recursive: true });
    await mkdir(path.join(root, 'dist'), { recursive: true });
    await writeFile(path.join(root, 'dist/plugin-manifest.json'), '{}');
    await writeFile(path.join(root, 'var/cert/tls.crt'), certs.cert);
    await writeFile(path.join(root, 'var/cert/tls.key'), certs.private);
    const inPod = (args: string[]): string[] =>
      args.map((arg) => (arg.startsWith('/var/') ? path.join(root, arg) : arg));

    const defaults = podSpec(await render(), 'Deployment').containers[0]?.args ?? [];
    const parsed = parseCommandLine(inPod(defaults), {}, root);
    if (parsed.help) throw new Error('unexpected --help');
    expect(parsed.options).toMatchObject({
      mode: 'in-cluster',
      port: 9443,
      host: '0.0.0.0',
      stagingDir: path.join(root, 'var/lib/vm-disks/staging'),
      shutdownTimeoutSeconds: 25,
      requireForwardedFor: true,
      logLevel: 'info',
      uploadReservationExpiryMs: 300_000,
    });
    expect(parsed.options).not.toHaveProperty('cdiNamespace');

    const custom = podSpec(
      await render([
        'cdi.namespace=cdi',
        'cdi.uploadProxyURL=https://uploadproxy.example.com',
        'backend.requireForwardedFor=false',
        'backend.shutdownTimeoutSeconds=50',
        'staging.reservationExpirySeconds=900',
      ]),
      'Deployment',
    );
    const customParsed = parseCommandLine(inPod(custom.containers[0]?.args ?? []), {}, root);
    if (customParsed.help) throw new Error('unexpected --help');
    expect(customParsed.options).toMatchObject({
      cdiNamespace: 'cdi',
      cdiUploadProxyUrl: 'https://uploadproxy.example.com',
      requireForwardedFor: false,
      shutdownTimeoutSeconds: 50,
      uploadReservationExpiryMs: 900_000,
    });
    expect(custom.terminationGracePeriodSeconds).toBe(60);
  });

  it('grants the service account only what the backend itself needs', async () => {
    const objects = await render();
    const sa = one(objects, 'ServiceAccount');
    expect(podSpec(objects, 'Deployment').serviceAccountName).toBe(sa.metadata.name);
    const bindings = objects.filter(
      (o) => o.kind === 'ClusterRoleBinding' || o.kind === 'RoleBinding',
    );
    for (const binding of bindings) {
      expect(binding.subjects).toEqual([
        { kind: 'ServiceAccount', name: sa.metadata.name, namespace: NAMESPACE },
      ]);
    }
    const rulesOf = (binding: K8sObject) =>
      one(objects, binding.roleRef?.kind ?? '', binding.roleRef?.name).rules;
    const granted = bindings.map((b) => ({
      kind: b.kind,
      namespace: b.metadata.namespace,
      rules: rulesOf(b),
    }));
    expect(granted).toEqual([
      {
        kind: 'ClusterRoleBinding',
        namespace: undefined,
        rules: [
          { apiGroups: ['hco.kubevirt.io'], resources: ['hyperconvergeds'], verbs: ['list'] },
        ],
      },
      {
        kind: 'RoleBinding',
        namespace: 'openshift-cnv',
        rules: [
          {
            apiGroups: [''],
            resources: ['configmaps'],
            resourceNames: ['cdi-uploadproxy-signer-bundle'],
            verbs: ['get'],
          },
        ],
      },
    ]);
    // With the CDI namespace given, no cluster-wide right at all.
    const pinned = await render(['cdi.namespace=cdi']);
    expect(pinned.some((o) => o.kind === 'ClusterRole' || o.kind === 'ClusterRoleBinding')).toBe(
      false,
    );
    expect(one(pinned, 'Role').metadata.namespace).toBe('cdi');
  });

  it('lets only the console in, and only DNS, the API server and the CDI upload proxy out', async () => {
    const objects = await render();
    const policy = one(objects, 'NetworkPolicy').spec as {
      podSelector: { matchLabels: Record<string, string> };
      policyTypes: string[];
      ingress: { from: unknown[]; ports: unknown[] }[];
      egress: { to: unknown[]; ports: { protocol: string; port: number }[] }[];
    };
    const service = one(objects, 'Service');
    expect(policy.podSelector.matchLabels).toEqual(
      (service.spec as { selector: Record<string, string> }).selector,
    );
    expect(policy.policyTypes).toEqual(['Ingress', 'Egress']);
    expect(policy.ingress).toEqual([
      {
        from: [
          {
            namespaceSelector: {
              matchLabels: { 'kubernetes.io/metadata.name': 'openshift-console' },
            },
            podSelector: { matchLabels: { app: 'console' } },
          },
        ],
        ports: [{ protocol: 'TCP', port: 9443 }],
      },
    ]);
    expect(policy.egress[0]).toEqual({
      to: [
        {
          namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'openshift-cnv' } },
          podSelector: { matchLabels: { 'cdi.kubevirt.io': 'cdi-uploadproxy' } },
        },
      ],
      ports: [{ protocol: 'TCP', port: 8443 }],
    });
    expect(policy.egress.map((rule) => rule.ports.map((p) => p.port))).toEqual([
      [8443],
      [6443, 443],
      [5353, 5353, 53, 53],
    ]);
    const disabled = await render(['networkPolicy.enabled=false']);
    expect(disabled.some((o) => o.kind === 'NetworkPolicy')).toBe(false);
  });
});

describe('the opt-in Job that enables the plugin', () => {
  it('is rendered only when asked for, with rights on the console operator config alone', async () => {
    expect((await render()).some((o) => o.kind === 'Job')).toBe(false);
    const objects = await render(['plugin.enable=true']);
    const job = one(objects, 'Job');
    expect(job.metadata.annotations?.['helm.sh/hook']).toBe('post-install,post-upgrade');
    const role = one(objects, 'ClusterRole', 'vm-disks-plugin-enable-plugin');
    expect(role.rules).toEqual([
      {
        apiGroups: ['operator.openshift.io'],
        resources: ['consoles'],
        resourceNames: ['cluster'],
        verbs: ['get', 'patch'],
      },
    ]);
    expect(podSpec(objects, 'Job').serviceAccountName).toBe('vm-disks-plugin-enable-plugin');
  });

  it('adds the plugin to spec.plugins without dropping the others, and only once', async () => {
    const objects = await render(['plugin.enable=true']);
    const container = podSpec(objects, 'Job').containers.at(0);
    const script = container?.command?.[2] ?? '';
    expect(container?.command?.slice(0, 2)).toEqual(['/bin/sh', '-ec']);
    // `oc` stand-in: answers `get` with the plugins list of the case and records the patch it is given.
    const bin = path.join(tmp, 'bin');
    await mkdir(bin, { recursive: true });
    await writeFile(
      path.join(bin, 'oc'),
      '#!/bin/sh\nif [ "$1" = get ]; then printf "%s" "$CURRENT"; exit 0; fi\n' +
        'printf "%s\\n" "$@" > "$RECORD"\n',
    );
    await chmod(path.join(bin, 'oc'), 0o755);
    const record = path.join(tmp, 'patch.txt');
    const runCase = async (current: string): Promise<{ out: string; patch: string[] }> => {
      await rm(record, { force: true });
      const { stdout } = await run('/bin/sh', ['-ec', script], {
        env: {
          PATH: `${bin}:/usr/bin:/bin`,
          PLUGIN: 'vm-disks-plugin',
          CURRENT: current,
          RECORD: record,
        },
      });
      const patch = await readFile(record, 'utf8').then(
        (text) => text.trim().split('\n'),
        () => [],
      );
      return { out: stdout, patch };
    };
    const empty = await runCase('');
    expect(empty.patch.slice(0, 4)).toEqual([
      'patch',
      'consoles.operator.openshift.io',
      'cluster',
      '--type=merge',
    ]);
    expect(JSON.parse(empty.patch[5] ?? '')).toEqual({ spec: { plugins: ['vm-disks-plugin'] } });
    const others = await runCase('["kubevirt-plugin","monitoring-plugin"]');
    expect(others.patch[3]).toBe('--type=json');
    expect(JSON.parse(others.patch[5] ?? '')).toEqual([
      { op: 'add', path: '/spec/plugins/-', value: 'vm-disks-plugin' },
    ]);
    const already = await runCase('["kubevirt-plugin","vm-disks-plugin"]');
    expect(already.patch).toEqual([]);
    expect(already.out).toContain('already enabled');
  });
});

describe('plain manifests and the API server', () => {
  let sandbox: RunningSandbox;
  let kubeconfig: string;

  beforeAll(async () => {
    const started = await startEmbeddedSandbox({ dataDir: path.join(tmp, 'sandbox'), quiet: true });
    if (!started) throw new Error('src/sandbox/index.ts is missing');
    sandbox = started;
    kubeconfig = path.join(tmp, 'kubeconfig');
    await sandbox.writeKubeconfig(kubeconfig);
  }, 120_000);

  afterAll(async () => {
    await sandbox.close();
  });

  it('deploy/manifests is the chart rendered with its default values', async () => {
    const result = await run('node', [
      path.join(REPO_ROOT, 'deploy/tools/render-manifests.mjs'),
      '--check',
    ]).then(
      () => 'fresh',
      (err: unknown) => (err as { stderr: string }).stderr,
    );
    expect(result).toBe('fresh');
  });

  it('the core and RBAC objects pass server-side dry-run validation', async () => {
    const text = await readFile(
      path.join(REPO_ROOT, 'deploy/manifests/vm-disks-plugin.yaml'),
      'utf8',
    );
    const docs = parseAllDocuments(text).map((d) => d.toJS() as K8sObject | null);
    const served = new Set([
      'Namespace',
      'ServiceAccount',
      'Service',
      'PersistentVolumeClaim',
      'ClusterRole',
      'ClusterRoleBinding',
      'Role',
      'RoleBinding',
    ]);
    const subset = docs.filter((d): d is K8sObject => d !== null && served.has(d.kind));
    expect(subset.map((d) => d.kind).sort()).toEqual([...served].sort());
    // The namespace for real (dry-run objects cannot land in a dry-run namespace), the rest dry-run.
    await run('kubectl', ['--kubeconfig', kubeconfig, 'create', 'namespace', NAMESPACE]);
    const file = path.join(tmp, 'subset.yaml');
    await writeFile(
      file,
      subset
        .filter((d) => d.kind !== 'Namespace')
        .map((d) => stringify(d))
        .join('---\n'),
    );
    const { stdout } = await run('kubectl', [
      '--kubeconfig',
      kubeconfig,
      'apply',
      '--dry-run=server',
      '-f',
      file,
    ]);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(served.size - 1);
    for (const line of lines) expect(line).toMatch(/created \(server dry run\)$/);
  });
});
