import { useMemo } from 'react';
import type { FC } from 'react';
import { Label, LabelGroup } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { StatusLabel } from '../../components/StatusLabel';
import { useNodes } from '../../k8s/hooks/useNodes';
import { NodeModel, gvkOf } from '../../k8s/models';
import { getNodeOSImage, getNodeReady, getNodeRoles, isRHCOS } from '../../k8s/selectors/node';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { NO_VALUE, sortedByName } from './cells';
import type { Focus } from './focus';
import { isFocused } from './focus';
import { rowProps } from './row-props';
import { SectionCard } from './SectionCard';
import { TablePagination } from './TablePagination';
import { usePagedRows } from './usePagedRows';

const KIND = 'Node';
const READY_TEXT = { True: 'Ready', False: 'NotReady', Unknown: 'Unknown' } as const;

export const NodesSection: FC<{ focus: Focus | undefined }> = ({ focus }) => {
  const { t } = usePluginTranslation();
  const [nodes, loaded, error] = useNodes();
  const rows = useMemo(() => sortedByName(nodes), [nodes]);
  const paged = usePagedRows(rows, (node) =>
    isFocused(focus, KIND, undefined, node.metadata?.name),
  );
  const title = t('Nodes');
  return (
    <SectionCard
      testId="overview-nodes"
      title={title}
      loaded={loaded}
      error={error}
      errorContext={{ model: NodeModel, verb: 'list' }}
      count={rows.length}
      emptyTitle={t('No nodes')}
      emptyBody={t('The cluster reports no nodes.')}
    >
      <Table aria-label={title} variant="compact">
        <Thead>
          <Tr>
            <Th>{t('Name')}</Th>
            <Th>{t('Roles')}</Th>
            <Th>{t('OS image')}</Th>
            <Th>{t('Status')}</Th>
          </Tr>
        </Thead>
        <Tbody>
          {paged.visible.map((node) => {
            const name = node.metadata?.name;
            const roles = getNodeRoles(node);
            const osImage = getNodeOSImage(node);
            return (
              <Tr
                key={node.metadata?.uid ?? name}
                {...rowProps(name, isFocused(focus, KIND, undefined, name))}
              >
                <Td dataLabel={t('Name')} modifier="nowrap">
                  <ResourceLink groupVersionKind={gvkOf(NodeModel)} name={name} />
                </Td>
                <Td dataLabel={t('Roles')}>{roles.length > 0 ? roles.join(', ') : NO_VALUE}</Td>
                <Td dataLabel={t('OS image')} data-test="node-os">
                  <LabelGroup>
                    {isRHCOS(node) ? (
                      <Label isCompact color="teal" data-test="node-rhcos">
                        {t('RHCOS')}
                      </Label>
                    ) : null}
                  </LabelGroup>{' '}
                  {osImage || NO_VALUE}
                </Td>
                <Td dataLabel={t('Status')}>
                  <StatusLabel phase={READY_TEXT[getNodeReady(node)]} />
                </Td>
              </Tr>
            );
          })}
        </Tbody>
      </Table>
      <TablePagination paged={paged} label={title} />
    </SectionCard>
  );
};
