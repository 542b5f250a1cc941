import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseCommandLine, type StartupOptions } from './config';

let dir: string;
let kubeconfig: string;
let cert: string;
let key: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-config-'));
  kubeconfig = path.join(dir, 'kubeconfig');
  cert = path.join(dir, 'tls.crt');
  key = path.join(dir, 'tls.key');
  await writeFile(kubeconfig, 'apiVersion: v1\nkind: Config\n');
  await writeFile(cert, '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n');
  await writeFile(key, '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n');
  await mkdir(path.join(dir, 'dist'));
  await writeFile(path.join(dir, 'dist', 'plugin-manifest.json'), '{}');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function parse(argv: string[], env: NodeJS.ProcessEnv = {}): StartupOptions {
  const parsed = parseCommandLine(argv, env, dir);
  if (parsed.help) throw new Error('unexpected --help');
  return parsed.options;
}

function errorOf(argv: string[], env: NodeJS.ProcessEnv = {}): string {
  try {
    parseCommandLine(argv, env, dir);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('standalone defaults and overrides', () => {
  it('defaults to 127.0.0.1:9000, dist, dist-host, ./.sandbox and the embedded sandbox', () => {
    const options = parse([]);
    expect(options).toMatchObject({
      mode: 'standalone',
      host: '127.0.0.1',
      port: 9000,
      distDir: path.join(dir, 'dist'),
      hostDistDir: path.join(dir, 'dist-host'),
      sandboxDataDir: path.join(dir, '.sandbox'),
      resetSandbox: false,
    });
    expect(options.kubeconfig).toBeUndefined();
  });

  it('takes PORT, VM_DISKS_SANDBOX_DATA and KUBECONFIG from the environment; flags win', () => {
    const fromEnv = parse([], {
      PORT: '9100',
      VM_DISKS_SANDBOX_DATA: '/tmp/sb',
      KUBECONFIG: kubeconfig,
    });
    expect(fromEnv).toMatchObject({
      port: 9100,
      sandboxDataDir: '/tmp/sb',
      kubeconfig: [kubeconfig],
    });
    expect(parse(['--port', '18301'], { PORT: '9100' }).port).toBe(18301);
    expect(parse(['--sandbox-data', 'x', '--reset-sandbox'])).toMatchObject({
      sandboxDataDir: path.join(dir, 'x'),
      resetSandbox: true,
    });
    expect(parse([])).toMatchObject({ sandboxProfile: 'current' });
    expect(parse(['--sandbox-profile', 'legacy'])).toMatchObject({ sandboxProfile: 'legacy' });
  });

  it('keeps only existing files of a KUBECONFIG list', () => {
    const options = parse([], {
      KUBECONFIG: `${path.join(dir, 'missing')}${path.delimiter}${kubeconfig}`,
    });
    expect(options.kubeconfig).toEqual([kubeconfig]);
  });

  it('answers --help', () => {
    expect(parseCommandLine(['--help'], {}, dir)).toEqual({ help: true });
  });
});

describe('validation errors name the flag and the fix', () => {
  it.each([
    [['--port', 'abc'], '--port must be a port number'],
    [['--port', '70000'], '--port 9000'],
    [['--bogus'], 'see --help'],
    [['--kubeconfig', 'nope.yaml'], '--kubeconfig nope.yaml: no such file'],
    [['--kubeconfig', '.'], 'not a file'],
    [['--tls-cert', 'tls.crt'], '--tls-cert is only used with --in-cluster'],
    [
      ['--kubeconfig', 'kubeconfig', '--reset-sandbox'],
      '--reset-sandbox resets the embedded sandbox',
    ],
    [['--staging-dir', 'nowhere'], '--staging-dir nowhere: no such directory'],
    [['--sandbox-profile', 'old'], '--sandbox-profile old: expected current'],
    [['--log-level', 'loud'], '--log-level must be one of'],
    [['--in-cluster'], 'in-cluster mode needs --tls-cert FILE and --tls-key FILE'],
    [['--in-cluster', '--tls-cert', 'kubeconfig', '--tls-key', 'tls.key'], 'not a PEM certificate'],
    [['--in-cluster', '--tls-cert', 'tls.crt', '--tls-key', 'tls.crt'], 'not a PEM private key'],
    [
      ['--in-cluster', '--tls-cert', 'tls.crt', '--tls-key', 'tls.key', '--dist', 'nodist'],
      'build the plugin',
    ],
    [
      ['--in-cluster', '--tls-cert', 'tls.crt', '--tls-key', 'tls.key', '--reset-sandbox'],
      'standalone mode',
    ],
  ])('%j → %s', (argv, message) => {
    expect(errorOf(argv)).toContain(message);
  });

  it('--upload-reservation-expiry: whole seconds from 1 to 86400, else an error naming the flag', () => {
    expect(parse(['--upload-reservation-expiry', '90']).uploadReservationExpiryMs).toBe(90_000);
    expect(parse([]).uploadReservationExpiryMs).toBeUndefined();
    for (const bad of ['5m', '0', '86401', '1.5']) {
      expect(errorOf(['--upload-reservation-expiry', bad])).toContain(
        '--upload-reservation-expiry must be whole seconds between 1 and 86400',
      );
    }
  });

  it('rejects a bad PORT and a KUBECONFIG naming no existing file', () => {
    expect(errorOf([], { PORT: '-1' })).toContain('PORT=9000');
    expect(errorOf([], { KUBECONFIG: '/no/such/file' })).toContain('KUBECONFIG=/no/such/file');
  });
});

describe('in-cluster', () => {
  it('defaults to 0.0.0.0:9443 with the given certificate', () => {
    const options = parse(['--in-cluster', '--tls-cert', 'tls.crt', '--tls-key', 'tls.key']);
    expect(options).toMatchObject({
      mode: 'in-cluster',
      host: '0.0.0.0',
      port: 9443,
      tlsCert: cert,
      tlsKey: key,
    });
  });
});
