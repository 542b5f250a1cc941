// The read-only notice a page shows before any form is filled: "You can view but not change …" and every missing
// permission by name ("You may not create datavolumes.cdi.kubevirt.io in namespace vm-images."). Presentational:
// the page asks `useAccessNeeds` and passes what was denied.
import type { FC } from 'react';
import { Alert, List, ListItem } from '@patternfly/react-core';
import type { AccessNeed } from '../../k8s/access/access-needs';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { useDeniedText } from './useDeniedText';

export interface AccessNoticeProps {
  /** What the page changes, in the words of its title ("blank disks"). */
  subject: string;
  denied: readonly AccessNeed[];
}

export const AccessNotice: FC<AccessNoticeProps> = ({ subject, denied }) => {
  const { t } = usePluginTranslation();
  const deniedText = useDeniedText();
  if (denied.length === 0) return null;
  return (
    <Alert
      isInline
      variant="warning"
      title={t('You can view but not change {{subject}}', { subject })}
      data-test="access-notice"
      className="vm-disks-plugin__access-notice"
    >
      <List>
        {denied.map((need) => (
          <ListItem key={deniedText(need)} data-test="access-denied">
            {deniedText(need)}
          </ListItem>
        ))}
      </List>
      <p>{t('Ask a cluster administrator for these permissions.')}</p>
    </Alert>
  );
};
