// The user's uploads the backend still holds (after a reload, a dropped network or on another tab): state,
// bytes staged, and "select the same file" to resume from the last acknowledged offset, or cancel.
import { useRef, useState } from 'react';
import type { FC } from 'react';
import { Alert, Button, Card, CardBody, CardTitle, Flex } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { FINISHED_STATES } from '../../../lib/upload-states';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { resumeWithFile } from './add-files';
import type { UploadView } from './backend-api';
import { bytesText } from './format-label';
import { VolumeWaitStatus } from '../../components/volume-wait/VolumeWaitStatus';
import { backendStateText } from './state-text';
import { useCancelUpload, useUploadList } from './upload-queries';
import { useUploadItems } from './upload-store';

export const UnfinishedUploads: FC = () => {
  const { t } = usePluginTranslation();
  const items = useUploadItems();
  const [data, , error] = useUploadList();
  const cancel = useCancelUpload();
  const [refused, setRefused] = useState<string | undefined>(undefined);
  const picker = useRef<HTMLInputElement>(null);
  const [resuming, setResuming] = useState<UploadView | undefined>(undefined);
  const onThisPage = new Set(items.map((i) => i.sessionId).filter(Boolean));
  const unfinished = (data ?? []).filter(
    (u) => !FINISHED_STATES.has(u.state) && !onThisPage.has(u.id),
  );
  // A failed refresh keeps the last list on screen (with a cancel failure above it).
  if (error && !data) {
    return (
      <Alert variant="warning" isInline title={t('Unfinished uploads could not be listed')}>
        {error.message}
      </Alert>
    );
  }
  if (unfinished.length === 0 && !cancel.error) return null;
  return (
    <Card data-test="unfinished-uploads">
      <CardTitle>{t('Unfinished uploads')}</CardTitle>
      <CardBody>
        {cancel.error && (
          <Alert
            variant="danger"
            isInline
            title={t('The upload of {{file}} could not be cancelled', {
              file: cancel.variables.fileName,
            })}
            data-test="cancel-upload-failed"
          >
            {cancel.error.message}
          </Alert>
        )}
        {refused && (
          <Alert
            variant="danger"
            isInline
            title={t('Not the same file')}
            data-test="resume-refused"
          >
            {refused}
          </Alert>
        )}
        <input
          ref={picker}
          type="file"
          hidden
          data-test="resume-file-input"
          onChange={(e) => {
            const file = e.target.files?.[0];
            const session = resuming;
            e.target.value = '';
            if (!file || !session) return;
            void resumeWithFile(session, file).then((cause) => {
              const params = {
                file: file.name,
                expected: session.fileName,
                size: bytesText(session.size),
                actual: bytesText(file.size),
              };
              setRefused(
                cause === 'size'
                  ? t(
                      '{{file}} is not the file of this upload: it has {{actual}}, the upload is {{expected}} with {{size}}. Select {{expected}} to resume.',
                      params,
                    )
                  : cause === 'content'
                    ? t(
                        '{{file}} is not the file of this upload: it has the size of {{expected}} ({{size}}) but its first MiB differs. Select {{expected}} to resume.',
                        params,
                      )
                    : cause === 'name'
                      ? t(
                          '{{file}} has the content of this upload but another name: select {{expected}} itself to resume.',
                          params,
                        )
                      : undefined,
              );
            });
          }}
        />
        <Table variant="compact" aria-label={t('Unfinished uploads')}>
          <Thead>
            <Tr>
              <Th>{t('File')}</Th>
              <Th>{t('Target')}</Th>
              <Th>{t('Staged')}</Th>
              <Th>{t('State')}</Th>
              <Th screenReaderText={t('Actions')} />
            </Tr>
          </Thead>
          <Tbody>
            {unfinished.map((u) => (
              <Tr
                key={u.id}
                data-test="unfinished-upload"
                data-file={u.fileName}
                data-session={u.id}
              >
                <Td>{u.fileName}</Td>
                <Td>{`${u.namespace}/${u.targetName}`}</Td>
                <Td>
                  {t('{{received}} of {{size}}', {
                    received: bytesText(u.received),
                    size: bytesText(u.size),
                  })}
                </Td>
                <Td data-test="unfinished-upload-state">
                  {backendStateText(t, u.state, u.cdiPhase)}
                  {u.state === 'waiting-for-volume' && u.targetKind !== 'new-pvc' ? (
                    // After a reload the card is gone: the row still says why the volume waits.
                    <VolumeWaitStatus namespace={u.namespace} name={u.targetName} />
                  ) : null}
                </Td>
                <Td>
                  <Flex spaceItems={{ default: 'spaceItemsSm' }}>
                    {u.received < u.size && (
                      <Button
                        variant="secondary"
                        size="sm"
                        data-test="resume-select-file"
                        onClick={() => {
                          setResuming(u);
                          picker.current?.click();
                        }}
                      >
                        {t('Select the file to resume')}
                      </Button>
                    )}
                    <Button
                      variant="link"
                      size="sm"
                      isDanger
                      data-test="unfinished-upload-cancel"
                      isLoading={cancel.isPending && cancel.variables.id === u.id}
                      isDisabled={cancel.isPending}
                      onClick={() => {
                        cancel.mutate(u);
                      }}
                    >
                      {t('Cancel')}
                    </Button>
                  </Flex>
                </Td>
              </Tr>
            ))}
          </Tbody>
        </Table>
      </CardBody>
    </Card>
  );
};
