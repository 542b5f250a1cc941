import { useMemo } from 'react';
import type { FC } from 'react';
import { Label, LabelGroup } from '@patternfly/react-core';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { StatusLabel } from '../../components/StatusLabel';
import { useNodes } from '../../k8s/hooks/useNodes';
import { NodeModel, gvkOf } from '../../k8s/models';
import { getNodeOSImage, getNodeReady, getNodeRoles, isRHCOS } from '../../k8s/selectors/node';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { NO_VALUE, sortedByName } from './cells';
import type { Focus } from './focus';
import { SectionCard } from './SectionCard';
import { SectionTable } from './SectionTable';

const KIND = 'Node';
const READY_TEXT = { True: 'Ready', False: 'NotReady', Unknown: 'Unknown' } as const;

export const NodesSection: FC<{ focus: Focus | undefined }> = ({ focus }) => {
  const { t } = usePluginTranslation();
  const [nodes, loaded, error] = useNodes();
  const rows = useMemo(() => sortedByName(nodes), [nodes]);
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
      <SectionTable
        label={title}
        kind={KIND}
        focus={focus}
        rows={rows}
        columns={[
          {
            title: t('Name'),
            modifier: 'nowrap',
            cell: (node) => (
              <ResourceLink groupVersionKind={gvkOf(NodeModel)} name={node.metadata?.name} />
            ),
          },
          {
            title: t('Roles'),
            cell: (node) => {
              const roles = getNodeRoles(node);
              return roles.length > 0 ? roles.join(', ') : NO_VALUE;
            },
          },
          {
            title: t('OS image'),
            dataTest: 'node-os',
            cell: (node) => (
              <>
                <LabelGroup>
                  {isRHCOS(node) ? (
                    <Label isCompact color="teal" data-test="node-rhcos">
                      {t('RHCOS')}
                    </Label>
                  ) : null}
                </LabelGroup>{' '}
                {getNodeOSImage(node) || NO_VALUE}
              </>
            ),
          },
          {
            title: t('Status'),
            cell: (node) => <StatusLabel phase={READY_TEXT[getNodeReady(node)]} />,
          },
        ]}
      />
    </SectionCard>
  );
};
