// A select limited to the valid access modes or volume modes, with "not set" and, when the stored value is not
// valid, that value marked as invalid so nothing is lost by opening the form.
import type { FC } from 'react';
import { FormSelect, FormSelectOption } from '@patternfly/react-core';
import { ACCESS_MODES, VOLUME_MODES } from '../../../lib/storage-defaults';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';

export interface ModeSelectProps {
  attribute: 'accessMode' | 'volumeMode';
  value: string;
  onChange: (value: string) => void;
  /** What "not set" means here, e.g. "ReadWriteOnce (default)". */
  unsetLabel: string;
  id: string;
  testId: string;
  invalid?: boolean;
  'aria-label'?: string;
}

export const ModeSelect: FC<ModeSelectProps> = ({
  attribute,
  value,
  onChange,
  unsetLabel,
  id,
  testId,
  invalid,
  'aria-label': ariaLabel,
}) => {
  const { t } = usePluginTranslation();
  const values: readonly string[] = attribute === 'accessMode' ? ACCESS_MODES : VOLUME_MODES;
  return (
    <FormSelect
      id={id}
      value={value}
      onChange={(_event, next) => {
        onChange(next);
      }}
      validated={invalid ? 'error' : 'default'}
      data-test={testId}
      aria-label={ariaLabel}
    >
      <FormSelectOption value="" label={unsetLabel} />
      {values.map((mode) => (
        <FormSelectOption key={mode} value={mode} label={mode} />
      ))}
      {value && !values.includes(value) ? (
        <FormSelectOption value={value} label={t('{{value}} (not valid)', { value })} />
      ) : null}
    </FormSelect>
  );
};
