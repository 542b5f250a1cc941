import { rm } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildMissing, missingBuilds, REPO_ROOT } from './build-missing';
import { makeFakeBuilds } from './testing/fake-builds';

describe('what npm start builds', () => {
  it('builds nothing when both outputs exist', async () => {
    const builds = await makeFakeBuilds();
    expect(missingBuilds(builds.distDir, builds.hostDistDir)).toEqual([]);
    const lines: string[] = [];
    await buildMissing(builds.distDir, builds.hostDistDir, (line) => lines.push(line));
    expect(lines).toEqual([]);
    await rm(builds.root, { recursive: true, force: true });
  });

  it('names the missing outputs with their configs and commands', () => {
    const steps = missingBuilds('/nonexistent/dist', '/nonexistent/dist-host');
    expect(steps.map((s) => [s.command, path.relative(REPO_ROOT, s.configFile)])).toEqual([
      ['npm run build', 'vite.config.ts'],
      ['npm run build:host', path.join('src', 'host', 'vite.config.ts')],
    ]);
  });

  it('refuses to build for a directory the Vite configs do not write', async () => {
    await expect(
      buildMissing('/nonexistent/dist', '/nonexistent/dist-host', () => undefined),
    ).rejects.toThrow(/npm run build writes to .*dist, not there/);
  });
});
