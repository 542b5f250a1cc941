// Why a list could not be shown. For a 403 it names the missing permission (verb, resource, scope) and says the
// rest of the page still works; for an API the cluster does not serve it says so; otherwise the API's message.
import type { FC } from 'react';
import { Alert } from '@patternfly/react-core';
import { describeLoadError, qualifiedResource } from '../k8s/load-error';
import type { RequestContext } from '../k8s/load-error';
import { apiVersionOf } from '../k8s/models';
import { usePluginTranslation } from '../i18n/usePluginTranslation';
import './components.css';

export interface LoadErrorProps extends RequestContext {
  error: unknown;
}

export const LoadError: FC<LoadErrorProps> = ({ error, model, verb, namespace }) => {
  const { t } = usePluginTranslation();
  const described = describeLoadError(error, { model, verb, namespace });
  const label = model.labelPlural;

  switch (described.kind) {
    case 'forbidden': {
      const resource = qualifiedResource(described.resource, described.group);
      const permission =
        described.scope.kind === 'namespace'
          ? t('You need permission to {{verb}} {{resource}} in the namespace {{namespace}}.', {
              verb: described.verb,
              resource,
              namespace: described.scope.namespace,
            })
          : t('You need permission to {{verb}} {{resource}} at the cluster scope.', {
              verb: described.verb,
              resource,
            });
      return (
        <Alert
          isInline
          variant="warning"
          title={t('Not allowed to see {{label}}', { label })}
          data-test="load-error"
          data-error-kind="forbidden"
          data-permission={`${described.verb} ${resource}`}
        >
          <p>{permission}</p>
          <p>{t('The rest of this page still works.')}</p>
          <p className="vm-disks-plugin__api-message">{described.message}</p>
        </Alert>
      );
    }
    case 'not-found':
      return (
        <Alert
          isInline
          variant="info"
          title={t('{{label}} are not available in this cluster', { label })}
          data-test="load-error"
          data-error-kind="not-found"
        >
          <p>
            {t('The API {{apiVersion}} is not served. Is its operator installed?', {
              apiVersion: apiVersionOf(model),
            })}
          </p>
        </Alert>
      );
    case 'unauthorized':
      return (
        <Alert
          isInline
          variant="danger"
          title={t('Your session has ended')}
          data-test="load-error"
          data-error-kind="unauthorized"
        >
          <p>{t('Log in again to see {{label}}.', { label })}</p>
        </Alert>
      );
    case 'other':
      return (
        <Alert
          isInline
          variant="danger"
          title={t('Could not load {{label}}', { label })}
          data-test="load-error"
          data-error-kind="other"
        >
          <p className="vm-disks-plugin__api-message">{described.message}</p>
        </Alert>
      );
  }
};
