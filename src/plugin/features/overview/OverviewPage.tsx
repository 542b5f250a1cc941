// The Overview: nodes, storage classes, PersistentVolumes by node, claims, DataVolumes and virtual machines, all
// live. Each section loads, fails and empties on its own; `?focus=Kind/ns/name` scrolls to and highlights a row.
import { useEffect, useRef } from 'react';
import type { FC } from 'react';
import { Grid, GridItem, PageSection } from '@patternfly/react-core';
import {
  DocumentTitle,
  ListPageHeader,
  useActiveNamespace,
} from '@openshift-console/dynamic-plugin-sdk';
import { ALL_NAMESPACES_KEY } from '../../k8s/models';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { HppOverviewSection } from '../../components/hpp-status/HppStatusPanel';
import { ClaimsSection } from './ClaimsSection';
import { DataVolumesSection } from './DataVolumesSection';
import { LocalStorageSection } from './LocalStorageSection';
import { NodesSection } from './NodesSection';
import { StorageClassesSection } from './StorageClassesSection';
import { VirtualMachinesSection } from './VirtualMachinesSection';
import { namespaceToShowFocus } from './focus';
import { useFocus } from './useFocus';
import './overview.css';

export const OverviewPage: FC = () => {
  const { t } = usePluginTranslation();
  const [namespace, setNamespace] = useActiveNamespace();
  const focus = useFocus();

  // A focus on an object of another project switches to that project once, so its row can be shown.
  const switchedFor = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (!focus) return;
    const key = `${focus.kind}/${focus.namespace}/${focus.name}`;
    if (switchedFor.current === key) return;
    switchedFor.current = key;
    const target = namespaceToShowFocus(focus, namespace, ALL_NAMESPACES_KEY);
    if (target) setNamespace(target);
  }, [focus, namespace, setNamespace]);

  const title = t('VM Disks overview');
  return (
    <>
      <DocumentTitle>{title}</DocumentTitle>
      <ListPageHeader
        title={title}
        helpText={t(
          'Where virtual machine disks live: nodes, storage classes, volumes, claims and DataVolumes.',
        )}
      />
      <PageSection data-test="vm-disks-overview">
        <Grid hasGutter>
          <GridItem xl2={6}>
            <NodesSection focus={focus} />
          </GridItem>
          <GridItem xl2={6}>
            <StorageClassesSection focus={focus} />
          </GridItem>
          <GridItem>
            <LocalStorageSection focus={focus} />
          </GridItem>
          <HppOverviewSection />
          <GridItem>
            <ClaimsSection focus={focus} namespace={namespace} />
          </GridItem>
          <GridItem xl2={6}>
            <DataVolumesSection focus={focus} namespace={namespace} />
          </GridItem>
          <GridItem xl2={6}>
            <VirtualMachinesSection focus={focus} namespace={namespace} />
          </GridItem>
        </Grid>
      </PageSection>
    </>
  );
};
