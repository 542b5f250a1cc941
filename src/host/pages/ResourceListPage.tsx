// Built-in list page for any kind (PVCs, PVs and VirtualMachines are in the nav): live table with the
// plugin's resource actions in a kebab per row.
import type { FC } from 'react';
import { useMemo, useState } from 'react';
import {
  Alert,
  EmptyState,
  EmptyStateBody,
  Label,
  Pagination,
  Spinner,
} from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { useParams } from 'react-router';
import { useResolvedExtensions } from '@openshift/dynamic-plugin-sdk';
import { useActiveNamespace } from '../sdk/console-context';
import { ALL_NAMESPACES_KEY } from '../sdk/k8s-types';
import type { K8sModel, K8sResourceCommon } from '../sdk/k8s-types';
import { DocumentTitle } from '../sdk/components/DocumentTitle';
import { ListPageBody, ListPageHeader } from '../sdk/components/ListPage';
import { ResourceLink } from '../sdk/components/ResourceLink';
import { Timestamp } from '../sdk/components/Timestamp';
import { getGroupVersionKindForModel } from '../sdk/use-k8s-model';
import { useK8sWatchResource } from '../sdk/use-k8s-watch-resource';
import { isResourceActionProvider } from '../shell/extension-types';
import { ActionsMenu } from './actions/ActionsMenu';
import type { ActionsHook } from './actions/action-types';
import { modelMatches } from './actions/action-types';
import { resourceStatus } from './resource-status';
import { useModelForSegment } from './use-model-for-segment';
import { errorMessage } from './error-message';

const PER_PAGE_DEFAULT = 50;
const PER_PAGE_OPTIONS = [
  { title: '20', value: 20 },
  { title: '50', value: 50 },
  { title: '100', value: 100 },
  { title: '200', value: 200 },
];

const ResourceTable: FC<{ model: K8sModel; namespace: string }> = ({ model, namespace }) => {
  const gvk = useMemo(() => getGroupVersionKindForModel(model), [model]);
  const [items, loaded, loadError] = useK8sWatchResource<K8sResourceCommon[]>({
    groupVersionKind: gvk,
    isList: true,
    ...(model.namespaced && namespace !== ALL_NAMESPACES_KEY ? { namespace } : {}),
  });
  const [providerExtensions] = useResolvedExtensions(isResourceActionProvider);
  const providers = useMemo(
    () =>
      providerExtensions
        .filter((e) => modelMatches(e.properties.model, gvk))
        .map((e) => ({ uid: e.uid, hook: e.properties.provider as ActionsHook })),
    [providerExtensions, gvk],
  );
  const showNamespace = Boolean(model.namespaced) && namespace === ALL_NAMESPACES_KEY;
  // Paged: thousands of rows (each with its actions menu) would freeze the page.
  const [page, setPage] = useState(1);
  const [perPage, setPerPage] = useState(PER_PAGE_DEFAULT);
  const lastPage = Math.max(1, Math.ceil(items.length / perPage));
  const currentPage = Math.min(page, lastPage);
  const pageItems = useMemo(
    () => items.slice((currentPage - 1) * perPage, currentPage * perPage),
    [items, currentPage, perPage],
  );

  if (loadError) {
    return (
      <Alert
        variant="danger"
        isInline
        title={`Could not load ${model.labelPlural}`}
        data-test="list-error"
      >
        {errorMessage(loadError)}
      </Alert>
    );
  }
  if (!loaded) return <Spinner aria-label={`Loading ${model.labelPlural}`} />;
  if (items.length === 0) {
    return (
      <EmptyState
        titleText={`No ${model.labelPlural} found`}
        headingLevel="h2"
        data-test="list-empty"
      >
        <EmptyStateBody>There are no {model.labelPlural} to show here.</EmptyStateBody>
      </EmptyState>
    );
  }
  const pagination = (variant: 'top' | 'bottom') => (
    <Pagination
      itemCount={items.length}
      page={currentPage}
      perPage={perPage}
      perPageOptions={PER_PAGE_OPTIONS}
      onSetPage={(_event, next) => {
        setPage(next);
      }}
      onPerPageSelect={(_event, next) => {
        setPerPage(next);
        setPage(1);
      }}
      variant={variant}
      isCompact={variant === 'top'}
      data-test={`resource-list-pagination-${variant}`}
    />
  );
  return (
    <>
      {pagination('top')}
      <Table aria-label={model.labelPlural} variant="compact" data-test="resource-list">
        <Thead>
          <Tr>
            <Th>Name</Th>
            {showNamespace && <Th>Namespace</Th>}
            <Th>Status</Th>
            <Th>Created</Th>
            <Th screenReaderText="Actions" />
          </Tr>
        </Thead>
        <Tbody>
          {pageItems.map((obj) => {
            const name = obj.metadata?.name ?? '';
            const ns = obj.metadata?.namespace;
            return (
              <Tr key={`${ns ?? ''}/${name}`} data-test-row={name}>
                <Td dataLabel="Name">
                  <ResourceLink
                    groupVersionKind={gvk}
                    name={name}
                    {...(ns ? { namespace: ns } : {})}
                  />
                </Td>
                {showNamespace && (
                  <Td dataLabel="Namespace">
                    {ns && (
                      <ResourceLink
                        groupVersionKind={{ version: 'v1', kind: 'Namespace' }}
                        name={ns}
                      />
                    )}
                  </Td>
                )}
                <Td dataLabel="Status">
                  <Label isCompact>{resourceStatus(obj)}</Label>
                </Td>
                <Td dataLabel="Created">
                  <Timestamp timestamp={obj.metadata?.creationTimestamp} />
                </Td>
                <Td isActionCell>
                  <ActionsMenu resource={obj} providers={providers} />
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      {pagination('bottom')}
    </>
  );
};

export const ResourceListPage: FC = () => {
  const { resource = '' } = useParams();
  const [namespace] = useActiveNamespace();
  const [model, inFlight] = useModelForSegment(resource);
  if (!model) {
    return (
      <ListPageBody>
        {inFlight ? (
          <Spinner aria-label="Loading" />
        ) : (
          <Alert variant="warning" isInline title={`The cluster does not serve ${resource}`} />
        )}
      </ListPageBody>
    );
  }
  return (
    <>
      <DocumentTitle>{model.labelPlural}</DocumentTitle>
      <ListPageHeader title={model.labelPlural} />
      <ListPageBody>
        <ResourceTable model={model} namespace={namespace} />
      </ListPageBody>
    </>
  );
};
