// One file: what it is (format by content, sizes, notes), then its target form, then its progress.
import { useState } from 'react';
import type { FC } from 'react';
import {
  ActionList,
  ActionListItem,
  Alert,
  Button,
  Card,
  CardBody,
  CardHeader,
  CardTitle,
  Flex,
  Label,
  Spinner,
} from '@patternfly/react-core';
import { k8sDelete } from '@openshift-console/dynamic-plugin-sdk';
import { DataVolumeModel, PersistentVolumeClaimModel } from '../../k8s/models';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { forceBindDataVolume } from '../../components/volume-wait/force-bind';
import { cancelUpload } from './backend-api';
import { CancelUploadModal } from './CancelUploadModal';
import { FinishedTargetLinks } from './FinishedTargetLinks';
import { bytesText, formatName } from './format-label';
import { inspectionNoteText } from './inspection-note-text';
import { StagingQuotaWarning } from './StagingQuota';
import { TargetForm } from './TargetForm';
import { cancelTransfer, pauseTransfer, resumeTransfer, startTransfer } from './transfer';
import { UploadProgress } from './UploadProgress';
import type { TargetValues } from './manifests';
import { uploadStore, type UploadItem } from './upload-store';

export const UploadItemCard: FC<{ item: UploadItem }> = ({ item }) => {
  const { t } = usePluginTranslation();
  const [confirming, setConfirming] = useState(false);
  const image = item.inspected?.inspection;

  const cancel = async (deleteTarget: boolean) => {
    setConfirming(false);
    await cancelTransfer(item.key);
    const v = item.values;
    if (deleteTarget && v) {
      const model = v.kind === 'new-pvc' ? PersistentVolumeClaimModel : DataVolumeModel;
      try {
        await k8sDelete({
          model,
          resource: { metadata: { name: v.name, namespace: v.namespace } },
        });
      } catch (err) {
        uploadStore.update(item.key, { error: (err as Error).message });
      }
    }
  };

  const start = async (values: TargetValues) => {
    uploadStore.update(item.key, { values, error: undefined });
    if (values.kind === 'existing-dv' && values.forceBind) {
      // The user agreed to force-bind the DataVolume that waits for its first consumer.
      uploadStore.update(item.key, { phase: 'creating' });
      try {
        await forceBindDataVolume(values.namespace, values.name);
      } catch (err) {
        uploadStore.update(item.key, { phase: 'ready', error: (err as Error).message });
        return;
      }
    }
    await startTransfer(item.key);
  };

  /** Drops the backend's copy of a failed attempt (it may already be gone). */
  const dropSession = async () => {
    const id = item.sessionId ?? item.resumeId;
    if (id) await cancelUpload(id).catch(() => undefined);
  };

  const retry = async () => {
    await dropSession();
    const v = item.values;
    uploadStore.update(item.key, {
      phase: 'ready',
      error: undefined,
      sessionId: undefined,
      resumeId: undefined,
      backend: undefined,
      sent: 0,
      rate: 0,
      eta: null,
      // The DataVolume of the failed attempt exists now: the form opens on it.
      ...(v && v.kind === 'new-dv' ? { values: { ...v, kind: 'existing-dv' as const } } : {}),
    });
  };

  const remove = async () => {
    await dropSession();
    uploadStore.remove(item.key);
  };

  return (
    <Card
      isCompact
      data-test="upload-item"
      data-file={item.file.name}
      data-phase={item.phase}
      data-inspect-ms={item.inspected ? Math.round(item.inspected.ms) : undefined}
      data-hash-ms={item.hashMs !== undefined ? Math.round(item.hashMs) : undefined}
      data-hash-engine={item.hashEngine}
    >
      <CardHeader>
        <CardTitle>
          <Flex spaceItems={{ default: 'spaceItemsSm' }}>
            <span>{item.file.name}</span>
            {image && (
              <Label color="blue" data-test="upload-format">
                {formatName(image)}
              </Label>
            )}
            <Label>{bytesText(item.file.size)}</Label>
            {image?.virtualSize != null && (
              <Label>{t('virtual {{size}}', { size: bytesText(image.virtualSize) })}</Label>
            )}
            {image?.partitionTable && <Label>{image.partitionTable.toUpperCase()}</Label>}
          </Flex>
        </CardTitle>
      </CardHeader>
      <CardBody>
        {item.phase === 'inspecting' && <Spinner size="md" aria-label={t('Inspecting')} />}
        {image?.notes.map((n) => (
          <Alert
            key={n.code}
            variant="info"
            isInline
            isPlain
            title={inspectionNoteText(t, n)}
            data-test="upload-note"
          />
        ))}
        {item.phase === 'ready' && <StagingQuotaWarning size={item.file.size} />}
        {item.phase === 'ready' && item.inspected && (
          <TargetForm
            fileName={item.file.name}
            inspected={item.inspected}
            busy={false}
            {...(item.error ? { error: item.error } : {})}
            {...(item.values ? { initial: item.values } : {})}
            {...(item.looksLikeText !== undefined ? { looksLikeText: item.looksLikeText } : {})}
            onRemove={() => {
              uploadStore.remove(item.key);
            }}
            onStart={(values) => {
              void start(values);
            }}
          />
        )}
        {item.phase !== 'ready' && item.phase !== 'inspecting' && (
          <UploadProgress
            item={item}
            onPause={() => {
              pauseTransfer(item.key);
            }}
            onResume={() => {
              resumeTransfer(item.key);
            }}
            onCancel={() => {
              setConfirming(true);
            }}
          />
        )}
        {item.error && item.phase !== 'ready' && (
          <Alert variant="danger" isInline title={t('Upload failed')} data-test="upload-failure">
            {item.error}
          </Alert>
        )}
        {item.phase === 'done' && item.values && <FinishedTargetLinks target={item.values} />}
        {(item.phase === 'failed' || item.phase === 'cancelled') && (
          <ActionList>
            {item.phase === 'failed' && item.inspected && (
              <ActionListItem>
                <Button
                  variant="secondary"
                  size="sm"
                  data-test="upload-retry"
                  onClick={() => void retry()}
                >
                  {t('Retry')}
                </Button>
              </ActionListItem>
            )}
            <ActionListItem>
              <Button
                variant="link"
                size="sm"
                data-test="upload-remove"
                onClick={() => void remove()}
              >
                {t('Remove')}
              </Button>
            </ActionListItem>
          </ActionList>
        )}
        {confirming && item.values && (
          <CancelUploadModal
            targetName={item.values.name}
            canDeleteTarget={item.values.kind !== 'existing-dv'}
            onClose={() => {
              setConfirming(false);
            }}
            onConfirm={(d) => void cancel(d)}
          />
        )}
      </CardBody>
    </Card>
  );
};
