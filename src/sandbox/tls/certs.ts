import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { generate } from 'selfsigned';

export interface TlsMaterial {
  key: string;
  cert: string;
  ca: string;
}

const inTenYears = (): Date => new Date(Date.now() + 10 * 365 * 24 * 3600 * 1000);

const generateMaterial = async (host: string): Promise<TlsMaterial> => {
  const ca = await generate([{ name: 'commonName', value: 'vm-disks-sandbox-ca' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: inTenYears(),
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      {
        name: 'keyUsage',
        keyCertSign: true,
        cRLSign: true,
        digitalSignature: true,
        critical: true,
      },
    ],
  });
  const altNames: { type: 2 | 7; value?: string; ip?: string }[] = [
    { type: 2, value: 'localhost' },
    { type: 7, ip: '127.0.0.1' },
    { type: 7, ip: '::1' },
  ];
  if (/^[\d.]+$/.test(host) && host !== '127.0.0.1') altNames.push({ type: 7, ip: host });
  else if (!/^[\d.:]+$/.test(host) && host !== 'localhost') altNames.push({ type: 2, value: host });
  const server = await generate([{ name: 'commonName', value: 'vm-disks-sandbox' }], {
    keySize: 2048,
    algorithm: 'sha256',
    notAfterDate: inTenYears(),
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
      { name: 'extKeyUsage', serverAuth: true },
      { name: 'subjectAltName', altNames },
    ],
  });
  return { key: server.private, cert: server.cert, ca: ca.cert };
};

/** The sandbox's CA and serving certificate, generated once per data directory and kept there. */
export const loadOrCreateTls = async (dataDir: string, host: string): Promise<TlsMaterial> => {
  const dir = join(dataDir, 'tls');
  const files = {
    key: join(dir, 'server.key'),
    cert: join(dir, 'server.crt'),
    ca: join(dir, 'ca.crt'),
  };
  try {
    const [key, cert, ca, hostFile] = await Promise.all([
      readFile(files.key, 'utf8'),
      readFile(files.cert, 'utf8'),
      readFile(files.ca, 'utf8'),
      readFile(join(dir, 'host'), 'utf8'),
    ]);
    if (hostFile.trim() === host) return { key, cert, ca };
  } catch {
    // Not generated yet.
  }
  const material = await generateMaterial(host);
  await mkdir(dir, { recursive: true });
  await writeFile(files.key, material.key, { mode: 0o600 });
  await writeFile(files.cert, material.cert);
  await writeFile(files.ca, material.ca);
  await writeFile(join(dir, 'host'), host);
  return material;
};
