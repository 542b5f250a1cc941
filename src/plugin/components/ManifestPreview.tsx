// The manifest(s) a form or wizard is about to create, as YAML, copyable: what the user would have written by hand.
import type { FC } from 'react';
import { ClipboardCopy, ClipboardCopyVariant } from '@patternfly/react-core';
import { stringify } from 'yaml';
import { usePluginTranslation } from '../i18n/usePluginTranslation';

/** One manifest, or several as a multi-document YAML stream. */
export const ManifestPreview: FC<{ manifest: unknown; testId: string }> = ({
  manifest,
  testId,
}) => {
  const { t } = usePluginTranslation();
  const text = Array.isArray(manifest)
    ? manifest.map((m) => stringify(m)).join('---\n')
    : stringify(manifest);
  return (
    <div data-test={testId}>
      <ClipboardCopy
        isReadOnly
        isCode
        isExpanded
        hoverTip={t('Copy')}
        clickTip={t('Copied')}
        variant={ClipboardCopyVariant.expansion}
      >
        {text}
      </ClipboardCopy>
    </div>
  );
};
