/**
 * The embedded sandbox cluster (`src/sandbox/index.ts`), loaded lazily: the backend runs without it (and says
 * no cluster is configured) when it is absent. The backend talks to it only over the Kubernetes HTTP API.
 */
import { existsSync } from 'node:fs';
import { chmod, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SandboxUser } from './auth-routes';

export interface RunningSandbox {
  url: string;
  adminToken: string;
  users: SandboxUser[];
  caPem?: string;
  close(): Promise<void>;
  writeKubeconfig(file: string, user?: string): Promise<void>;
}

export interface SandboxStartOptions {
  dataDir: string;
  reset?: boolean;
  profile?: 'current' | 'legacy';
  host?: string;
  port?: number;
  tls?: boolean;
  quiet?: boolean;
}

interface SandboxModule {
  startSandbox(options: SandboxStartOptions): Promise<RunningSandbox>;
}

const SANDBOX_ENTRY = fileURLToPath(new URL('../sandbox/index.ts', import.meta.url));

function sandboxAvailable(): boolean {
  return existsSync(SANDBOX_ENTRY);
}

/** Starts the sandbox in-process, or returns undefined when `src/sandbox/index.ts` does not exist. */
export async function startEmbeddedSandbox(
  options: SandboxStartOptions,
): Promise<RunningSandbox | undefined> {
  if (!sandboxAvailable()) return undefined;
  // A computed specifier keeps type-checking independent of whether the sandbox exists yet.
  const specifier = '../sandbox/index';
  const mod = (await import(specifier)) as Partial<SandboxModule>;
  if (typeof mod.startSandbox !== 'function') {
    throw new Error(`${SANDBOX_ENTRY} does not export startSandbox()`);
  }
  const sandbox = await mod.startSandbox(options);
  // The data directory holds every object (Secrets included), node file systems and tokens: owner only
  // (issue 13, break 10). A 0700 directory keeps whatever mode the files below it were written with private.
  await chmod(options.dataDir, 0o700);
  return sandbox;
}

/**
 * Writes `kubeconfig` (cluster admin) and `users.tokens.json` (every user's token, mode 0600) into the data
 * directory so kubectl and tests can act as any sandbox user. Returns the two paths.
 */
export async function writeSandboxAccessFiles(
  sandbox: RunningSandbox,
  dataDir: string,
): Promise<{ kubeconfig: string; tokens: string }> {
  const kubeconfig = path.join(dataDir, 'kubeconfig');
  const tokens = path.join(dataDir, 'users.tokens.json');
  await sandbox.writeKubeconfig(kubeconfig);
  const listing = {
    server: sandbox.url,
    users: sandbox.users.map(({ name, token, groups }) => ({ name, token, groups })),
  };
  await writeFile(tokens, `${JSON.stringify(listing, null, 2)}\n`, { mode: 0o600 });
  await chmod(tokens, 0o600);
  return { kubeconfig, tokens };
}
