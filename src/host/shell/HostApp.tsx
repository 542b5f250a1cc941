// Providers around the shell, as the console sets them up: plugin store, redux store, router,
// perspective and namespace contexts, overlays; the page waits for the plugin's locale namespace.
import type { FC } from 'react';
import { Suspense, useMemo, useState } from 'react';
import type { PluginStore } from '@openshift/dynamic-plugin-sdk';
import { PluginStoreProvider } from '@openshift/dynamic-plugin-sdk';
import { Provider as ReduxProvider } from 'react-redux';
import { BrowserRouter } from 'react-router';
import { legacy_createStore as createStore } from 'redux';
import type { LoadError } from '../loader/load-plugins';
import { PerspectiveContext } from '../sdk/console-context';
import { OverlayProvider } from '../sdk/overlay';
import { HostShell } from './HostShell';
import { NamespaceProvider } from './NamespaceProvider';
import { PageFallback } from './PageFallback';

/** The console keeps SDK state in redux; plugins may read a store, so one exists (it holds nothing). */
const reduxStore = createStore((state: Record<string, never> = {}) => state);

export const HostApp: FC<{
  pluginStore: PluginStore;
  loadErrors: LoadError[];
  ready: Promise<void>;
}> = ({ pluginStore, loadErrors, ready }) => {
  const [perspective, setPerspectiveState] = useState('admin');
  const perspectiveValue = useMemo(
    () => ({
      perspective,
      setPerspective: (p: string) => {
        setPerspectiveState(p);
      },
    }),
    [perspective],
  );
  return (
    <PluginStoreProvider store={pluginStore}>
      <ReduxProvider store={reduxStore}>
        <BrowserRouter>
          <PerspectiveContext.Provider value={perspectiveValue}>
            <NamespaceProvider>
              <OverlayProvider>
                <Suspense fallback={<PageFallback />}>
                  <HostShell loadErrors={loadErrors} ready={ready} />
                </Suspense>
              </OverlayProvider>
            </NamespaceProvider>
          </PerspectiveContext.Provider>
        </BrowserRouter>
      </ReduxProvider>
    </PluginStoreProvider>
  );
};
