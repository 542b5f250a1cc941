import type { RemotePluginManifest } from '@openshift/dynamic-plugin-sdk';
import { describe, expect, it } from 'vitest';
import { checkConsoleManifest, encodedCodeRefs } from './manifest-rules';

const manifest = (overrides: Partial<RemotePluginManifest>): RemotePluginManifest => ({
  name: 'vm-disks-plugin',
  version: '0.1.0',
  baseURL: '/api/plugins/vm-disks-plugin/',
  extensions: [],
  loadScripts: ['plugin-entry.js'],
  registrationMethod: 'callback',
  ...overrides,
});

describe('console manifest rules', () => {
  it('accepts a DNS-subdomain name with callback registration', () => {
    expect(checkConsoleManifest(manifest({}))).toMatchObject({ name: 'vm-disks-plugin' });
  });
  it('refuses names that are not DNS subdomains and custom registration', () => {
    expect(() => checkConsoleManifest(manifest({ name: 'VM_Disks' }))).toThrow(/DNS subdomain/);
    expect(() => checkConsoleManifest(manifest({ registrationMethod: 'custom' }))).toThrow(
      /callback/,
    );
  });
  it('finds nested code refs per extension', () => {
    expect(
      encodedCodeRefs([
        { properties: { component: { $codeRef: 'OverviewPage' } } },
        {
          properties: {
            a: [{ provider: { $codeRef: 'storageActions.usePVCActions' } }],
            b: { $codeRef: 1 },
          },
        },
      ]),
    ).toEqual([
      { index: 0, ref: 'OverviewPage' },
      { index: 1, ref: 'storageActions.usePVCActions' },
    ]);
  });
});
