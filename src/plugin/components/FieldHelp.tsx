// Helper text under a form field: the field's error when it has one, else an optional hint.
import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';
import type { ReactNode } from 'react';

export const fieldHelp = (error: string | undefined, hint?: string): ReactNode =>
  error || hint ? (
    <FormHelperText>
      <HelperText>
        <HelperTextItem variant={error ? 'error' : 'default'}>{error ?? hint}</HelperTextItem>
      </HelperText>
    </FormHelperText>
  ) : null;
