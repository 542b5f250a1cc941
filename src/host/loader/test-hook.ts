// `window.__vmDisksHost`: what the e2e tests use to check the real loader's view of the plugin.
import type { PluginStore } from '@openshift/dynamic-plugin-sdk';
import type { CodeRefResult, LoadError } from './load-plugins';
import { resolveAllCodeRefs } from './load-plugins';
import { watchManager } from '../sdk/watch/watch-manager';

export interface HostTestHook {
  pluginStore: PluginStore;
  loadErrors: LoadError[];
  /** Settles when the start-up load attempt has finished (successfully or not). */
  ready: Promise<void>;
  resolveAllCodeRefs: () => Promise<CodeRefResult[]>;
  /** Number of live watches (one WebSocket each at most). */
  activeWatches: () => number;
}

declare global {
  interface Window {
    __vmDisksHost?: HostTestHook;
  }
}

export const installTestHook = (
  pluginStore: PluginStore,
  loadErrors: LoadError[],
  ready: Promise<void>,
): void => {
  window.__vmDisksHost = {
    pluginStore,
    loadErrors,
    ready,
    resolveAllCodeRefs: () => resolveAllCodeRefs(pluginStore),
    activeWatches: () => watchManager.size,
  };
};
