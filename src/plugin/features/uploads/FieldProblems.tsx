// The problems of one target field, beside the field (the summary Alert lists them all again).
import type { FC } from 'react';
import { FormHelperText, HelperText, HelperTextItem } from '@patternfly/react-core';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import type { TargetProblem } from './target-form-model';
import { targetProblemText } from './target-problem-text';

export const FieldProblems: FC<{ problems: TargetProblem[]; 'data-test'?: string }> = ({
  problems,
  'data-test': dataTest,
}) => {
  const { t } = usePluginTranslation();
  if (problems.length === 0) return null;
  return (
    <FormHelperText>
      <HelperText>
        {problems.map((p) => {
          const text = targetProblemText(t, p);
          return (
            <HelperTextItem key={text} variant="error" data-test={dataTest}>
              {text}
            </HelperTextItem>
          );
        })}
      </HelperText>
    </FormHelperText>
  );
};
