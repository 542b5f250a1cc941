// The PersistentVolumes of one node (or of no single node): a heading with the count, then a windowed table of the
// volumes (capacity, mode, class, phase, claim, optionally the virtual machines using the claim, path). Used by the
// Overview's "Local storage by node" and by the local-volumes page.
import { useMemo } from 'react';
import type { FC, ReactNode } from 'react';
import { Flex, FlexItem, Title } from '@patternfly/react-core';
import { Td, Th, Tr } from '@patternfly/react-table';
import type { TrProps } from '@patternfly/react-table';
import { ResourceLink } from '@openshift-console/dynamic-plugin-sdk';
import { humanizeQuantity } from '../../../lib/quantity';
import {
  NodeModel,
  PersistentVolumeClaimModel,
  PersistentVolumeModel,
  StorageClassModel,
  VirtualMachineModel,
  gvkOf,
} from '../../k8s/models';
import {
  getPVCapacity,
  getPVClaim,
  getPVLocalPath,
  getPVPhase,
  getPVVolumeMode,
} from '../../k8s/selectors/persistent-volume';
import type { NodePVGroup as Group } from '../../k8s/selectors/persistent-volume';
import type { PersistentVolumeKind } from '../../k8s/types';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { StatusLabel } from '../StatusLabel';
import { VirtualTable } from '../virtual-table/VirtualTable';
import './node-pv-group.css';

const DASH = '—';

/** Attributes of one row: PatternFly's, plus the e2e and focus hooks. */
export interface PVRowAttributes extends TrProps {
  'data-test-row'?: string;
  'data-focused'?: string;
}
const NO_VMS: readonly string[] = [];

export interface NodePVGroupProps {
  group: Group;
  /** `data-test` of the group (the e2e hook). */
  dataTest: string;
  /** `data-test` of the "no volumes" text. */
  emptyDataTest: string;
  /** `namespace/claim` → names of the VMs using it; adds the "Virtual machines" column when given. */
  vmsByClaim?: ReadonlyMap<string, string[]>;
  /** Shown at the end of the heading (e.g. a link to add a volume on this node). */
  actions?: ReactNode;
  /** The volume to scroll to and highlight. */
  isFocused?: (pv: PersistentVolumeKind) => boolean;
  /** Attributes of a row; by default `data-test-row` with the PV name. */
  rowProps?: (pv: PersistentVolumeKind) => PVRowAttributes;
  /** The row's actions (a kebab), in a last column; none by default. */
  rowActions?: (pv: PersistentVolumeKind) => ReactNode;
  /** Level of the group's heading: one below the heading of what contains it. */
  headingLevel?: 'h2' | 'h3';
}

const defaultRowProps = (pv: PersistentVolumeKind) => ({
  'data-test-row': pv.metadata?.name ?? '',
});

export const NodePVGroup: FC<NodePVGroupProps> = ({
  group,
  dataTest,
  emptyDataTest,
  vmsByClaim,
  actions,
  isFocused,
  rowProps = defaultRowProps,
  rowActions,
  headingLevel = 'h3',
}) => {
  const { t } = usePluginTranslation();
  const heading = group.node ?? t('Not pinned to a node');
  const focusIndex = useMemo(
    () => (isFocused ? group.pvs.findIndex(isFocused) : -1),
    [group, isFocused],
  );
  const columns = [
    t('Name'),
    t('Capacity'),
    t('Volume mode'),
    t('Storage class'),
    t('Status'),
    t('Claim'),
    ...(vmsByClaim ? [t('Virtual machines')] : []),
    t('Path'),
  ];
  const columnCount = columns.length + (rowActions ? 1 : 0);
  const label = t('PersistentVolumes of {{group}}', {
    group: group.node ? t('Node {{node}}', { node: group.node }) : heading,
  });
  return (
    <div className="vm-disks-plugin__pv-group" data-test={dataTest} data-node={group.node ?? ''}>
      <Flex
        justifyContent={{ default: 'justifyContentSpaceBetween' }}
        alignItems={{ default: 'alignItemsBaseline' }}
      >
        <FlexItem>
          <Title headingLevel={headingLevel} size="md">
            {group.node ? (
              <ResourceLink groupVersionKind={gvkOf(NodeModel)} name={group.node} inline />
            ) : (
              heading
            )}{' '}
            <span className="vm-disks-plugin__subtitle">
              {t('{{count}} PersistentVolumes', { count: group.pvs.length })}
            </span>
          </Title>
        </FlexItem>
        {actions ? <FlexItem>{actions}</FlexItem> : null}
      </Flex>
      {group.pvs.length === 0 ? (
        <p className="vm-disks-plugin__subtitle" data-test={emptyDataTest}>
          {t('No PersistentVolumes on this node.')}
        </p>
      ) : (
        <VirtualTable
          aria-label={label}
          rows={group.pvs}
          columnCount={columnCount}
          focusIndex={focusIndex}
          header={[
            ...columns.map((c) => (
              <Th key={c} modifier="wrap">
                {c}
              </Th>
            )),
            ...(rowActions ? [<Th key="actions" screenReaderText={t('Actions')} />] : []),
          ]}
          renderRow={(pv, ariaRowIndex) => {
            const name = pv.metadata?.name;
            const claim = getPVClaim(pv);
            const storageClass = pv.spec?.storageClassName;
            const vms = claim
              ? (vmsByClaim?.get(`${claim.namespace}/${claim.name}`) ?? NO_VMS)
              : NO_VMS;
            return (
              <Tr key={pv.metadata?.uid ?? name} aria-rowindex={ariaRowIndex} {...rowProps(pv)}>
                <Td dataLabel={t('Name')} modifier="nowrap">
                  <ResourceLink groupVersionKind={gvkOf(PersistentVolumeModel)} name={name} />
                </Td>
                <Td dataLabel={t('Capacity')}>{humanizeQuantity(getPVCapacity(pv)) || DASH}</Td>
                <Td dataLabel={t('Volume mode')}>{getPVVolumeMode(pv)}</Td>
                <Td dataLabel={t('Storage class')}>
                  {storageClass ? (
                    <ResourceLink groupVersionKind={gvkOf(StorageClassModel)} name={storageClass} />
                  ) : (
                    DASH
                  )}
                </Td>
                <Td dataLabel={t('Status')}>
                  <StatusLabel phase={getPVPhase(pv)} />
                </Td>
                <Td dataLabel={t('Claim')}>
                  {claim ? (
                    <ResourceLink
                      groupVersionKind={gvkOf(PersistentVolumeClaimModel)}
                      name={claim.name}
                      namespace={claim.namespace}
                    />
                  ) : (
                    DASH
                  )}
                </Td>
                {vmsByClaim ? (
                  <Td dataLabel={t('Virtual machines')} data-test="lv-vms">
                    {vms.length > 0 && claim
                      ? vms.map((vm) => (
                          <ResourceLink
                            key={vm}
                            groupVersionKind={gvkOf(VirtualMachineModel)}
                            name={vm}
                            namespace={claim.namespace}
                          />
                        ))
                      : DASH}
                  </Td>
                ) : null}
                <Td dataLabel={t('Path')} modifier="breakWord">
                  {getPVLocalPath(pv) ?? DASH}
                </Td>
                {rowActions ? <Td isActionCell>{rowActions(pv)}</Td> : null}
              </Tr>
            );
          }}
        />
      )}
    </div>
  );
};
