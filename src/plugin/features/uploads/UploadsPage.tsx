// Uploads: drop one or many disk images anywhere on the page (or browse); each is inspected by content,
// gets its target, and is uploaded resumably with verification. Unfinished uploads are listed for resuming.
import { useState } from 'react';
import type { DragEvent, FC } from 'react';
import {
  MultipleFileUpload,
  MultipleFileUploadMain,
  PageSection,
  Stack,
  StackItem,
} from '@patternfly/react-core';
import { UploadIcon } from '@patternfly/react-icons';
import { DocumentTitle, ListPageHeader } from '@openshift-console/dynamic-plugin-sdk';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { addFiles } from './add-files';
import { StagingQuotaSummary } from './StagingQuota';
import { UnfinishedUploads } from './UnfinishedUploads';
import { UploadItemCard } from './UploadItemCard';
import { useUploadItems } from './upload-store';
import './uploads.css';

export const UploadsPage: FC = () => {
  const { t } = usePluginTranslation();
  const items = useUploadItems();
  const [dragging, setDragging] = useState(false);
  const title = t('Disk image uploads');

  const onPageDrop = (e: DragEvent<HTMLDivElement>) => {
    if (e.defaultPrevented) return;
    e.preventDefault();
    setDragging(false);
    addFiles([...e.dataTransfer.files]);
  };

  return (
    <div
      className={
        dragging
          ? 'vm-disks-plugin__uploads vm-disks-plugin__uploads--dragging'
          : 'vm-disks-plugin__uploads'
      }
      data-test="uploads-page"
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => {
        setDragging(false);
      }}
      onDrop={onPageDrop}
    >
      <DocumentTitle>{title}</DocumentTitle>
      <ListPageHeader
        title={title}
        helpText={t(
          'Upload disk images into DataVolumes or PVCs: resumable after a dropped connection or a reload, and verified with SHA-256.',
        )}
      />
      <PageSection>
        <Stack hasGutter>
          <StackItem>
            <StagingQuotaSummary />
          </StackItem>
          <StackItem>
            <UnfinishedUploads />
          </StackItem>
          <StackItem>
            <MultipleFileUpload
              onFileDrop={(_e, files) => {
                addFiles(files);
              }}
              isHorizontal
            >
              <MultipleFileUploadMain
                titleIcon={<UploadIcon />}
                titleText={t('Drag and drop disk images here')}
                titleTextSeparator={t('or')}
                infoText={t(
                  'qcow2, raw, ISO, VMDK, VHD, VHDX or VDI, optionally gzip-, xz- or zstd-compressed. Formats are detected from the content.',
                )}
                browseButtonText={t('Browse')}
              />
            </MultipleFileUpload>
          </StackItem>
          {items.map((item) => (
            <StackItem key={item.key}>
              <UploadItemCard item={item} />
            </StackItem>
          ))}
        </Stack>
      </PageSection>
    </div>
  );
};
