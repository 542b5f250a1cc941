// The PluginStore configured as console 4.22 configures it (frontend/public/plugins.ts): the
// `__load_plugin_entry__` callback, the webpack-shaped share scope, console fetch for the manifest,
// `@console/pluginAPI` resolved to the release version, and the console's manifest checks.
import { PluginStore } from '@openshift/dynamic-plugin-sdk';
import { consoleFetch } from '../sdk/console-fetch';
import { createConsoleShareScope } from '../share-scope/console-share-scope';
import {
  CONSOLE_RELEASE_VERSION,
  PLUGIN_API_DEPENDENCY,
  checkConsoleManifest,
} from './manifest-rules';

export const ENTRY_CALLBACK = '__load_plugin_entry__';
const LEGACY_ENTRY_CALLBACK = 'loadPluginEntry';

type EntryCallback = (pluginName: string, entryModule: unknown) => void;

/** The deprecated 4.19–4.21 callback name, forwarding to the 4.22 one without the `@version` suffix. */
const registerLegacyEntryCallback = (): void => {
  const globals = window as unknown as Record<string, unknown>;
  globals[LEGACY_ENTRY_CALLBACK] = (pluginId: string, entryModule: unknown) => {
    console.warn(`${LEGACY_ENTRY_CALLBACK} is deprecated; plugins should call ${ENTRY_CALLBACK}`);
    const callback = globals[ENTRY_CALLBACK] as EntryCallback | undefined;
    const at = pluginId.lastIndexOf('@');
    callback?.(at > 0 ? pluginId.slice(0, at) : pluginId, entryModule);
  };
};

export const createPluginStore = (): PluginStore => {
  const store = new PluginStore({
    loaderOptions: {
      sharedScope: createConsoleShareScope(),
      entryCallbackSettings: { name: ENTRY_CALLBACK, registerCallback: true },
      fetchImpl: (url, requestInit) => consoleFetch(url, requestInit),
      customDependencyResolutions: { [PLUGIN_API_DEPENDENCY]: CONSOLE_RELEASE_VERSION },
      transformPluginManifest: checkConsoleManifest,
    },
  });
  registerLegacyEntryCallback();
  return store;
};
