// The name of the clone DataVolume: its error beside the field, and a free name to take when it is taken.
import type { FC } from 'react';
import {
  Button,
  FormGroup,
  FormHelperText,
  HelperText,
  HelperTextItem,
  TextInput,
} from '@patternfly/react-core';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';

export interface CloneNameFieldProps {
  value: string;
  error: string | undefined;
  freeName: string | undefined;
  onChange: (name: string) => void;
}

export const CloneNameField: FC<CloneNameFieldProps> = ({ value, error, freeName, onChange }) => {
  const { t } = usePluginTranslation();
  return (
    <FormGroup label={t('Name of the new DataVolume')} fieldId="md-dv-name">
      <TextInput
        id="md-dv-name"
        data-test="md-dv-name"
        value={value}
        onChange={(_event, v) => {
          onChange(v);
        }}
        validated={error ? 'error' : 'default'}
      />
      {error ? (
        <FormHelperText>
          <HelperText>
            <HelperTextItem variant="error" data-test="md-dv-name-error">
              {error}
            </HelperTextItem>
          </HelperText>
        </FormHelperText>
      ) : null}
      {freeName ? (
        <Button
          variant="link"
          isInline
          data-test="md-dv-name-suggestion"
          onClick={() => {
            onChange(freeName);
          }}
        >
          {t('Use {{name}}', { name: freeName })}
        </Button>
      ) : null}
    </FormGroup>
  );
};
