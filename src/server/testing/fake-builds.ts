/** Small stand-ins for `dist/` and `dist-host/` in a temp directory, for the backend's tests. */
import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export interface FakeBuilds {
  root: string;
  distDir: string;
  hostDistDir: string;
  manifest: Record<string, unknown>;
}

export const FAKE_LOCALE = { 'VM Disks': 'VM Disks', Overview: 'Overview' };

export async function makeFakeBuilds(): Promise<FakeBuilds> {
  const root = await mkdtemp(path.join(os.tmpdir(), 'vm-disks-server-'));
  const distDir = path.join(root, 'dist');
  const hostDistDir = path.join(root, 'dist-host');
  const manifest = {
    name: 'vm-disks-plugin',
    version: '0.1.0',
    dependencies: { '@console/pluginAPI': '>=4.22.0-0' },
    customProperties: { console: { displayName: 'VM Disks' } },
    extensions: [],
    registrationMethod: 'callback',
    baseURL: '/api/plugins/vm-disks-plugin/',
    loadScripts: ['plugin-entry.0123abcd.js'],
    buildHash: '0123abcd',
  };
  const files: Record<string, string> = {
    'dist/plugin-manifest.json': JSON.stringify(manifest),
    'dist/plugin-entry.0123abcd.js': 'window.__load_plugin_entry__("vm-disks-plugin", {});\n',
    'dist/chunks/OverviewPage.abcd.js': 'export const OverviewPage = 1;\n',
    'dist/chunks/OverviewPage.abcd.js.map': '{"version":3,"sources":[],"mappings":""}',
    'dist/chunks/OverviewPage.abcd.css':
      '.vm-disks-plugin__x { color: var(--pf-t--global--text--color--regular); }\n',
    'dist/assets/icon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    'dist/assets/font.woff2': 'wOF2',
    'dist/locales/en/plugin__vm-disks-plugin.json': JSON.stringify(FAKE_LOCALE),
    'dist-host/index.html':
      '<!doctype html><html><head><script type="module" src="/assets/index-abc.js"></script></head><body><div id="root"></div></body></html>\n',
    'dist-host/assets/index-abc.js': 'console.log("host");\n',
    'dist-host/assets/index-abc.css': 'body { margin: 0; }\n',
    'dist-host/favicon.svg': '<svg xmlns="http://www.w3.org/2000/svg"/>',
    // Outside both build directories: must never be reachable.
    'secret.json': '{"secret":"do not serve"}',
  };
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(root, name);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
  return { root, distDir, hostDistDir, manifest };
}
