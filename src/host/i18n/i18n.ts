// The host's i18next instance (the same one the share scope's react-i18next is bound to), loading
// plugin locales from the bridge endpoint `/locales/resource.json?lng=&ns=`.
import i18next from 'i18next';
import HttpBackend from 'i18next-http-backend';
import { initReactI18next } from 'react-i18next';
import { I18N_OPTIONS, PLUGIN_NAMESPACE } from './i18n-options';

export const i18nReady = i18next
  .use(HttpBackend)
  .use(initReactI18next)
  .init({
    ...I18N_OPTIONS,
    ns: [PLUGIN_NAMESPACE],
    backend: { loadPath: '/locales/resource.json?lng={{lng}}&ns={{ns}}' },
  });

export { i18next };
