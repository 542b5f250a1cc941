/** `npm start` after the configuration is valid: launch, print where, shut down cleanly on SIGINT/SIGTERM. */
import type { StartupOptions } from './config';
import { launch, LaunchError } from './launch';

const say = (line: string): void => {
  process.stdout.write(`${line}\n`);
};

export async function start(options: StartupOptions): Promise<void> {
  let launched;
  try {
    launched = await launch(options, say);
  } catch (err) {
    if (err instanceof LaunchError) {
      process.stderr.write(`vm-disks: ${err.message}\n`);
      process.exit(err.exitCode);
    }
    throw err;
  }
  say(
    options.mode === 'standalone'
      ? `VM Disks: ${launched.url} (${launched.clusterNote})`
      : `VM Disks backend (in-cluster): ${launched.url} (${launched.clusterNote})`,
  );
  if (launched.accessFiles) {
    say(
      `Sandbox users and tokens: ${launched.accessFiles.tokens} ` +
        `(kubectl: KUBECONFIG=${launched.accessFiles.kubeconfig})`,
    );
  }

  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    say(`${signal}: shutting down…`);
    launched.close().then(
      () => process.exit(0),
      (err: unknown) => {
        process.stderr.write(`vm-disks: shutdown failed: ${(err as Error).message}\n`);
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => {
    stop('SIGINT');
  });
  process.on('SIGTERM', () => {
    stop('SIGTERM');
  });
}
