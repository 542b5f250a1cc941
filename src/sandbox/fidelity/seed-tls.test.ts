import { request } from 'node:https';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../contract';
import type { RunningSandbox } from '../index';
import { startSandbox } from '../index';
import { field, waitFor } from '../world/testing/harness';

process.env.VM_DISKS_SANDBOX_SPEED = '50';

let sandbox: RunningSandbox;
let dataDir: string;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(tmpdir(), 'vm-disks-tls-'));
  sandbox = await startSandbox({ dataDir, tls: true, quiet: true, profile: 'legacy' });
});

afterAll(async () => {
  await sandbox.close();
  await rm(dataDir, { recursive: true, force: true });
});

function httpsRequest(
  url: string,
  opts: { method: string; headers?: Record<string, string>; body?: Buffer | string },
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: opts.method, headers: opts.headers, ca: sandbox.caPem },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString() });
        });
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

describe('upload proxy over HTTPS', () => {
  it('publishes a bare host:port (like a Route host) served with the sandbox CA', async () => {
    const headers = { Authorization: `Bearer ${sandbox.adminToken}` };
    const cfg = await waitFor('uploadProxyURL', async () => {
      const r = await httpsRequest(
        `${sandbox.url}/apis/cdi.kubevirt.io/v1beta1/cdiconfigs/config`,
        { method: 'GET', headers },
      );
      const obj = JSON.parse(r.text) as KubeObject;
      return field(obj, 'status.uploadProxyURL') ? obj : undefined;
    });
    const host = String(field(cfg, 'status.uploadProxyURL'));
    expect(host).toMatch(/^127\.0\.0\.1:\d+$/);
    const health = await httpsRequest(`https://${host}/healthz`, { method: 'GET' });
    expect(health).toEqual({ status: 200, text: 'OK' });
    const noToken = await httpsRequest(`https://${host}/v1beta1/upload-form-async`, {
      method: 'POST',
      headers: { Origin: 'https://console.example' },
      body: 'x',
    });
    expect(noToken.status).toBe(400);
    const preflight = await new Promise<Record<string, unknown>>((resolve, reject) => {
      const req = request(
        `https://${host}/v1beta1/upload-form-async`,
        {
          method: 'OPTIONS',
          ca: sandbox.caPem,
          headers: {
            Origin: 'https://console.example',
            'Access-Control-Request-Method': 'POST',
            'Access-Control-Request-Headers': 'authorization',
          },
        },
        (res) => {
          res.resume();
          resolve(res.headers);
        },
      );
      req.on('error', reject);
      req.end();
    });
    expect(preflight['access-control-allow-origin']).toBe('https://console.example');
    expect(String(preflight['access-control-allow-headers'])).toContain('authorization');
  });
});
