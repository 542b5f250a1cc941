/** The console bridge's paths for this plugin (ARCHITECTURE.md §2, reference/console-runtime.md §1.1, §5, §6). */
const PLUGIN_NAME = 'vm-disks-plugin';
export const PLUGIN_I18N_NAMESPACE = `plugin__${PLUGIN_NAME}`;
/** `/api/plugins/<name>/<asset>` → the plugin service's `<basePath><asset>`. */
export const PLUGIN_ASSETS_PREFIX = `/api/plugins/${PLUGIN_NAME}/`;
/** ConsolePlugin `spec.proxy[alias=backend]` with `authorization: UserToken`. */
export const PLUGIN_BACKEND_PROXY_PREFIX = `/api/proxy/plugin/${PLUGIN_NAME}/backend`;
export const KUBE_PROXY_PREFIX = '/api/kubernetes';
export const LOCALES_ENDPOINT = '/locales/resource.json';
