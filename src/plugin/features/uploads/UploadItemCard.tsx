// One file: what it is (format by content, sizes, notes), then its target form, then its progress.
import { useEffect, useState } from 'react';
import type { FC } from 'react';
import type { TFunction } from 'i18next';
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
import { FINISHED_STATES } from '../../../lib/upload-states';
import { cancelUpload, type UploadView } from './backend-api';
import { CancelUploadModal } from './CancelUploadModal';
import { FinishedTargetLinks } from './FinishedTargetLinks';
import { bytesText, formatName } from './format-label';
import { inspectionNoteText } from './inspection-note-text';
import { StagingQuotaWarning } from './StagingQuota';
import { TargetForm } from './TargetForm';
import { cancelTransfer, pauseTransfer, resumeTransfer, startTransfer } from './transfer';
import { UploadProgress } from './UploadProgress';
import type { TargetValues } from './manifests';
import { useUploadDetail } from './upload-queries';
import { uploadStore, type ItemPhase, type UploadItem } from './upload-store';

type LabelColor = 'grey' | 'blue' | 'green' | 'red';

const phaseColor = (phase: UploadItem['phase']): LabelColor =>
  phase === 'done' ? 'green' : phase === 'failed' ? 'red' : phase === 'ready' ? 'grey' : 'blue';

/** The one-line state of a compact card. */
const phaseSummary = (t: TFunction, item: UploadItem): string => {
  switch (item.phase) {
    case 'inspecting':
      return t('Inspecting');
    case 'ready':
      return t('Choose the target');
    case 'uploading':
      return t('Uploading {{percent}}%', {
        percent: Math.floor((item.sent / Math.max(1, item.file.size)) * 100),
      });
    case 'done':
      return t('Done');
    case 'failed':
      return t('Failed');
    case 'cancelled':
      return t('Cancelled');
    default:
      return t('In progress');
  }
};

/** The page's phase once the backend finished the upload it was processing. */
const finishedPhase = (backend: UploadView): ItemPhase =>
  backend.state === 'done' ? 'done' : backend.state === 'cancelled' ? 'cancelled' : 'failed';

/** Phases in which the backend's view of the upload is shown (after the last byte was sent). */
const FOLLOWED: ReadonlySet<ItemPhase> = new Set(['processing', 'done', 'failed', 'cancelled']);

/** More files than this on the page: each card starts compact (one line), to expand one at a time. */
export const COMPACT_AFTER = 3;

export interface UploadItemCardProps {
  item: UploadItem;
  /** One line per file (many files on the page): the card's body opens on demand. */
  compact?: boolean;
}

export const UploadItemCard: FC<UploadItemCardProps> = ({ item, compact = false }) => {
  const { t } = usePluginTranslation();
  const [confirming, setConfirming] = useState(false);
  const [expanded, setExpanded] = useState(false);
  // The body stays mounted while collapsed (hidden): a half-filled target form keeps its values.
  const collapsed = compact && !expanded;
  const image = item.inspected?.inspection;
  const [backend] = useUploadDetail(FOLLOWED.has(item.phase) ? item.sessionId : undefined);
  // The backend ended the upload the page was processing: the page's phase (and error) follow it.
  useEffect(() => {
    if (item.phase !== 'processing' || !backend || !FINISHED_STATES.has(backend.state)) return;
    uploadStore.update(item.key, {
      phase: finishedPhase(backend),
      ...(backend.state === 'failed' && backend.error ? { error: backend.error } : {}),
    });
  }, [item.key, item.phase, backend]);

  const cancel = async (deleteTarget: boolean) => {
    setConfirming(false);
    try {
      await cancelTransfer(item.key);
    } catch (err) {
      uploadStore.update(item.key, {
        error: t('The upload could not be cancelled: {{reason}}', {
          reason: (err as Error).message,
        }),
      });
      return;
    }
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
      isExpanded={!collapsed}
      data-test="upload-item"
      data-file={item.file.name}
      data-phase={item.phase}
      data-compact={compact}
      data-inspect-ms={item.inspected ? Math.round(item.inspected.ms) : undefined}
    >
      <CardHeader
        {...(compact
          ? {
              onExpand: () => {
                setExpanded((e) => !e);
              },
              toggleButtonProps: {
                'aria-label': t('Details of {{file}}', { file: item.file.name }),
                'aria-expanded': !collapsed,
                // eslint-disable-next-line i18next/no-literal-string -- a test id, not text
                'data-test': 'upload-item-toggle',
              },
            }
          : {})}
      >
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
            {compact && (
              <Label color={phaseColor(item.phase)} data-test="upload-item-summary">
                {phaseSummary(t, item)}
              </Label>
            )}
          </Flex>
        </CardTitle>
      </CardHeader>
      <CardBody hidden={collapsed}>
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
            {...(backend ? { backend } : {})}
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
