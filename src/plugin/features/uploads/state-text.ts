// The words for the backend's upload states (never the raw `waiting-for-volume`), shared by the upload cards and
// the unfinished-uploads table.
import type { TFunction } from 'i18next';
import type { UploadState } from '../../../lib/upload-states';

export const backendStateText = (t: TFunction, state: UploadState, cdiPhase?: string): string => {
  switch (state) {
    case 'receiving':
      return t('Receiving the file');
    case 'waiting-for-volume':
      return cdiPhase
        ? t('Transferred, waiting for the volume (phase {{phase}})', { phase: cdiPhase })
        : t('Transferred, waiting for the volume');
    case 'forwarding':
      return t('Sending to CDI');
    case 'waiting-for-user':
      return t('Waiting for you to come back');
    case 'verifying':
      return t('Verifying the checksum');
    case 'importing':
      return cdiPhase ? t('Importing (CDI phase {{phase}})', { phase: cdiPhase }) : t('Importing');
    case 'done':
      return t('Done');
    case 'failed':
      return t('Failed');
    case 'cancelled':
      return t('Cancelled');
  }
};
