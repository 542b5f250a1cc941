/** The in-cluster command line options added for deployment: values, defaults and errors naming the flag. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, parseCommandLine, type InClusterOptions } from '../config';

let dir: string;
const BASE = ['--in-cluster', '--tls-cert', 'tls.crt', '--tls-key', 'tls.key'];

beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-in-cluster-config-'));
  await writeFile(
    path.join(dir, 'tls.crt'),
    '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n',
  );
  await writeFile(
    path.join(dir, 'tls.key'),
    '-----BEGIN PRIVATE KEY-----\nMIIE\n-----END PRIVATE KEY-----\n',
  );
  await writeFile(
    path.join(dir, 'ca.crt'),
    '-----BEGIN CERTIFICATE-----\nMIIC\n-----END CERTIFICATE-----\n',
  );
  await mkdir(path.join(dir, 'dist'));
  await writeFile(path.join(dir, 'dist', 'plugin-manifest.json'), '{}');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function parse(argv: string[]): InClusterOptions {
  const parsed = parseCommandLine(argv, {}, dir);
  if (parsed.help || parsed.options.mode !== 'in-cluster') throw new Error('not in-cluster');
  return parsed.options;
}

function errorOf(argv: string[]): string {
  try {
    parseCommandLine(argv, {}, dir);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return (err as Error).message;
  }
  throw new Error(`no error for ${argv.join(' ')}`);
}

describe('in-cluster deployment options', () => {
  it('defaults: 25 s shutdown, X-Forwarded-For required, CDI discovered', () => {
    const options = parse(BASE);
    expect(options).toMatchObject({ shutdownTimeoutSeconds: 25, requireForwardedFor: true });
    expect(options.cdiNamespace).toBeUndefined();
    expect(options.cdiUploadProxyUrl).toBeUndefined();
    expect(options.cdiUploadProxyCa).toBeUndefined();
  });

  it('takes the CDI namespace, upload proxy URL and CA, shutdown timeout and the X-Forwarded-For switch', () => {
    const options = parse([
      ...BASE,
      '--cdi-namespace',
      'cdi',
      '--cdi-upload-proxy-url',
      'cdi-uploadproxy-cdi.apps.example.com',
      '--cdi-upload-proxy-ca',
      'ca.crt',
      '--shutdown-timeout',
      '60',
      '--allow-without-forwarded-for',
    ]);
    expect(options).toMatchObject({
      cdiNamespace: 'cdi',
      cdiUploadProxyUrl: 'cdi-uploadproxy-cdi.apps.example.com',
      cdiUploadProxyCa: [path.join(dir, 'ca.crt')],
      shutdownTimeoutSeconds: 60,
      requireForwardedFor: false,
    });
  });

  it.each([
    [
      ['--cdi-namespace', 'Not_A_Namespace'],
      '--cdi-namespace Not_A_Namespace: not a namespace name',
    ],
    [
      ['--cdi-upload-proxy-url', 'http://plain.example.com'],
      '--cdi-upload-proxy-url http://plain.example.com: must be an https URL',
    ],
    [['--cdi-upload-proxy-ca', 'missing.crt'], '--cdi-upload-proxy-ca missing.crt: no such file'],
    [
      ['--cdi-upload-proxy-ca', 'tls.key'],
      '--cdi-upload-proxy-ca tls.key: not a PEM certificate bundle',
    ],
    [['--shutdown-timeout', '10s'], '--shutdown-timeout must be whole seconds'],
  ])('refuses %j naming the flag', (extra, message) => {
    expect(errorOf([...BASE, ...extra])).toContain(message);
  });

  it('refuses the in-cluster options in standalone mode', () => {
    for (const flag of ['--cdi-namespace', '--shutdown-timeout', '--allow-without-forwarded-for']) {
      const argv = flag === '--allow-without-forwarded-for' ? [flag] : [flag, '5'];
      expect(errorOf(argv)).toContain(`${flag} is only used with --in-cluster`);
    }
  });
});
