// Someone saved the ConfigMap (or StorageProfile) after this edit started: what changed remotely (a line diff of the data keys), and
// the two ways out — reload the remote version, or re-apply this edit on top of it.
import { useEffect, useRef } from 'react';
import type { FC } from 'react';
import { Alert, AlertActionLink } from '@patternfly/react-core';
import type { KeyChange } from '../../../lib/storage-defaults';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';

export const DiffLines: FC<{ changes: KeyChange[]; testId: string }> = ({ changes, testId }) => (
  <pre className="vm-disks-plugin__diff" data-test={testId}>
    {changes.flatMap((c) => [
      ...(c.before !== undefined
        ? [
            <span
              key={`-${c.key}`}
              className="vm-disks-plugin__diff-removed"
              data-test="diff-removed"
            >
              {`- ${c.key}: ${c.before}\n`}
            </span>,
          ]
        : []),
      ...(c.after !== undefined
        ? [
            <span key={`+${c.key}`} className="vm-disks-plugin__diff-added" data-test="diff-added">
              {`+ ${c.key}: ${c.after}\n`}
            </span>,
          ]
        : []),
    ])}
  </pre>
);

export interface ConflictPanelProps {
  remoteChanges: KeyChange[];
  onReload: () => void;
  onReapply: () => void;
  /** Names what was changed: "Someone else changed this ConfigMap while you were editing". */
  title: string;
}

export const ConflictPanel: FC<ConflictPanelProps> = ({
  remoteChanges,
  onReload,
  onReapply,
  title,
}) => {
  const { t } = usePluginTranslation();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
  }, []);
  return (
    <div ref={ref}>
      <Alert
        isInline
        variant="warning"
        title={title}
        data-test="conflict"
        actionLinks={
          <>
            <AlertActionLink onClick={onReload} data-test="conflict-reload">
              {t('Reload')}
            </AlertActionLink>
            <AlertActionLink onClick={onReapply} data-test="conflict-reapply">
              {t('Re-apply my changes')}
            </AlertActionLink>
          </>
        }
      >
        <p>
          {remoteChanges.length > 0
            ? t(
                'Your changes were not saved. The server version differs from the one you started with:',
              )
            : t(
                'Your changes were not saved. The server version changed, but not in its data (metadata only).',
              )}
        </p>
        {remoteChanges.length > 0 ? (
          <DiffLines changes={remoteChanges} testId="conflict-diff" />
        ) : null}
        <p>
          {t(
            'Reload discards your edit and shows the server version. Re-apply puts your edit on top of the server version for you to review and save.',
          )}
        </p>
      </Alert>
    </div>
  );
};
