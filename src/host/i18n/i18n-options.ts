// i18next options the console 4.22 uses (frontend/public/i18n.js).
import type { InitOptions } from 'i18next';

export const PLUGIN_NAMESPACE = 'plugin__vm-disks-plugin';

export const I18N_OPTIONS = {
  lng: 'en',
  fallbackLng: 'en',
  load: 'languageOnly',
  nsSeparator: '~',
  keySeparator: false,
  contextSeparator: '~',
  defaultNS: PLUGIN_NAMESPACE,
  interpolation: { escapeValue: false },
  react: { useSuspense: true },
  returnEmptyString: false,
  showSupportNotice: false,
} satisfies InitOptions;
