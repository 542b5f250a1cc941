// Clone DataVolumes of earlier moves that no VM reads (a move abandoned, or repeated before resuming was
// possible), in every namespace the user may list, each with a confirmed clean-up.
import type { FC } from 'react';
import { Alert, Card, CardBody, CardHeader, CardTitle, Content } from '@patternfly/react-core';
import { Table, Tbody, Td, Th, Thead, Tr } from '@patternfly/react-table';
import { ResourceLink, k8sDelete } from '@openshift-console/dynamic-plugin-sdk';
import {
  MOVE_SOURCE_VM_LABEL,
  MOVE_SOURCE_VOLUME_LABEL,
  movedFrom,
} from '../../../lib/clone-datavolume';
import { DataVolumeModel, gvkOf } from '../../k8s/models';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { ConfirmButton } from './ConfirmButton';
import type { LeftoverClones as Leftovers } from './useLeftoverClones';

export const LeftoverClones: FC<{ leftovers: Leftovers }> = ({ leftovers }) => {
  const { t } = usePluginTranslation();
  if (leftovers.clones.length === 0 && leftovers.allNamespaces) return null;
  return (
    <Card data-test="md-leftovers">
      <CardHeader>
        <CardTitle>{t('Leftover clones')}</CardTitle>
      </CardHeader>
      <CardBody>
        <Content component="p">
          {t(
            'Clone DataVolumes made by this wizard that no virtual machine uses. Each holds a copy of a disk on a local volume.',
          )}
        </Content>
        {leftovers.allNamespaces ? null : (
          <Alert
            isInline
            isPlain
            variant="info"
            data-test="md-leftovers-scope"
            title={
              leftovers.namespace
                ? t(
                    'Only {{namespace}} was searched: you may not list DataVolumes and VirtualMachines in all namespaces.',
                    { namespace: leftovers.namespace },
                  )
                : t(
                    'No namespace was searched: you may not list DataVolumes and VirtualMachines in all namespaces. Choose a namespace.',
                  )
            }
          />
        )}
        {leftovers.clones.length === 0 ? null : (
          <Table variant="compact" aria-label={t('Leftover clones')}>
            <Thead>
              <Tr>
                <Th>{t('DataVolume')}</Th>
                <Th>{t('Namespace')}</Th>
                <Th>{t('Copy of')}</Th>
                <Th>{t('Phase')}</Th>
                <Th screenReaderText={t('Actions')} />
              </Tr>
            </Thead>
            <Tbody>
              {leftovers.clones.map((dv) => {
                const name = dv.metadata?.name ?? '';
                const namespace = dv.metadata?.namespace ?? '';
                const labels = dv.metadata?.labels ?? {};
                const source = movedFrom(dv);
                return (
                  <Tr key={`${namespace}/${name}`} data-test-row={name} data-namespace={namespace}>
                    <Td dataLabel={t('DataVolume')}>
                      <ResourceLink
                        groupVersionKind={gvkOf(DataVolumeModel)}
                        name={name}
                        namespace={namespace}
                      />
                    </Td>
                    <Td dataLabel={t('Namespace')}>{namespace}</Td>
                    <Td dataLabel={t('Copy of')}>
                      {t('{{volume}} of {{vm}} (claim {{claim}})', {
                        volume: labels[MOVE_SOURCE_VOLUME_LABEL] ?? '',
                        vm: labels[MOVE_SOURCE_VM_LABEL] ?? '',
                        claim: source?.name ?? '',
                      })}
                    </Td>
                    <Td dataLabel={t('Phase')}>{dv.status?.phase ?? t('Pending')}</Td>
                    <Td isActionCell>
                      <ConfirmButton
                        testId={`md-leftover-delete-${name}`}
                        variant="danger"
                        label={t('Delete')}
                        title={t('Delete {{name}}?', { name })}
                        confirmLabel={t('Delete')}
                        onConfirm={() =>
                          k8sDelete({
                            model: DataVolumeModel,
                            resource: { metadata: { name, namespace } },
                          })
                        }
                      >
                        {t(
                          'The DataVolume {{name}} and the copy on its volume are deleted. No virtual machine uses it.',
                          { name },
                        )}
                      </ConfirmButton>
                    </Td>
                  </Tr>
                );
              })}
            </Tbody>
          </Table>
        )}
      </CardBody>
    </Card>
  );
};
