import type { FC, ReactNode } from 'react';
import { Link } from 'react-router';
import type { K8sGroupVersionKind } from '../k8s-types';
import { useOptionalK8sModel } from '../use-k8s-model';
import { ResourceIcon } from './ResourceIcon';
import { resourcePath } from './resource-path';

export interface ResourceLinkProps {
  kind?: string;
  groupVersionKind?: K8sGroupVersionKind;
  className?: string;
  displayName?: string;
  inline?: boolean;
  linkTo?: boolean;
  name?: string;
  namespace?: string;
  hideIcon?: boolean;
  title?: string;
  dataTest?: string;
  onClick?: () => void;
  truncate?: boolean;
  nameSuffix?: ReactNode;
  children?: ReactNode;
}

/** Kind badge plus a link to the resource's page in the host. */
export const ResourceLink: FC<ResourceLinkProps> = ({
  kind,
  groupVersionKind,
  className,
  displayName,
  inline,
  linkTo = true,
  name,
  namespace,
  hideIcon,
  title,
  dataTest,
  onClick,
  truncate,
  nameSuffix,
  children,
}) => {
  const [model] = useOptionalK8sModel(groupVersionKind ?? kind);
  const value = displayName ?? name ?? '';
  const classes = [
    'vm-disks-host__resource-link',
    inline ? 'vm-disks-host__resource-link--inline' : '',
    truncate ? 'vm-disks-host__resource-link--truncate' : '',
    className,
  ]
    .filter(Boolean)
    .join(' ');
  const text = (
    <>
      {value}
      {nameSuffix}
    </>
  );
  return (
    <span className={classes} data-test={dataTest}>
      {!hideIcon && <ResourceIcon kind={kind} groupVersionKind={groupVersionKind} />}
      {linkTo && model && name ? (
        <Link
          to={resourcePath(model, name, namespace)}
          title={title}
          onClick={onClick}
          data-test-id={value}
        >
          {text}
        </Link>
      ) : (
        <span title={title}>{text}</span>
      )}
      {children}
    </span>
  );
};
