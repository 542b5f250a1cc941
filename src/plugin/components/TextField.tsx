// A labelled text input with its error or hint below: the field shape the plugin's forms repeat.
import { FormGroup, TextInput } from '@patternfly/react-core';
import type { FC } from 'react';
import { fieldHelp } from './FieldHelp';

export const TextField: FC<{
  /** Element id and `data-test` of the input. */
  id: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  error?: string;
  hint?: string;
  isRequired?: boolean;
}> = ({ id, label, value, onChange, error, hint, isRequired }) => (
  <FormGroup label={label} isRequired={isRequired} fieldId={id}>
    <TextInput
      id={id}
      data-test={id}
      value={value}
      onChange={(_event, next) => {
        onChange(next);
      }}
      validated={error ? 'error' : 'default'}
    />
    {fieldHelp(error, hint)}
  </FormGroup>
);
