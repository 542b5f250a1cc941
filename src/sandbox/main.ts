/**
 * `npm run sandbox -- --listen 127.0.0.1:PORT --data DIR --kubeconfig FILE [--profile current|legacy] [--tls] [--reset]`:
 * runs the sandbox cluster alone, writes a kubeconfig for its cluster admin and, next to it,
 * `users.tokens.json` with every user's token.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { SandboxProfile } from './contract';
import { SANDBOX_PROFILES } from './contract';
import { SandboxProfileError, startSandbox } from './index';

const { values } = parseArgs({
  options: {
    listen: { type: 'string', default: '127.0.0.1:6443' },
    data: { type: 'string', default: process.env.VM_DISKS_SANDBOX_DATA ?? './.sandbox' },
    kubeconfig: { type: 'string' },
    profile: { type: 'string', default: 'current' },
    tls: { type: 'boolean', default: false },
    reset: { type: 'boolean', default: false },
    quiet: { type: 'boolean', default: false },
  },
  allowPositionals: false,
});

const listen = values.listen;
const colon = listen.lastIndexOf(':');
const host = colon > 0 ? listen.slice(0, colon).replace(/^\[|\]$/g, '') : '127.0.0.1';
const port = Number(colon >= 0 ? listen.slice(colon + 1) : listen);
if (!Number.isInteger(port) || port < 0 || port > 65535) {
  console.error(`invalid --listen ${listen}: expected HOST:PORT`);
  process.exit(2);
}

const isProfile = (p: string): p is SandboxProfile =>
  (SANDBOX_PROFILES as readonly string[]).includes(p);
const profile = values.profile;
if (!isProfile(profile)) {
  console.error(`invalid --profile ${profile}: expected ${SANDBOX_PROFILES.join(' or ')}`);
  process.exit(2);
}

const dataDir = resolve(values.data);
const kubeconfig = resolve(values.kubeconfig ?? join('.sandbox', 'kubeconfig'));

const sandbox = await startSandbox({
  dataDir,
  host,
  port,
  profile,
  tls: values.tls,
  reset: values.reset,
  quiet: values.quiet,
}).catch((e: unknown) => {
  if (!(e instanceof SandboxProfileError)) throw e;
  console.error(e.message);
  process.exit(2);
});
await sandbox.writeKubeconfig(kubeconfig);
const tokensFile = join(dirname(kubeconfig), 'users.tokens.json');
await writeFile(
  tokensFile,
  `${JSON.stringify({ server: sandbox.url, users: sandbox.users }, null, 2)}\n`,
  {
    mode: 0o600,
  },
);
process.stdout.write(
  `Sandbox cluster (profile ${profile}) listening on ${sandbox.url}\n  data: ${dataDir}\n  kubeconfig (admin): ${kubeconfig}\n  user tokens: ${tokensFile}\n`,
);

let stopping = false;
const shutdown = (signal: string): void => {
  if (stopping) return;
  stopping = true;
  process.stdout.write(`${signal}: stopping the sandbox\n`);
  sandbox
    .close()
    .then(() => process.exit(0))
    .catch((e: unknown) => {
      console.error(e);
      process.exit(1);
    });
};
process.on('SIGINT', () => {
  shutdown('SIGINT');
});
process.on('SIGTERM', () => {
  shutdown('SIGTERM');
});
