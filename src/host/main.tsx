// Entry of the standalone console host.
import '@patternfly/patternfly/patternfly.css';
import '@patternfly/patternfly/patternfly-addons.css';
import './host.css';
import { createRoot } from 'react-dom/client';
import { i18nReady } from './i18n/i18n';
import type { LoadError } from './loader/load-plugins';
import { loadPlugins } from './loader/load-plugins';
import { createPluginStore } from './loader/plugin-store';
import { installTestHook } from './loader/test-hook';
import { HostApp } from './shell/HostApp';
import { applyTheme, storedTheme } from './shell/theme';

applyTheme(storedTheme());

const pluginStore = createPluginStore();
const loadErrors: LoadError[] = [];
const ready = i18nReady.then(
  () => loadPlugins(pluginStore, loadErrors),
  () => loadPlugins(pluginStore, loadErrors),
);
installTestHook(pluginStore, loadErrors, ready);

const container = document.getElementById('root');
if (!container) throw new Error('The host page has no #root element');
createRoot(container).render(
  <HostApp pluginStore={pluginStore} loadErrors={loadErrors} ready={ready} />,
);
