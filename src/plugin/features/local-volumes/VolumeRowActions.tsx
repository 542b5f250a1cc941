// The kebab of one local volume row, as console list rows have: view the PV's YAML (the console's YAML tab,
// `/k8s/cluster/persistentvolumes/<name>/yaml`) and delete it after a confirmation that says what stays.
import { useState } from 'react';
import type { FC } from 'react';
import { MenuToggle } from '@patternfly/react-core';
import EllipsisVIcon from '@patternfly/react-icons/dist/esm/icons/ellipsis-v-icon';
import { ActionsColumn } from '@patternfly/react-table';
import { useNavigate } from 'react-router';
import type { PersistentVolumeKind } from '../../k8s/types';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { DeleteVolumeModal } from './DeleteVolumeModal';

/** The console's URL of a PersistentVolume's YAML tab. */
export const pvYamlPath = (name: string): string =>
  `/k8s/cluster/persistentvolumes/${encodeURIComponent(name)}/yaml`;

export interface VolumeRowActionsProps {
  pv: PersistentVolumeKind;
  node?: string;
}

export const VolumeRowActions: FC<VolumeRowActionsProps> = ({ pv, node }) => {
  const { t } = usePluginTranslation();
  const navigate = useNavigate();
  const [confirming, setConfirming] = useState(false);
  const name = pv.metadata?.name ?? '';
  const deleting = Boolean(pv.metadata?.deletionTimestamp);
  return (
    <>
      <ActionsColumn
        popperProps={{ appendTo: () => document.body, position: 'right' }}
        actionsToggle={({ onToggle, isOpen, isDisabled, toggleRef }) => (
          <MenuToggle
            ref={toggleRef}
            variant="plain"
            onClick={onToggle}
            isExpanded={isOpen}
            isDisabled={isDisabled}
            aria-label={t('Actions for {{name}}', { name })}
            data-test="lv-row-actions"
            icon={<EllipsisVIcon />}
          />
        )}
        items={[
          {
            title: t('View YAML'),
            onClick: () => {
              void navigate(pvYamlPath(name));
            },
          },
          {
            title: deleting ? t('Deleting…') : t('Delete'),
            isDisabled: deleting,
            onClick: () => {
              setConfirming(true);
            },
          },
        ]}
      />
      {confirming ? (
        <DeleteVolumeModal
          pv={pv}
          node={node}
          onClose={() => {
            setConfirming(false);
          }}
        />
      ) : null}
    </>
  );
};
