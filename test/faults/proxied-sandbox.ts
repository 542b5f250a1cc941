/**
 * An embedded sandbox with the fault proxy in front of it, and a kubeconfig that reaches the sandbox only
 * through the proxy: what the suites that make the cluster misbehave start the backend with.
 */
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { startEmbeddedSandbox, type RunningSandbox } from '../../src/server/sandbox-launcher';
import { startFaultProxy, type FaultProxy } from './fault-proxy';

export interface ProxiedSandbox {
  sandbox: RunningSandbox;
  proxy: FaultProxy;
  /** Admin kubeconfig whose server is the proxy. */
  kubeconfig: string;
}

export async function startProxiedSandbox(dir: string): Promise<ProxiedSandbox> {
  const sandbox = await startEmbeddedSandbox({ dataDir: path.join(dir, 'sandbox'), quiet: true });
  if (!sandbox) throw new Error('no sandbox');
  const proxy = await startFaultProxy(sandbox.url);
  const kubeconfig = path.join(dir, 'kubeconfig');
  await sandbox.writeKubeconfig(kubeconfig);
  await writeFile(
    kubeconfig,
    (await readFile(kubeconfig, 'utf8')).replaceAll(sandbox.url, proxy.url),
  );
  return { sandbox, proxy, kubeconfig };
}
