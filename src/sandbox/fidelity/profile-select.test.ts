/**
 * Choosing a sandbox profile: the data directory records the profile it was seeded with and
 * refuses another one (naming the reset flags); each profile serves its era's API versions.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SandboxProfileError, startSandbox } from '../index';

const run = promisify(execFile);

let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'vm-disks-profile-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const served = async (url: string, token: string, groupVersion: string): Promise<number> =>
  (await fetch(`${url}/apis/${groupVersion}`, { headers: { Authorization: `Bearer ${token}` } }))
    .status;

describe('sandbox profiles', () => {
  it('records the profile and refuses another one, naming --reset-sandbox and --reset', async () => {
    const data = path.join(dir, 'legacy-then-current');
    const legacy = await startSandbox({ dataDir: data, profile: 'legacy', quiet: true });
    expect(legacy.profile).toBe('legacy');
    expect(await served(legacy.url, legacy.adminToken, 'cdi.kubevirt.io/v1alpha1')).toBe(200);
    expect(
      await served(legacy.url, legacy.adminToken, 'hostpathprovisioner.kubevirt.io/v1alpha1'),
    ).toBe(200);
    expect(await served(legacy.url, legacy.adminToken, 'hco.kubevirt.io/v1')).toBe(404);
    await legacy.close();
    expect((await readFile(path.join(data, 'profile'), 'utf8')).trim()).toBe('legacy');

    const refused = startSandbox({ dataDir: data, profile: 'current', quiet: true });
    await expect(refused).rejects.toBeInstanceOf(SandboxProfileError);
    await expect(refused).rejects.toThrow(/holds a 'legacy' world, not 'current'/);
    await expect(refused).rejects.toThrow(/--reset-sandbox \(npm start\)/);
    await expect(refused).rejects.toThrow(/--reset \(npm run sandbox\)/);

    // The same profile starts again; a reset starts the other one from scratch.
    const again = await startSandbox({ dataDir: data, profile: 'legacy', quiet: true });
    await again.close();
    const current = await startSandbox({
      dataDir: data,
      profile: 'current',
      reset: true,
      quiet: true,
    });
    expect(current.profile).toBe('current');
    expect(await served(current.url, current.adminToken, 'cdi.kubevirt.io/v1alpha1')).toBe(404);
    expect(await served(current.url, current.adminToken, 'hco.kubevirt.io/v1')).toBe(200);
    await current.close();
    expect((await readFile(path.join(data, 'profile'), 'utf8')).trim()).toBe('current');
  });

  it('treats a data directory from before profiles (state, no marker) as legacy', async () => {
    const data = path.join(dir, 'unmarked');
    const s = await startSandbox({ dataDir: data, profile: 'legacy', quiet: true });
    await s.close();
    await rm(path.join(data, 'profile'));
    await expect(startSandbox({ dataDir: data, quiet: true })).rejects.toThrow(
      /holds a 'legacy' world/,
    );
  });

  it('npm run sandbox -- --profile: refuses a bad name and another profile with exit code 2', async () => {
    const tsx = path.resolve('node_modules/.bin/tsx');
    const bad = await run(tsx, ['src/sandbox/main.ts', '--profile', 'old', '--data', dir]).catch(
      (e: unknown) => e as { code: number; stderr: string },
    );
    expect('code' in bad ? bad.code : 0).toBe(2);
    expect(bad.stderr).toContain('invalid --profile old: expected current or legacy');

    const data = path.join(dir, 'cli');
    const s = await startSandbox({ dataDir: data, profile: 'legacy', quiet: true });
    await s.close();
    const other = await run(tsx, [
      'src/sandbox/main.ts',
      '--profile',
      'current',
      '--data',
      data,
      '--listen',
      '127.0.0.1:0',
      '--kubeconfig',
      path.join(dir, 'kubeconfig'),
    ]).catch((e: unknown) => e as { code: number; stderr: string });
    expect('code' in other ? other.code : 0).toBe(2);
    expect(other.stderr).toContain('--reset (npm run sandbox)');
  });
});
