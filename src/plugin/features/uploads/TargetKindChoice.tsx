// Where the upload goes, as `virtctl image-upload dv|pvc` and `--no-create` allow: a new DataVolume, a new
// upload PVC or an existing upload DataVolume.
import type { FC } from 'react';
import { FormGroup, Radio } from '@patternfly/react-core';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import type { TargetKind } from './manifests';

export interface TargetKindChoiceProps {
  idPrefix: string;
  kind: TargetKind;
  onChange: (kind: TargetKind) => void;
}

export const TargetKindChoice: FC<TargetKindChoiceProps> = ({ idPrefix, kind, onChange }) => {
  const { t } = usePluginTranslation();
  const choices: { value: TargetKind; label: string }[] = [
    { value: 'new-dv', label: t('New DataVolume') },
    { value: 'new-pvc', label: t('New PVC with the upload annotation') },
    { value: 'existing-dv', label: t('Existing upload DataVolume') },
  ];
  return (
    <FormGroup role="radiogroup" fieldId={`${idPrefix}-kind`} label={t('Upload to')} isInline>
      {choices.map((c) => (
        <Radio
          key={c.value}
          id={`${idPrefix}-${c.value}`}
          name={`${idPrefix}-kind`}
          label={c.label}
          isChecked={kind === c.value}
          onChange={() => {
            onChange(c.value);
          }}
        />
      ))}
    </FormGroup>
  );
};
