// A button that asks before it acts: a modal with what will happen, Confirm / Cancel, the error if it fails (the
// write runs as a mutation, useClusterWrite; the modal stays open with the API server's message).
import { useState } from 'react';
import type { FC, ReactNode } from 'react';
import { Alert, Button, Modal, ModalBody, ModalFooter, ModalHeader } from '@patternfly/react-core';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { useClusterWrite } from '../../k8s/hooks/useClusterWrite';

export interface ConfirmButtonProps {
  label: string;
  title: string;
  children: ReactNode;
  confirmLabel: string;
  onConfirm: () => Promise<unknown>;
  testId: string;
  variant?: 'primary' | 'secondary' | 'danger' | 'warning';
  isDisabled?: boolean;
}

export const ConfirmButton: FC<ConfirmButtonProps> = ({
  label,
  title,
  children,
  confirmLabel,
  onConfirm,
  testId,
  variant = 'secondary',
  isDisabled,
}) => {
  const { t } = usePluginTranslation();
  const [open, setOpen] = useState(false);
  const [confirm, { pending: busy, error, reset }] = useClusterWrite(onConfirm);
  const close = () => {
    setOpen(false);
    reset();
  };
  return (
    <>
      <Button
        variant={variant === 'danger' ? 'danger' : variant}
        data-test={testId}
        isDisabled={isDisabled}
        onClick={() => {
          setOpen(true);
        }}
      >
        {label}
      </Button>
      <Modal
        isOpen={open}
        onClose={close}
        variant="small"
        aria-labelledby={`${testId}-title`}
        data-test={`${testId}-modal`}
      >
        <ModalHeader
          title={title}
          labelId={`${testId}-title`}
          titleIconVariant={variant === 'danger' ? 'danger' : 'warning'}
        />
        <ModalBody>
          {children}
          {error ? (
            <Alert isInline variant="danger" title={t('It did not work')} data-test="confirm-error">
              {error}
            </Alert>
          ) : null}
        </ModalBody>
        <ModalFooter>
          <Button
            variant={variant === 'danger' ? 'danger' : 'primary'}
            data-test="confirm"
            isLoading={busy}
            isDisabled={busy}
            onClick={() => {
              void confirm().then((done) => {
                if (done) close();
              });
            }}
          >
            {confirmLabel}
          </Button>
          <Button variant="link" onClick={close}>
            {t('Cancel')}
          </Button>
        </ModalFooter>
      </Modal>
    </>
  );
};
