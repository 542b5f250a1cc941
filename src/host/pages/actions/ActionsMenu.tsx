// Kebab menu with the actions of `console.action/resource-provider` extensions for a resource. Each
// provider is a hook (`[actions, loaded, error]`), run by its own small component while the menu is open.
import type { FC } from 'react';
import { useEffect, useRef, useState } from 'react';
import { Dropdown, DropdownItem, DropdownList, MenuToggle, Spinner } from '@patternfly/react-core';
import { EllipsisVIcon, ExternalLinkAltIcon } from '@patternfly/react-icons';
import { useNavigate } from 'react-router';
import type { K8sResourceCommon } from '../../sdk/k8s-types';
import type { Action, ActionsHook } from './action-types';
import { actionsSignature } from './action-types';

interface ProviderResult {
  actions: Action[];
  loaded: boolean;
  error?: unknown;
}

const ProviderRunner: FC<{
  id: string;
  useProvider: ActionsHook;
  resource: K8sResourceCommon;
  onResult: (id: string, result: ProviderResult) => void;
}> = ({ id, useProvider, resource, onResult }) => {
  const [actions, loaded, error] = useProvider(resource);
  const latest = useRef<ProviderResult>({ actions: [], loaded: false });
  const signature = actionsSignature(actions, loaded, error);
  useEffect(() => {
    latest.current = { actions: Array.isArray(actions) ? actions : [], loaded, error };
  });
  // Reported when the summary changes, so providers returning new arrays each render do not loop.
  useEffect(() => {
    onResult(id, latest.current);
  }, [id, signature, onResult]);
  return null;
};

export const ActionsMenu: FC<{
  resource: K8sResourceCommon;
  providers: { uid: string; hook: ActionsHook }[];
}> = ({ resource, providers }) => {
  const [open, setOpen] = useState(false);
  const [results, setResults] = useState<Partial<Record<string, ProviderResult>>>({});
  const navigate = useNavigate();
  const [onResult] = useState(() => (id: string, result: ProviderResult) => {
    setResults((current) => ({ ...current, [id]: result }));
  });
  const name = resource.metadata?.name ?? '';
  const actions = providers.flatMap((p) => results[p.uid]?.actions ?? []);
  const loading = providers.some((p) => !results[p.uid]?.loaded && !results[p.uid]?.error);

  const run = (action: Action) => {
    setOpen(false);
    if (typeof action.cta === 'function') {
      action.cta();
    } else if (action.cta.external) {
      window.open(action.cta.href, '_blank', 'noopener,noreferrer');
    } else {
      void navigate(action.cta.href);
    }
  };

  const tooltip = (action: Action) => {
    const content = action.disabled ? (action.disabledTooltip ?? action.tooltip) : action.tooltip;
    return content ? { content } : undefined;
  };

  return (
    <>
      {open &&
        providers.map((p) => (
          <ProviderRunner
            key={p.uid}
            id={p.uid}
            useProvider={p.hook}
            resource={resource}
            onResult={onResult}
          />
        ))}
      <Dropdown
        isOpen={open}
        onOpenChange={setOpen}
        popperProps={{ position: 'right' }}
        toggle={(ref) => (
          <MenuToggle
            ref={ref}
            variant="plain"
            aria-label={`Actions for ${name}`}
            data-test="kebab-button"
            isExpanded={open}
            onClick={() => {
              setOpen((o) => !o);
            }}
            icon={<EllipsisVIcon />}
          />
        )}
      >
        <DropdownList>
          {actions.map((action) => (
            <DropdownItem
              key={action.id}
              data-test-action={action.id}
              description={action.description}
              isAriaDisabled={action.disabled}
              tooltipProps={tooltip(action)}
              icon={typeof action.icon === 'string' ? undefined : action.icon}
              onClick={() => {
                run(action);
              }}
            >
              {action.label}
              {typeof action.cta === 'object' && action.cta.external && (
                <>
                  {' '}
                  <ExternalLinkAltIcon />
                </>
              )}
            </DropdownItem>
          ))}
          {loading && (
            <DropdownItem key="loading" isDisabled>
              <Spinner size="sm" aria-label="Loading actions" />
            </DropdownItem>
          )}
          {!loading && actions.length === 0 && (
            <DropdownItem key="none" isDisabled>
              No actions
            </DropdownItem>
          )}
        </DropdownList>
      </Dropdown>
    </>
  );
};
