// Cancel asks first; it always removes the staged data and, if the user agrees, the DataVolume (or PVC).
import { useState } from 'react';
import type { FC } from 'react';
import {
  Button,
  Checkbox,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';

export interface CancelUploadModalProps {
  targetName: string;
  canDeleteTarget: boolean;
  onConfirm: (deleteTarget: boolean) => void;
  onClose: () => void;
}

export const CancelUploadModal: FC<CancelUploadModalProps> = ({
  targetName,
  canDeleteTarget,
  onConfirm,
  onClose,
}) => {
  const { t } = usePluginTranslation();
  const [deleteTarget, setDeleteTarget] = useState(true);
  return (
    <Modal isOpen variant="small" onClose={onClose} aria-labelledby="cancel-upload-title">
      <ModalHeader title={t('Cancel this upload?')} labelId="cancel-upload-title" />
      <ModalBody>
        {t('The bytes staged on the backend are removed; the upload cannot be resumed.')}
        {canDeleteTarget && (
          <Checkbox
            id="cancel-upload-delete-target"
            data-test="cancel-delete-target"
            label={t('Also delete {{name}}', { name: targetName })}
            isChecked={deleteTarget}
            onChange={(_e, v) => {
              setDeleteTarget(v);
            }}
          />
        )}
      </ModalBody>
      <ModalFooter>
        <Button
          variant="danger"
          onClick={() => {
            onConfirm(canDeleteTarget && deleteTarget);
          }}
          data-test="cancel-confirm"
        >
          {t('Cancel upload')}
        </Button>
        <Button variant="link" onClick={onClose}>
          {t('Keep uploading')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
