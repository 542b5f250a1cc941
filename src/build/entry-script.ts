/**
 * The plugin entry: a classic script (the console injects it with a plain `<script>`) that
 * registers a webpack-shaped container synchronously while it runs (console-runtime.md §1.3–1.5).
 */

export interface ExposedAssets {
  /** Entry chunk of the exposed module, relative to the plugin's base URL. */
  js: string;
  /** Stylesheets the module needs, relative to the base URL. */
  css: string[];
}

export interface EntryScriptInput {
  pluginName: string;
  pluginVersion: string;
  registryGlobal: string;
  sharedKeys: string[];
  modules: Record<string, ExposedAssets>;
}

// Kept as plain ES2017 text: Rolldown never parses it, and it must run as a classic script.
const TEMPLATE = `(function () {
  'use strict';
  var NAME = __NAME__;
  var VERSION = __VERSION__;
  var MODULES = __MODULES__;
  var SHARED_KEYS = __SHARED_KEYS__;
  var REGISTRY = __REGISTRY__;
  var current = document.currentScript;
  var BASE = new URL('./', current && current.src ? current.src : document.baseURI).href;
  var registry = (window[REGISTRY] = window[REGISTRY] || {});
  var initialized;
  var markInitialized;
  var ready = new Promise(function (resolve) { markInitialized = resolve; });
  var loaded = {};

  function compareVersions(a, b) {
    var pa = String(a).split(/[.+-]/);
    var pb = String(b).split(/[.+-]/);
    for (var i = 0; i < Math.max(pa.length, pb.length); i++) {
      var na = parseInt(pa[i], 10);
      var nb = parseInt(pb[i], 10);
      if (isNaN(na) || isNaN(nb)) { if (pa[i] !== pb[i]) return String(pa[i] || '') < String(pb[i] || '') ? -1 : 1; continue; }
      if (na !== nb) return na < nb ? -1 : 1;
    }
    return 0;
  }

  function provided(scope, key) {
    var entries = scope[key];
    if (!entries && key.indexOf('react-router-dom') === 0) entries = scope['react-router'];
    var versions = entries ? Object.keys(entries) : [];
    if (versions.length === 0) {
      throw new Error('Plugin ' + NAME + ' needs shared module "' + key + '", which the console does not provide');
    }
    versions.sort(compareVersions);
    return entries[versions[versions.length - 1]];
  }

  function init(scope) {
    if (!initialized) {
      initialized = Promise.all(SHARED_KEYS.map(function (key) {
        return Promise.resolve(provided(scope, key).get()).then(function (factory) {
          registry[key] = typeof factory === 'function' ? factory() : factory;
        });
      })).then(function () { return undefined; });
      markInitialized(initialized);
    }
    return initialized;
  }

  function addStylesheet(file) {
    var href = new URL(file, BASE).href;
    var links = document.querySelectorAll('link[rel="stylesheet"]');
    for (var i = 0; i < links.length; i++) if (links[i].href === href) return Promise.resolve();
    return new Promise(function (resolve, reject) {
      var link = document.createElement('link');
      link.rel = 'stylesheet';
      link.href = href;
      link.onload = function () { resolve(); };
      link.onerror = function () { link.remove(); reject(new Error('Failed to load stylesheet ' + href)); };
      document.head.appendChild(link);
    });
  }

  function get(moduleName) {
    if (!Object.prototype.hasOwnProperty.call(MODULES, moduleName)) {
      return Promise.reject(new Error('Module ' + moduleName + ' does not exist in container.'));
    }
    if (!loaded[moduleName]) {
      var assets = MODULES[moduleName];
      loaded[moduleName] = ready
        .then(function () { return Promise.all(assets.css.map(addStylesheet)); })
        .then(function () { return import(new URL(assets.js, BASE).href); })
        .then(function (namespace) { return function () { return namespace; }; })
        .catch(function (error) { delete loaded[moduleName]; throw error; });
    }
    return loaded[moduleName];
  }

  var container = { init: init, get: get };
  if (typeof window.__load_plugin_entry__ === 'function') {
    window.__load_plugin_entry__(NAME, container);
  } else if (typeof window.loadPluginEntry === 'function') {
    window.loadPluginEntry(NAME + '@' + VERSION, container);
  } else {
    console.error('Plugin ' + NAME + ': the page offers neither __load_plugin_entry__ nor loadPluginEntry');
  }
})();
`;

export const entryScript = (input: EntryScriptInput): string =>
  TEMPLATE.replace('__NAME__', JSON.stringify(input.pluginName))
    .replace('__VERSION__', JSON.stringify(input.pluginVersion))
    .replace('__MODULES__', JSON.stringify(input.modules))
    .replace('__SHARED_KEYS__', JSON.stringify(input.sharedKeys))
    .replace('__REGISTRY__', JSON.stringify(input.registryGlobal));
