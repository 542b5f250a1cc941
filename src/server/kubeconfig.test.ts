import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readKubeconfig } from './kubeconfig';

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-kubeconfig-'));
  await mkdir(path.join(dir, 'a'));
  await writeFile(
    path.join(dir, 'a', 'first.yaml'),
    `apiVersion: v1
kind: Config
current-context: work
contexts:
- name: work
  context: { cluster: prod, user: alice }
clusters:
- name: prod
  cluster: { server: 'https://api.example:6443', certificate-authority: ca.crt, tls-server-name: api }
users:
- name: alice
  user: { tokenFile: ../token, as: bob, as-groups: [ops, dev] }
`,
  );
  await writeFile(
    path.join(dir, 'second.yaml'),
    `current-context: other
contexts:
- name: work
  context: { cluster: ignored, user: ignored }
- name: other
  context: { cluster: dev, user: carol }
clusters:
- name: prod
  cluster: { server: 'https://shadowed' }
- name: dev
  cluster: { server: 'http://127.0.0.1:8080', insecure-skip-tls-verify: true }
users:
- name: carol
  user: { exec: { command: get-token } }
`,
  );
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('readKubeconfig', () => {
  it('merges files as kubectl does: the first name and the first current-context win', () => {
    const config = readKubeconfig([
      path.join(dir, 'a', 'first.yaml'),
      path.join(dir, 'second.yaml'),
    ]);
    expect(config.currentContext).toBe('work');
    expect(config.contexts.get('work')).toEqual({ cluster: 'prod', user: 'alice' });
    expect(config.contexts.get('other')).toEqual({ cluster: 'dev', user: 'carol' });
    expect(config.clusters.get('prod')?.server).toBe('https://api.example:6443');
    expect(config.clusters.get('dev')).toMatchObject({ skipTLSVerify: true });
  });

  it('resolves paths against the file that holds them, and reads impersonation and plugins', () => {
    const config = readKubeconfig([
      path.join(dir, 'a', 'first.yaml'),
      path.join(dir, 'second.yaml'),
    ]);
    expect(config.clusters.get('prod')).toMatchObject({
      caFile: path.join(dir, 'a', 'ca.crt'),
      tlsServerName: 'api',
    });
    expect(config.users.get('alice')).toMatchObject({
      tokenFile: path.join(dir, 'token'),
      impersonate: 'bob',
      impersonateGroups: ['ops', 'dev'],
      plugin: false,
    });
    expect(config.users.get('carol')?.plugin).toBe(true);
  });

  it('names the file and the problem when an entry is malformed', async () => {
    const bad = path.join(dir, 'bad.yaml');
    await writeFile(bad, 'clusters: { not: a list }\n');
    expect(() => readKubeconfig([bad])).toThrow(`${bad}: clusters must be a list`);
  });
});
