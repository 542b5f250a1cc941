// The upload form's namespace: a typeahead select of the namespaces the user may list (their projects when they
// may not list namespaces, as on OpenShift); when that list fails too it is a free-text field (the same input). Typing always sets the value, so a namespace
// missing from the list can still be entered.
import { useMemo, useState } from 'react';
import type { FC } from 'react';
import {
  Button,
  MenuToggle,
  Select,
  SelectList,
  SelectOption,
  TextInputGroup,
  TextInputGroupMain,
  TextInputGroupUtilities,
} from '@patternfly/react-core';
import { TimesIcon } from '@patternfly/react-icons';
import {
  getGroupVersionKindForModel,
  useAccessReview,
  useK8sWatchResource,
} from '@openshift-console/dynamic-plugin-sdk';
import type { K8sResourceCommon } from '@openshift-console/dynamic-plugin-sdk';
import { usePluginTranslation } from '../../i18n/usePluginTranslation';
import { NamespaceModel, namespaceOptions, ProjectModel } from './namespace-options';

export interface NamespaceList {
  /** The namespaces the user may list; `undefined` when they may not (free text) or not yet known. */
  names: string[] | undefined;
}

/** The namespaces (or projects) the user may list, or `undefined` (free text) when listing failed. */
export const useListableNamespaces = (): NamespaceList => {
  const [canList, reviewLoading] = useAccessReview({
    group: '',
    resource: 'namespaces',
    verb: 'list',
  });
  // Users who may not list namespaces list their projects on OpenShift; elsewhere that list fails (free text).
  const resource = useMemo(
    () =>
      reviewLoading
        ? null
        : {
            groupVersionKind: getGroupVersionKindForModel(canList ? NamespaceModel : ProjectModel),
            isList: true,
          },
    [canList, reviewLoading],
  );
  const watched = useK8sWatchResource<K8sResourceCommon[]>(resource);
  const [data, loaded] = watched;
  const error: unknown = watched[2];
  if (!resource || !loaded || error || !Array.isArray(data)) return { names: undefined };
  return { names: data.map((ns) => ns.metadata?.name ?? '').filter(Boolean) };
};

export interface NamespaceSelectProps {
  id: string;
  value: string;
  onChange: (namespace: string) => void;
  names: string[] | undefined;
  invalid: boolean;
}

export const NamespaceSelect: FC<NamespaceSelectProps> = ({
  id,
  value,
  onChange,
  names,
  invalid,
}) => {
  const { t } = usePluginTranslation();
  const [isOpen, setOpen] = useState(false);
  // What was typed since the menu opened; `null` shows every namespace.
  const [typed, setTyped] = useState<string | null>(null);
  const options = namespaceOptions(names ?? [], typed);
  const listId = `${id}-listbox`;
  const open = (next: boolean) => {
    setOpen(next);
    if (!next) setTyped(null);
  };

  // One input element whether or not the list is known: the list arriving while the user types (or a test fills
  // the field) used to replace a plain text field by the typeahead's input, losing the focus and, for an input
  // event already in flight on the replaced element, the typed value (the namespace went back to "default").
  const listed = names !== undefined;
  return (
    <Select
      id={`${id}-select`}
      isOpen={listed && isOpen}
      selected={value}
      onSelect={(_e, selection) => {
        if (typeof selection === 'string') onChange(selection);
        open(false);
      }}
      onOpenChange={open}
      toggle={(ref) => (
        <MenuToggle
          ref={ref}
          variant="typeahead"
          isFullWidth
          isExpanded={listed && isOpen}
          {...(invalid ? { status: 'danger' as const } : {})}
          onClick={() => {
            open(!isOpen);
          }}
        >
          <TextInputGroup isPlain>
            <TextInputGroupMain
              value={value}
              inputId={id}
              role="combobox"
              isExpanded={listed && isOpen}
              aria-controls={listId}
              autoComplete="off"
              placeholder={listed ? t('Select or enter a namespace') : t('Enter a namespace')}
              inputProps={{ 'data-test': 'upload-namespace', 'aria-invalid': invalid }}
              onClick={() => {
                open(!isOpen);
              }}
              onChange={(_e, v) => {
                onChange(v);
                setTyped(v);
                setOpen(true);
              }}
            />
            {value && (
              <TextInputGroupUtilities>
                <Button
                  variant="plain"
                  aria-label={t('Clear the namespace')}
                  icon={<TimesIcon />}
                  onClick={() => {
                    onChange('');
                    setTyped(null);
                  }}
                />
              </TextInputGroupUtilities>
            )}
          </TextInputGroup>
        </MenuToggle>
      )}
    >
      <SelectList id={listId} data-test="upload-namespace-options">
        {options.length === 0 ? (
          <SelectOption isAriaDisabled value="">
            {t('No namespace matches "{{typed}}"', { typed: typed ?? '' })}
          </SelectOption>
        ) : (
          options.map((n) => (
            <SelectOption key={n} value={n} isSelected={n === value}>
              {n}
            </SelectOption>
          ))
        )}
      </SelectList>
    </Select>
  );
};
