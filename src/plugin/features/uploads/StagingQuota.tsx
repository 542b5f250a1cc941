// The staging space the backend keeps for resumable uploads: what the user holds of their limit (half the
// staging capacity) and what is free, and a warning on a file's card when the file would not fit, before any
// byte is sent.
import type { FC } from 'react';
import { Alert, Content } from '@patternfly/react-core';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { bytesText } from './format-label';
import { quotaShortfall } from './staging-quota';
import { useStagingQuota } from './upload-queries';

export const StagingQuotaSummary: FC = () => {
  const { t } = usePluginTranslation();
  const [data] = useStagingQuota();
  if (!data) return null;
  return (
    <Content component="p" data-test="staging-quota">
      {t('Staging space: {{used}} of {{limit}} used by you; {{free}} free', {
        used: bytesText(data.userHeld),
        limit: bytesText(data.userLimit),
        free: bytesText(data.room),
      })}
    </Content>
  );
};

export const StagingQuotaWarning: FC<{ size: number }> = ({ size }) => {
  const { t } = usePluginTranslation();
  const [data] = useStagingQuota();
  const shortfall = data ? quotaShortfall(size, data) : undefined;
  if (!shortfall) return null;
  return (
    <Alert
      variant="warning"
      isInline
      title={t('This file does not fit the staging space')}
      data-test="staging-quota-exceeded"
    >
      {shortfall.limit === 'user'
        ? t(
            'It needs {{size}}, but your staging limit is {{limit}} (half of the staging space) and your unfinished uploads hold {{used}}. Finish or cancel an upload first.',
            {
              size: bytesText(shortfall.size),
              limit: bytesText(shortfall.max),
              used: bytesText(shortfall.held),
            },
          )
        : t(
            'It needs {{size}}, but the backend has {{free}} of staging space free. Wait for other uploads to finish, or ask for a larger staging volume.',
            { size: bytesText(shortfall.size), free: bytesText(shortfall.room) },
          )}
    </Alert>
  );
};
