import type { FC } from 'react';
import { Alert, List, ListItem, PageSection } from '@patternfly/react-core';
import type { LoadError } from './load-plugins';

/** Names the loader's error for each plugin that failed to load. */
export const LoadErrorsAlert: FC<{ errors: LoadError[] }> = ({ errors }) =>
  errors.length === 0 ? null : (
    <PageSection className="vm-disks-host__load-errors">
      {errors.map((error, i) => (
        <Alert
          key={i}
          variant="danger"
          isInline
          title={`Plugin ${error.pluginName} failed to load: ${error.message}`}
          data-test="plugin-load-error"
        >
          {error.causes.length > 0 && (
            <List>
              {error.causes.map((cause, j) => (
                <ListItem key={j}>{cause}</ListItem>
              ))}
            </List>
          )}
        </Alert>
      ))}
    </PageSection>
  );
