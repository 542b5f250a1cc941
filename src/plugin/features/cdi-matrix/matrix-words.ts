// Words for the CDI operations matrix (src/lib/cdi-matrix.ts): headers, formats and why each cell is what it is.
import type {
  MatrixContentType,
  MatrixEntry,
  MatrixReason,
  MatrixSource,
} from '../../../lib/cdi-matrix';
import type { usePluginTranslation } from '../../i18n/usePluginTranslation';

type Translate = ReturnType<typeof usePluginTranslation>['t'];

export const contentTypeLabel = (t: Translate, contentType: MatrixContentType): string => {
  switch (contentType) {
    case 'kubevirt-qcow2':
      return t('KubeVirt (QCOW2)');
    case 'kubevirt-raw':
      return t('KubeVirt (RAW)');
    case 'archive':
      return t('Archive');
  }
};

export const sourceLabel = (t: Translate, source: MatrixSource): string => {
  switch (source) {
    case 'http':
      return t('HTTP');
    case 'https':
      return t('HTTPS');
    case 'http-basic-auth':
      return t('HTTP basic auth');
    case 'registry':
      return t('Registry');
    case 'upload':
      return t('Upload');
  }
};

export const formatLabel = (format: MatrixEntry['format']): string => format.toUpperCase();

const reasonText = (t: Translate, reason: MatrixReason): string => {
  switch (reason) {
    case 'direct-stream':
      return t('CDI streams the data straight onto the target volume.');
    case 'decompress-to-scratch':
      return t('QEMU-IMG cannot read a compressed qcow2: CDI unpacks it to scratch space first.');
    case 'custom-ca-download':
      return t(
        'QEMU-IMG does not handle custom certificates of HTTPS endpoints: with a custom CA, CDI downloads the image to scratch space first.',
      );
    case 'registry-layers':
      return t(
        'CDI downloads the container image to scratch space and extracts its layers to find the disk image, then QEMU-IMG converts it.',
      );
    case 'registry-no-compression':
      return t('The disk inside a container disk image must not be compressed.');
    case 'upload-no-stdin':
      return t(
        'QEMU-IMG does not accept input from stdin: the uploaded image is saved to scratch space before it is converted.',
      );
    case 'archive-untar':
      return t(
        'CDI unpacks the archive straight into the filesystem volume. Archives cannot go to Block volumes.',
      );
    case 'archive-no-registry':
      return t('A registry provides disk images, not archives.');
    case 'archive-no-upload':
      return t('The upload proxy takes disk images; archives are imported over HTTP.');
  }
};

export const entryExplanation = (
  t: Translate,
  contentType: MatrixContentType,
  source: MatrixSource,
  entry: MatrixEntry,
): string => {
  const what = t('{{format}} from {{source}} as {{contentType}}', {
    format: formatLabel(entry.format),
    source: sourceLabel(t, source),
    contentType: contentTypeLabel(t, contentType),
  });
  const verdict = !entry.supported
    ? t('Not supported.')
    : entry.scratch === 'always'
      ? t('Supported; needs scratch space.')
      : entry.scratch === 'custom-ca'
        ? t('Supported; needs scratch space when a custom certificate authority is required.')
        : t('Supported; no scratch space.');
  return `${what}: ${verdict} ${reasonText(t, entry.reason)}`;
};
