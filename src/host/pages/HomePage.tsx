// Home: what the plugin contributed (plugin status, routes, nav entries, actions, samples).
import type { FC } from 'react';
import {
  Card,
  CardBody,
  CardTitle,
  DescriptionList,
  DescriptionListDescription,
  DescriptionListGroup,
  DescriptionListTerm,
  Label,
  List,
  ListItem,
} from '@patternfly/react-core';
import { useExtensions, usePluginInfo } from '@openshift/dynamic-plugin-sdk';
import { Link } from 'react-router';
import { DocumentTitle } from '../sdk/components/DocumentTitle';
import { ListPageBody, ListPageHeader } from '../sdk/components/ListPage';
import { isRoutePage } from '../shell/extension-types';

const statusColor = (status: string) =>
  status === 'loaded' ? 'green' : status === 'failed' ? 'red' : 'blue';

export const HomePage: FC = () => {
  const plugins = usePluginInfo();
  const extensions = useExtensions();
  const routes = useExtensions(isRoutePage);
  const counts = new Map<string, number>();
  extensions.forEach((e) => counts.set(e.type, (counts.get(e.type) ?? 0) + 1));
  return (
    <>
      <DocumentTitle>Home</DocumentTitle>
      <ListPageHeader
        title="VM Disks — console host"
        helpText="A stand-in for the OpenShift console 4.22 that loads the plugin through its manifest."
      />
      <ListPageBody>
        <Card className="vm-disks-host__spaced" data-test="plugin-info">
          <CardTitle>Plugins</CardTitle>
          <CardBody>
            {plugins.length === 0 && 'No plugin loaded.'}
            <DescriptionList isHorizontal>
              {plugins.map((p) => (
                <DescriptionListGroup key={p.manifest.name}>
                  <DescriptionListTerm>
                    {p.manifest.name} {p.manifest.version}
                  </DescriptionListTerm>
                  <DescriptionListDescription>
                    <Label
                      color={statusColor(p.status)}
                      data-test={`plugin-status-${p.manifest.name}`}
                    >
                      {p.status}
                    </Label>
                    {p.status === 'failed' && <> {p.errorMessage}</>}
                  </DescriptionListDescription>
                </DescriptionListGroup>
              ))}
            </DescriptionList>
          </CardBody>
        </Card>
        <Card className="vm-disks-host__spaced" data-test="plugin-extensions">
          <CardTitle>Extensions in use</CardTitle>
          <CardBody>
            <List>
              {[...counts.entries()].map(([type, count]) => (
                <ListItem key={type}>
                  {type}: {count}
                </ListItem>
              ))}
            </List>
          </CardBody>
        </Card>
        <Card data-test="plugin-routes">
          <CardTitle>Pages</CardTitle>
          <CardBody>
            <List>
              {routes.flatMap((r) =>
                (typeof r.properties.path === 'string'
                  ? [r.properties.path]
                  : r.properties.path
                ).map((path) => (
                  <ListItem key={`${r.uid}:${path}`}>
                    <Link to={path}>{path}</Link>
                  </ListItem>
                )),
              )}
            </List>
          </CardBody>
        </Card>
      </ListPageBody>
    </>
  );
};
