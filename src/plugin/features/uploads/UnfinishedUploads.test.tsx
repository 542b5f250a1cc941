// The unfinished-uploads table against the real backend (a child process: src/server/uploads/testing/
// upload-world-process.ts, embedded sandbox + uploads API over HTTP): a cancel the backend refuses shows an
// error naming the upload and keeps the row; a cancel it accepts removes the row.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { screen, waitFor, waitForElementToBeRemoved, within } from '@testing-library/react';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resetStubCluster, stubCluster } from '../../testing/console-sdk';
import { renderInConsole } from '../../testing/render';
import { UnfinishedUploads } from './UnfinishedUploads';

interface World {
  base: string;
  tokens: { developer: string };
  id: string;
  fileName: string;
}

let child: ChildProcessWithoutNullStreams;
let world: World;

beforeAll(async () => {
  const root = path.resolve(import.meta.dirname, '../../../..');
  child = spawn(
    path.join(root, 'node_modules/.bin/tsx'),
    [path.join(root, 'src/server/uploads/testing/upload-world-process.ts')],
    { cwd: root },
  );
  const lines = createInterface({ input: child.stdout });
  world = await new Promise<World>((resolve, reject) => {
    lines.once('line', (line) => {
      resolve(JSON.parse(line) as World);
    });
    child.once('exit', (code) => {
      reject(new Error(`the uploads world exited with ${String(code)}`));
    });
  });
}, 120_000);

afterAll(async () => {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.stdin.end();
  await exited;
});

describe('UnfinishedUploads', () => {
  it('a cancel the backend refuses shows an error naming the upload, and the row stays', async () => {
    resetStubCluster({ backend: { base: world.base, token: world.tokens.developer } });
    const { user } = renderInConsole(<UnfinishedUploads />);
    const row = await screen.findByText(world.fileName, {}, { timeout: 10_000 });
    // The backend now gets a token the cluster does not know: it refuses the cancel (401).
    const backend = stubCluster().backend;
    if (backend) backend.token = 'not-a-token';
    await user.click(within(row.closest('tr') ?? row).getByRole('button', { name: 'Cancel' }));
    const alert = await screen.findByText(
      `The upload of ${world.fileName} could not be cancelled`,
      {},
      { timeout: 10_000 },
    );
    expect(alert).toBeVisible();
    expect(screen.getByText(world.fileName)).toBeVisible();
  });

  it('a cancel the backend accepts removes the row, and the backend has it cancelled', async () => {
    resetStubCluster({ backend: { base: world.base, token: world.tokens.developer } });
    const { user } = renderInConsole(<UnfinishedUploads />);
    const row = (await screen.findByText(world.fileName, {}, { timeout: 10_000 })).closest('tr');
    expect(row).not.toBeNull();
    if (!row) return;
    await user.click(within(row).getByRole('button', { name: 'Cancel' }));
    await waitForElementToBeRemoved(() => screen.queryByText(world.fileName), { timeout: 10_000 });
    expect(screen.queryByTestId('cancel-upload-failed')).toBeNull();
    await waitFor(async () => {
      const res = await fetch(`${world.base}/api/v1/uploads/${world.id}`, {
        headers: { authorization: `Bearer ${world.tokens.developer}` },
      });
      expect(((await res.json()) as { state: string }).state).toBe('cancelled');
    });
  });
});
