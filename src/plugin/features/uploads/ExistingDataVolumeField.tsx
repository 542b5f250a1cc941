// The existing upload DataVolume to upload into (`virtctl image-upload dv --no-create`), and the consent to
// force-bind it when it waits for its first consumer (an upload is none).
import type { FC } from 'react';
import { Checkbox, FormGroup, FormSelect, FormSelectOption } from '@patternfly/react-core';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { FieldProblems } from './FieldProblems';
import { problemsOf, type TargetFormModel } from './target-form-model';

export interface ExistingDataVolumeFieldProps {
  idPrefix: string;
  model: TargetFormModel;
  consent: boolean;
  onPick: (name: string) => void;
  onConsent: (consent: boolean) => void;
}

export const ExistingDataVolumeField: FC<ExistingDataVolumeFieldProps> = ({
  idPrefix,
  model,
  consent,
  onPick,
  onConsent,
}) => {
  const { t } = usePluginTranslation();
  return (
    <FormGroup label={t('DataVolume')} fieldId={`${idPrefix}-existing`} isRequired>
      <FormSelect
        id={`${idPrefix}-existing`}
        data-test="upload-existing"
        value={model.existingName}
        onChange={(_e, v) => {
          onPick(v);
        }}
      >
        <FormSelectOption value="" label={t('Select a DataVolume')} isPlaceholder />
        {model.uploadDvs.map((dv) => {
          const claim = dv.spec?.storage ?? dv.spec?.pvc;
          return (
            <FormSelectOption
              key={dv.metadata?.name}
              value={dv.metadata?.name ?? ''}
              label={`${dv.metadata?.name ?? ''} (${dv.status?.phase ?? t('Pending')}, ${claim?.resources?.requests?.storage ?? '?'}, ${claim?.volumeMode ?? 'Filesystem'})`}
            />
          );
        })}
      </FormSelect>
      {model.existingWaits && (
        <Checkbox
          id={`${idPrefix}-force-bind-existing`}
          data-test="upload-force-bind-existing"
          label={t(
            '{{name}} is in phase {{phase}}: bind it now so that CDI can receive the upload (force-bind, as virtctl --force-bind)',
            { name: model.existingName, phase: model.existing?.status?.phase ?? '' },
          )}
          isChecked={consent}
          onChange={(_e, v) => {
            onConsent(v);
          }}
        />
      )}
      <FieldProblems problems={problemsOf(model, 'existing')} data-test="upload-existing-problem" />
    </FormGroup>
  );
};
