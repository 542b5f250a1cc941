import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StandaloneOptions } from './config';
import { launch, LaunchError } from './launch';
import { kubeconfigFor, startFakeCluster, type FakeCluster } from './testing/fake-cluster';
import { makeFakeBuilds, type FakeBuilds } from './testing/fake-builds';
import { pageSessionCookie, rawRequest } from './testing/http-client';

let cluster: FakeCluster;
let builds: FakeBuilds;
let kubeconfig: string;
let badKubeconfig: string;

beforeAll(async () => {
  cluster = await startFakeCluster();
  builds = await makeFakeBuilds();
  kubeconfig = path.join(builds.root, 'kubeconfig');
  badKubeconfig = path.join(builds.root, 'bad-kubeconfig');
  await writeFile(kubeconfig, kubeconfigFor(cluster.url, { token: 'default-token' }));
  await writeFile(badKubeconfig, JSON.stringify({ apiVersion: 'v1', kind: 'Config' }));
});

afterAll(async () => {
  await cluster.close();
  await rm(builds.root, { recursive: true, force: true });
});

function options(overrides: Partial<StandaloneOptions> = {}): StandaloneOptions {
  return {
    mode: 'standalone',
    host: '127.0.0.1',
    port: 0,
    distDir: builds.distDir,
    hostDistDir: builds.hostDistDir,
    sandboxDataDir: path.join(builds.root, 'unused-sandbox'),
    resetSandbox: false,
    logLevel: 'silent',
    kubeconfig: [kubeconfig],
    ...overrides,
  };
}

describe('launch', () => {
  it('serves the kubeconfig’s cluster and reports the port it bound', async () => {
    const launched = await launch(options());
    try {
      expect(launched.url).toMatch(/^http:\/\/localhost:\d+$/);
      expect(launched.clusterNote).toContain(`kubeconfig ${kubeconfig} (context fake)`);
      expect(launched.sandbox).toBeUndefined();
      const at = launched.url.replace('localhost', '127.0.0.1');
      const user = await rawRequest(at, {
        path: '/auth/user',
        headers: { cookie: await pageSessionCookie(at) },
      });
      expect(JSON.parse(user.body)).toMatchObject({ username: 'kube:admin' });

      // The same port again: a configuration error naming the fix.
      const port = Number(new URL(launched.url).port);
      const second = launch(options({ port }));
      await expect(second).rejects.toBeInstanceOf(LaunchError);
      await expect(second).rejects.toMatchObject({
        exitCode: 2,
        message: expect.stringContaining('--port N') as unknown,
      });
    } finally {
      await launched.close();
    }
  });

  it('fails with exit status 2 on an unusable kubeconfig', async () => {
    await expect(launch(options({ kubeconfig: [badKubeconfig] }))).rejects.toMatchObject({
      exitCode: 2,
      message: expect.stringContaining('no current-context') as unknown,
    });
  });

  it('fails with exit status 1 when a build directory is missing and cannot be built there', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-nodist-'));
    try {
      await expect(launch(options({ distDir: dir }))).rejects.toMatchObject({
        exitCode: 1,
        message: expect.stringContaining('build failed') as unknown,
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
