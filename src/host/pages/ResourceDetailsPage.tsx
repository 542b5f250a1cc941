// Built-in details page for any object: its live YAML (read-only), so ResourceLinks lead somewhere.
import type { FC } from 'react';
import { Alert, PageSection, Spinner } from '@patternfly/react-core';
import { useParams } from 'react-router';
import { stringify } from 'yaml';
import type { K8sModel, K8sResourceCommon } from '../sdk/k8s-types';
import { CodeEditor } from '../sdk/components/CodeEditor';
import { DocumentTitle } from '../sdk/components/DocumentTitle';
import { ListPageHeader } from '../sdk/components/ListPage';
import { ResourceIcon } from '../sdk/components/ResourceIcon';
import { getGroupVersionKindForModel } from '../sdk/use-k8s-model';
import { useK8sWatchResource } from '../sdk/use-k8s-watch-resource';
import { errorMessage } from './error-message';
import { useModelForSegment } from './use-model-for-segment';

const ObjectYAML: FC<{ model: K8sModel; name: string; namespace?: string }> = ({
  model,
  name,
  namespace,
}) => {
  const [obj, loaded, loadError] = useK8sWatchResource<K8sResourceCommon>({
    groupVersionKind: getGroupVersionKindForModel(model),
    name,
    ...(namespace ? { namespace } : {}),
  });
  if (loadError) {
    return (
      <Alert variant="danger" isInline title={errorMessage(loadError)} data-test="details-error" />
    );
  }
  if (!loaded) return <Spinner aria-label="Loading" />;
  return <CodeEditor value={stringify(obj)} language="yaml" isReadOnly minHeight="480px" />;
};

export const ResourceDetailsPage: FC = () => {
  const { resource = '', name = '', ns } = useParams();
  const [model, inFlight] = useModelForSegment(resource);
  return (
    <>
      <DocumentTitle>{name}</DocumentTitle>
      <ListPageHeader
        title={name}
        badge={
          model ? <ResourceIcon groupVersionKind={getGroupVersionKindForModel(model)} /> : undefined
        }
      />
      <PageSection>
        {model ? (
          <ObjectYAML model={model} name={name} {...(ns ? { namespace: ns } : {})} />
        ) : inFlight ? (
          <Spinner aria-label="Loading" />
        ) : (
          <Alert variant="warning" isInline title={`The cluster does not serve ${resource}`} />
        )}
      </PageSection>
    </>
  );
};
