import { TestPluginStore, applyCodeRefSymbol } from '@openshift/dynamic-plugin-sdk';
import type { CodeRef, RemotePluginManifest } from '@openshift/dynamic-plugin-sdk';
import { describe, expect, it } from 'vitest';
import { disabledPlugins, resolveAllCodeRefs } from './load-plugins';

/** A code ref shaped like the loader's own (`$codeRef_<plugin>[<ref>]`). */
const codeRef = (ref: string, value: () => Promise<unknown>): CodeRef => {
  const fn = () => value();
  Object.defineProperty(fn, 'name', { value: `$codeRef_vm-disks-plugin[${ref}]` });
  return applyCodeRefSymbol(fn);
};

const manifest = (extensions: RemotePluginManifest['extensions']): RemotePluginManifest => ({
  name: 'vm-disks-plugin',
  version: '0.1.0',
  baseURL: '/api/plugins/vm-disks-plugin/',
  loadScripts: ['plugin-entry.js'],
  registrationMethod: 'callback',
  extensions,
});

/** The store never loads anything here; its default PluginLoader would need `window`. */
const unusedLoader = {
  loadPluginManifest: () => Promise.reject(new Error('not used')),
  transformPluginManifest: <T>(m: T) => m,
  loadPlugin: () => Promise.reject(new Error('not used')),
};

describe('resolveAllCodeRefs', () => {
  it('reports each code ref of the extensions in use with the loader error when it fails', async () => {
    const store = new TestPluginStore({ loader: unusedLoader });
    store.addLoadedPlugin(manifest([]), [
      {
        type: 'console.page/route',
        properties: {
          path: '/a',
          component: codeRef('OverviewPage', () => Promise.resolve(() => null)),
        },
        pluginName: 'vm-disks-plugin',
        uid: 'vm-disks-plugin[0]',
      },
      {
        type: 'console.action/resource-provider',
        properties: {
          model: { version: 'v1', kind: 'PersistentVolume' },
          provider: codeRef('storageActions.useMissing', () =>
            Promise.reject(new Error("Missing module export 'storageActions.useMissing'")),
          ),
        },
        pluginName: 'vm-disks-plugin',
        uid: 'vm-disks-plugin[1]',
      },
    ]);
    store.enablePlugins(['vm-disks-plugin']);
    const results = await resolveAllCodeRefs(store);
    expect(results).toEqual([
      {
        extension: 'vm-disks-plugin[0]',
        type: 'console.page/route',
        ref: 'OverviewPage',
        ok: true,
      },
      {
        extension: 'vm-disks-plugin[1]',
        type: 'console.action/resource-provider',
        ref: 'storageActions.useMissing',
        ok: false,
        error: "Missing module export 'storageActions.useMissing'",
      },
    ]);
  });

  it('reports the encoded refs of a plugin that failed to load with its error and cause', async () => {
    const store = new TestPluginStore({ loader: unusedLoader });
    store.addFailedPlugin(
      manifest([
        {
          type: 'console.page/route',
          properties: { path: '/a', component: { $codeRef: 'OverviewPage' } },
        },
      ]),
      'Failed to load scripts of plugin vm-disks-plugin',
      new Error('Scripts loaded without a plugin entry callback'),
    );
    expect(await resolveAllCodeRefs(store)).toEqual([
      {
        extension: 'vm-disks-plugin[0]',
        type: 'console.page/route',
        ref: 'OverviewPage',
        ok: false,
        error:
          'Failed to load scripts of plugin vm-disks-plugin: Scripts loaded without a plugin entry callback',
      },
    ]);
  });
});

describe('disabledPlugins', () => {
  it('reads ?disable-plugins like the console', () => {
    expect(disabledPlugins('')).toEqual([]);
    expect(disabledPlugins('?disable-plugins=')).toBe('all');
    expect(disabledPlugins('?disable-plugins=a,%20b')).toEqual(['a', 'b']);
  });
});
