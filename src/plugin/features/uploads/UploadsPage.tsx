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
import {
  DocumentTitle,
  ListPageHeader,
  useActiveNamespace,
} from '@openshift-console/dynamic-plugin-sdk';
import { AccessNotice } from '../../components/access/AccessNotice';
import { needOf } from '../../k8s/access/access-needs';
import type { AccessNeed } from '../../k8s/access/access-needs';
import { useAccessNeeds } from '../../k8s/access/useAccessNeeds';
import { ALL_NAMESPACES_KEY, DataVolumeModel } from '../../k8s/models';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { addFiles } from './add-files';
import { StagingQuotaSummary } from './StagingQuota';
import { UnfinishedUploads } from './UnfinishedUploads';
import { COMPACT_AFTER, UploadItemCard } from './UploadItemCard';
import { useUploadItems } from './upload-store';
import './uploads.css';

/** What an upload into a new DataVolume of the active namespace needs (each card checks its own target). */
const uploadNeeds = (namespace: string): AccessNeed[] => [
  needOf('create', DataVolumeModel, { namespace }),
  { verb: 'create', group: 'upload.cdi.kubevirt.io', resource: 'uploadtokenrequests', namespace },
];

export const UploadsPage: FC = () => {
  const { t } = usePluginTranslation();
  const items = useUploadItems();
  const [dragging, setDragging] = useState(false);
  const [activeNamespace] = useActiveNamespace();
  const [denied] = useAccessNeeds(
    activeNamespace && activeNamespace !== ALL_NAMESPACES_KEY ? uploadNeeds(activeNamespace) : [],
  );
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
          <AccessNotice subject={t('disk images in this namespace')} denied={denied} />
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
              <UploadItemCard item={item} compact={items.length > COMPACT_AFTER} />
            </StackItem>
          ))}
        </Stack>
      </PageSection>
    </div>
  );
};
