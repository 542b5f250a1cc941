/**
 * Starts the backend from validated options and returns a handle: build what is missing (standalone), start
 * the embedded sandbox when no kubeconfig is given, listen. No printing of its own beyond `log`, no process
 * exits: `start.ts` (npm start) and test or e2e set-ups both use it.
 */
import type { FastifyInstance } from 'fastify';
import { buildApp } from './app';
import { buildMissing } from './build-missing';
import type { StartupOptions } from './config';
import { inClusterServerConfig } from './in-cluster/server-options';
import { noClusterMessage } from './kube-proxy';
import {
  inClusterKubeTarget,
  loadKubeconfigTarget,
  sandboxKubeTarget,
  type KubeTarget,
} from './kube-target';
import {
  startEmbeddedSandbox,
  writeSandboxAccessFiles,
  type RunningSandbox,
} from './sandbox-launcher';
import type { ServerConfig } from './server-config';

/** A start-up failure with the exit status `npm start` uses (2: configuration, 1: anything else). */
export class LaunchError extends Error {
  override name = 'LaunchError';
  constructor(
    message: string,
    readonly exitCode: number,
  ) {
    super(message);
  }
}

export interface Launched {
  /** e.g. `http://localhost:9000` (the port actually bound, also with `--port 0`). */
  url: string;
  app: FastifyInstance;
  cluster: KubeTarget | null;
  /** The embedded sandbox, when this process runs it. */
  sandbox?: RunningSandbox;
  /** "cluster: embedded sandbox, data: …" and the like. */
  clusterNote: string;
  /** Sandbox only: where the kubeconfig and the users' tokens were written. */
  accessFiles?: { kubeconfig: string; tokens: string };
  /** Closes the server, then the sandbox. */
  close(): Promise<void>;
}

function displayUrl(host: string, port: number, secure: boolean): string {
  const shown = host === '127.0.0.1' || host === '0.0.0.0' || host === '::' ? 'localhost' : host;
  return `${secure ? 'https' : 'http'}://${shown.includes(':') ? `[${shown}]` : shown}:${port}`;
}

async function resolveCluster(
  options: StartupOptions,
  log: (line: string) => void,
): Promise<{ cluster: KubeTarget | null; sandbox?: RunningSandbox; note: string }> {
  try {
    if (options.kubeconfig) {
      const cluster = loadKubeconfigTarget(options.kubeconfig);
      return { cluster, note: `cluster: ${cluster.description}` };
    }
    if (options.mode === 'in-cluster') {
      const cluster = inClusterKubeTarget();
      return { cluster, note: `cluster: in-cluster (${cluster.server.origin})` };
    }
  } catch (err) {
    throw new LaunchError((err as Error).message, 2);
  }
  if (options.resetSandbox) log(`Resetting the embedded sandbox in ${options.sandboxDataDir}…`);
  const sandbox = await startEmbeddedSandbox({
    dataDir: options.sandboxDataDir,
    reset: options.resetSandbox,
    ...(options.sandboxProfile ? { profile: options.sandboxProfile } : {}),
    host: '127.0.0.1',
    port: 0,
    quiet: true,
  });
  if (!sandbox) return { cluster: null, note: `cluster: none — ${noClusterMessage()}` };
  return {
    cluster: sandboxKubeTarget(sandbox),
    sandbox,
    note: `cluster: embedded sandbox, data: ${options.sandboxDataDir}`,
  };
}

export async function launch(
  options: StartupOptions,
  log: (line: string) => void = () => undefined,
): Promise<Launched> {
  if (options.mode === 'standalone') {
    try {
      await buildMissing(options.distDir, options.hostDistDir, log);
    } catch (err) {
      throw new LaunchError(`build failed: ${(err as Error).message}`, 1);
    }
  }
  const { cluster, sandbox, note } = await resolveCluster(options, log);
  try {
    let accessFiles: Launched['accessFiles'];
    if (sandbox && options.mode === 'standalone') {
      accessFiles = await writeSandboxAccessFiles(sandbox, options.sandboxDataDir);
    }
    const config: ServerConfig = {
      mode: options.mode,
      distDir: options.distDir,
      cluster,
      logLevel: options.logLevel,
      ...(options.mode === 'standalone' ? { hostDistDir: options.hostDistDir } : {}),
      ...(options.mode === 'in-cluster' ? inClusterServerConfig(options, cluster, log) : {}),
      ...(sandbox && options.mode === 'standalone' ? { sandboxUsers: sandbox.users } : {}),
      ...(options.stagingDir ? { stagingDir: options.stagingDir } : {}),
      ...(options.uploadReservationExpiryMs !== undefined
        ? { uploadReservationExpiryMs: options.uploadReservationExpiryMs }
        : {}),
      ...(options.mode === 'standalone' && options.publicUrl
        ? { publicHost: new URL(options.publicUrl).host.toLowerCase() }
        : {}),
    };
    const app = await buildApp(config);
    try {
      await app.listen({ host: options.host, port: options.port });
    } catch (err) {
      await app.close();
      if ((err as NodeJS.ErrnoException).code === 'EADDRINUSE') {
        throw new LaunchError(
          `port ${options.port} on ${options.host} is in use; pick another with --port N (or PORT=N)`,
          2,
        );
      }
      throw err;
    }
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    return {
      url: displayUrl(options.host, port, options.mode === 'in-cluster'),
      app,
      cluster,
      clusterNote: note,
      ...(sandbox ? { sandbox } : {}),
      ...(accessFiles ? { accessFiles } : {}),
      async close() {
        await app.close();
        await sandbox?.close();
      },
    };
  } catch (err) {
    await sandbox?.close();
    throw err;
  }
}
