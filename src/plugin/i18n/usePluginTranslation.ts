// The plugin's one i18n namespace. English strings are the keys; the console loads the locale file through
// `/locales/resource.json?ns=plugin__vm-disks-plugin`.
import { useTranslation } from 'react-i18next';

export const I18N_NAMESPACE = 'plugin__vm-disks-plugin';

export const usePluginTranslation = () => useTranslation(I18N_NAMESPACE);
