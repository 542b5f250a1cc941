import { usePluginTranslation } from '../../i18n/usePluginTranslation';

/** "In project X" or "In all projects", for the subtitle of namespaced sections. */
export const useScopeText = (namespace: string | undefined): string => {
  const { t } = usePluginTranslation();
  return namespace ? t('In project {{namespace}}', { namespace }) : t('In all projects');
};
