import type { FC } from 'react';
import { useState } from 'react';
import { MenuToggle, Select, SelectList, SelectOption, Divider } from '@patternfly/react-core';
import { useActiveNamespace } from '../sdk/console-context';
import { ALL_NAMESPACES_KEY } from '../sdk/k8s-types';
import type { K8sResourceCommon } from '../sdk/k8s-types';
import { useK8sWatchResource } from '../sdk/use-k8s-watch-resource';

const label = (ns: string) => (ns === ALL_NAMESPACES_KEY ? 'All projects' : ns);

export const NamespaceSelector: FC = () => {
  const [namespace, setNamespace] = useActiveNamespace();
  const [open, setOpen] = useState(false);
  const [namespaces] = useK8sWatchResource<K8sResourceCommon[]>({
    groupVersionKind: { version: 'v1', kind: 'Namespace' },
    isList: true,
  });
  const names = (Array.isArray(namespaces) ? namespaces : [])
    .map((n) => n.metadata?.name ?? '')
    .filter(Boolean)
    .sort();
  if (namespace !== ALL_NAMESPACES_KEY && !names.includes(namespace)) names.unshift(namespace);
  return (
    <Select
      isOpen={open}
      selected={namespace}
      onSelect={(_event, value) => {
        setNamespace(String(value));
        setOpen(false);
      }}
      onOpenChange={setOpen}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          onClick={() => {
            setOpen((o) => !o);
          }}
          isExpanded={open}
          data-test="namespace-selector"
        >
          Project: {label(namespace)}
        </MenuToggle>
      )}
      shouldFocusToggleOnSelect
    >
      <SelectList aria-label="Projects">
        <SelectOption value={ALL_NAMESPACES_KEY} data-test="namespace-all">
          All projects
        </SelectOption>
        <Divider component="li" />
        {names.map((name) => (
          <SelectOption key={name} value={name} data-test={`namespace-${name}`}>
            {name}
          </SelectOption>
        ))}
      </SelectList>
    </Select>
  );
};
