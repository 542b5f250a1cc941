// Built-in list page for any kind (PVCs, PVs and VirtualMachines are in the nav): live table with the
// plugin's resource actions in a kebab per row. Like the console's list pages it is virtualized against the page
// scroll: only the rows near the viewport (and their action menus) are rendered, however long the list.
import type { FC } from 'react';
import { useMemo } from 'react';
import { Alert, EmptyState, EmptyStateBody, Label, Spinner } from '@patternfly/react-core';
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
import { usePageRowWindow } from './use-page-row-window';

const Spacer: FC<{ height: number; columns: number }> = ({ height, columns }) =>
  height > 0 ? (
    <tr aria-hidden="true">
      <td colSpan={columns} style={{ height, padding: 0, border: 0 }} />
    </tr>
  ) : null;

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
  // Windowed: thousands of rows (each with its actions menu) would freeze the page.
  const { bodyRef, window: shown, measureElement } = usePageRowWindow(items.length);
  const pageItems = items.slice(shown.start, shown.end);
  const columns = showNamespace ? 5 : 4;

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
  return (
    <>
      <Table
        aria-label={model.labelPlural}
        aria-rowcount={items.length + 1}
        variant="compact"
        data-test="resource-list"
        data-row-count={items.length}
        data-window={`${shown.start}-${shown.end}`}
      >
        <Thead>
          <Tr aria-rowindex={1}>
            <Th>Name</Th>
            {showNamespace && <Th>Namespace</Th>}
            <Th>Status</Th>
            <Th>Created</Th>
            <Th screenReaderText="Actions" />
          </Tr>
        </Thead>
        <Tbody ref={bodyRef}>
          <Spacer height={shown.before} columns={columns} />
          {pageItems.map((obj, i) => {
            const name = obj.metadata?.name ?? '';
            const ns = obj.metadata?.namespace;
            return (
              <Tr
                key={`${ns ?? ''}/${name}`}
                ref={measureElement}
                data-index={shown.start + i}
                data-test-row={name}
                aria-rowindex={shown.start + i + 2}
              >
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
          <Spacer height={shown.after} columns={columns} />
        </Tbody>
      </Table>
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
