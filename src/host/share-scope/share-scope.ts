// A webpack-shaped share scope, as console 4.22 passes to `container.init()`:
// `scope[name][version] = { get, from, eager, loaded }`, where an eager `get()` returns the module
// factory synchronously; `react-router-dom` and `react-router-dom-v5-compat` are aliases of `react-router`.

export interface SharedModuleEntry {
  get: () => () => unknown;
  from: string;
  eager: boolean;
  loaded: 1;
}

export type ShareScope = Record<string, Record<string, SharedModuleEntry>>;

export interface SharedModule {
  name: string;
  version: string;
  module: unknown;
}

export const ROUTER_ALIASES = ['react-router-dom', 'react-router-dom-v5-compat'] as const;

export const buildShareScope = (modules: readonly SharedModule[]): ShareScope => {
  const scope: ShareScope = {};
  for (const { name, version, module } of modules) {
    const factory = () => module;
    scope[name] = {
      ...(scope[name] ?? {}),
      [version]: { get: () => factory, from: 'console', eager: true, loaded: 1 },
    };
  }
  const router = scope['react-router'] as ShareScope[string] | undefined;
  if (router) {
    for (const alias of ROUTER_ALIASES) scope[alias] = router;
  }
  return scope;
};
