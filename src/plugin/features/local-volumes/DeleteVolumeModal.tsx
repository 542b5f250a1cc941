// Deleting a local PersistentVolume asks first and says what stays behind:
// - the data on the node: deleting the PV object never touches the directory or device it names (a local
//   volume is statically provisioned and "requires manual cleanup and deletion by the user" without the
//   external static provisioner: kubernetes/website content/en/docs/concepts/storage/volumes.md, "local");
// - a bound volume itself: the pv-protection finalizer keeps it (Terminating) until its claim is gone
//   (kubernetes/kubernetes pkg/controller/volume/pvprotection/pv_protection_controller.go: a PV is in use
//   while its phase is Bound; the sandbox follows it in src/sandbox/kube-controllers/protection.ts).
import { useState } from 'react';
import type { FC } from 'react';
import {
  Alert,
  Button,
  Content,
  Modal,
  ModalBody,
  ModalFooter,
  ModalHeader,
} from '@patternfly/react-core';
import { k8sDelete } from '@openshift-console/dynamic-plugin-sdk';
import { PersistentVolumeModel } from '../../k8s/models';
import { messageOf } from '../../k8s/load-error';
import { getPVClaim, getPVLocalPath, getPVPhase } from '../../k8s/selectors/persistent-volume';
import type { PersistentVolumeKind } from '../../k8s/types';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';

export interface DeleteVolumeModalProps {
  pv: PersistentVolumeKind;
  /** The node the volume is on, if it is pinned to one. */
  node?: string;
  onClose: () => void;
}

export const DeleteVolumeModal: FC<DeleteVolumeModalProps> = ({ pv, node, onClose }) => {
  const { t } = usePluginTranslation();
  const [deleting, setDeleting] = useState(false);
  const [error, setError] = useState<string>();
  const name = pv.metadata?.name ?? '';
  const path = getPVLocalPath(pv);
  const claim = getPVClaim(pv);
  const bound = getPVPhase(pv) === 'Bound' && claim !== undefined;
  const remove = async () => {
    setDeleting(true);
    setError(undefined);
    try {
      await k8sDelete({ model: PersistentVolumeModel, resource: pv });
      onClose();
    } catch (deleteError) {
      setError(messageOf(deleteError));
      setDeleting(false);
    }
  };
  return (
    <Modal
      isOpen
      variant="small"
      onClose={onClose}
      aria-labelledby="lv-delete-title"
      data-test="lv-delete-modal"
    >
      <ModalHeader
        title={t('Delete PersistentVolume {{name}}?', { name })}
        labelId="lv-delete-title"
        titleIconVariant="warning"
      />
      <ModalBody>
        <Content component="p" data-test="lv-delete-keeps">
          {path && node
            ? t(
                'Only the PersistentVolume object is deleted. The data stays on node {{node}} at {{path}}: remove it there by hand when it is no longer needed.',
                { node, path },
              )
            : t(
                'Only the PersistentVolume object is deleted. The data it points to stays where it is: remove it by hand when it is no longer needed.',
              )}
        </Content>
        {bound ? (
          <Content component="p" data-test="lv-delete-bound">
            {t(
              'It is bound to the claim {{namespace}}/{{claim}}: Kubernetes keeps the volume (Terminating) until that claim is deleted.',
              { namespace: claim.namespace, claim: claim.name },
            )}
          </Content>
        ) : null}
        {error ? (
          <Alert
            isInline
            variant="danger"
            title={t('Could not delete')}
            data-test="lv-delete-error"
          >
            {error}
          </Alert>
        ) : null}
      </ModalBody>
      <ModalFooter>
        <Button
          variant="danger"
          data-test="lv-delete-confirm"
          isLoading={deleting}
          isDisabled={deleting}
          onClick={() => {
            void remove();
          }}
        >
          {t('Delete')}
        </Button>
        <Button variant="link" onClick={onClose} isDisabled={deleting}>
          {t('Cancel')}
        </Button>
      </ModalFooter>
    </Modal>
  );
};
