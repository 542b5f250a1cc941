// Progress the user can trust: what is happening now (creating, uploading with speed and time left, waiting
// for the volume, forwarding to CDI, verifying, importing), the checksum state, and the controls.
import type { FC } from 'react';
import {
  Button,
  Flex,
  FlexItem,
  Label,
  Progress,
  ProgressMeasureLocation,
  ProgressVariant,
} from '@patternfly/react-core';
import { PopulationStatus } from '../../components/PopulationStatus';
import { VolumeWaitStatus } from '../../components/volume-wait/VolumeWaitStatus';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import type { UploadView } from './backend-api';
import type { UploadItem } from './upload-store';
import { bytesText, durationText } from './format-label';
import { backendStateText } from './state-text';

export interface UploadProgressProps {
  item: UploadItem;
  /** The backend's view of the upload (query cache), once every byte was sent. */
  backend?: UploadView;
  onPause: () => void;
  onResume: () => void;
  onCancel: () => void;
}

export const UploadProgress: FC<UploadProgressProps> = ({
  item,
  backend,
  onPause,
  onResume,
  onCancel,
}) => {
  const { t } = usePluginTranslation();
  const size = item.file.size;
  const stage = ((): string => {
    switch (item.phase) {
      case 'creating':
        return t('Creating the volume');
      case 'uploading':
        return t('Uploading');
      case 'paused':
        return t('Paused');
      case 'done':
        return t('Done');
      case 'failed':
        return t('Failed');
      case 'cancelled':
        return t('Cancelled');
      default:
        break;
    }
    return backend ? backendStateText(t, backend.state, backend.cdiPhase) : t('Processing');
  })();
  // Once every byte reached the backend the bar stays full: what follows (waiting for the volume, sending to
  // CDI, importing) is said in words and in the helper text, never by a bar falling back to 0 %.
  const percent =
    item.phase === 'processing' ? 100 : Math.floor((item.sent / Math.max(1, size)) * 100);
  const variant =
    item.phase === 'failed'
      ? ProgressVariant.danger
      : item.phase === 'done'
        ? ProgressVariant.success
        : undefined;
  const detail =
    item.phase === 'uploading'
      ? t('{{sent}} of {{total}} · {{rate}}/s · {{eta}} left', {
          sent: bytesText(item.sent),
          total: bytesText(size),
          rate: bytesText(Math.round(item.rate)),
          eta: item.eta === null ? '…' : durationText(item.eta),
        })
      : item.phase === 'processing' && backend && backend.state !== 'waiting-for-volume'
        ? t('{{forwarded}} of {{total}} sent to CDI (attempt {{attempt}})', {
            forwarded: bytesText(backend.forwarded),
            total: bytesText(size),
            attempt: backend.cdiAttempts,
          })
        : '';
  const active = ['uploading', 'paused', 'processing', 'creating'].includes(item.phase);
  return (
    <Flex direction={{ default: 'column' }} spaceItems={{ default: 'spaceItemsSm' }}>
      <FlexItem>
        <Progress
          value={item.phase === 'done' ? 100 : percent}
          title={stage}
          measureLocation={ProgressMeasureLocation.outside}
          {...(variant ? { variant } : {})}
          {...(detail ? { helperText: detail } : {})}
          data-test="upload-progress"
          aria-label={stage}
        />
      </FlexItem>
      {item.values && item.values.kind !== 'new-pvc' && active ? (
        <FlexItem>
          <VolumeWaitStatus
            namespace={item.values.namespace}
            name={item.values.name}
            canForceBind
          />
        </FlexItem>
      ) : null}
      {item.values && item.values.kind !== 'new-pvc' && active ? (
        <FlexItem>
          <PopulationStatus namespace={item.values.namespace} name={item.values.name} />
        </FlexItem>
      ) : null}
      <FlexItem>
        <Flex spaceItems={{ default: 'spaceItemsSm' }}>
          {/* The SHA-256 to compare with a published checksum is the backend's, of the bytes it sent to CDI;
              the page checks each chunk's SHA-256 and hashes no whole file. */}
          <Label color={backend?.verifiedSha256 ? 'green' : 'grey'} data-test="upload-checksum">
            {backend?.verifiedSha256 ? t('SHA-256 verified') : t('Each chunk checked with SHA-256')}
          </Label>
          {backend?.verifiedSha256 && (
            <code data-test="upload-sha256">{backend.verifiedSha256}</code>
          )}
          {item.phase === 'uploading' && (
            <Button variant="secondary" size="sm" onClick={onPause} data-test="upload-pause">
              {t('Pause')}
            </Button>
          )}
          {item.phase === 'paused' && (
            <Button variant="secondary" size="sm" onClick={onResume} data-test="upload-resume">
              {t('Resume')}
            </Button>
          )}
          {active && (
            <Button variant="link" size="sm" isDanger onClick={onCancel} data-test="upload-cancel">
              {t('Cancel')}
            </Button>
          )}
        </Flex>
      </FlexItem>
    </Flex>
  );
};
