// The plugin's `console.yaml-template` samples per model, shown in the host's CodeEditor.
import type { FC } from 'react';
import {
  Alert,
  Card,
  CardBody,
  CardTitle,
  EmptyState,
  Gallery,
  Spinner,
} from '@patternfly/react-core';
import { useResolvedExtensions } from '@openshift/dynamic-plugin-sdk';
import { CodeEditor } from '../sdk/components/CodeEditor';
import { DocumentTitle } from '../sdk/components/DocumentTitle';
import { ListPageBody, ListPageHeader } from '../sdk/components/ListPage';
import { referenceForGroupVersionKind } from '../sdk/k8s-resource';
import { isYamlTemplate } from '../shell/extension-types';
import { errorMessage } from './error-message';

export const YamlSamplesPage: FC = () => {
  const [templates, resolved, errors] = useResolvedExtensions(isYamlTemplate);
  return (
    <>
      <DocumentTitle>YAML samples</DocumentTitle>
      <ListPageHeader
        title="YAML samples"
        helpText="Templates contributed through console.yaml-template extensions."
      />
      <ListPageBody>
        {errors.map((e, i) => (
          <Alert key={i} variant="danger" isInline title="A template failed to resolve">
            {errorMessage(e)}
          </Alert>
        ))}
        {!resolved && <Spinner aria-label="Loading templates" />}
        {resolved && templates.length === 0 && (
          <EmptyState titleText="No YAML samples" headingLevel="h2" />
        )}
        <Gallery hasGutter minWidths={{ default: '100%' }}>
          {templates.map((t) => {
            const ref = referenceForGroupVersionKind(t.properties.model);
            return (
              <Card key={t.uid} data-test={`yaml-template-${t.properties.name}`}>
                <CardTitle>
                  {t.properties.model.kind} — {t.properties.name}{' '}
                  <small className="vm-disks-host__subtle">{ref}</small>
                </CardTitle>
                <CardBody>
                  <CodeEditor
                    value={String(t.properties.template)}
                    language="yaml"
                    isReadOnly
                    minHeight="320px"
                  />
                </CardBody>
              </Card>
            );
          })}
        </Gallery>
      </ListPageBody>
    </>
  );
};
