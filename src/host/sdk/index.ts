// The host's `@openshift-console/dynamic-plugin-sdk`: the module object placed in the share scope.
export { consoleFetch, consoleFetchJSON, consoleFetchText } from './console-fetch';
export { HttpError, TimeoutError } from './http-error';
export {
  k8sCreate,
  k8sDelete,
  k8sGet,
  k8sList,
  k8sListItems,
  k8sPatch,
  k8sUpdate,
} from './k8s-crud';
export {
  getAPIVersionForModel,
  getGroupVersionKindForModel,
  getGroupVersionKindForResource,
  useK8sModel,
  useK8sModels,
} from './use-k8s-model';
export { useK8sWatchResource, useK8sWatchResources, NoModelError } from './use-k8s-watch-resource';
export { checkAccess, useAccessReview, useAccessReviewAllowed } from './access-review';
export { useActiveNamespace, useActivePerspective, useFlag } from './console-context';
export { useOverlay } from './overlay';
export { useResolvedExtensions } from './use-resolved-extensions';
export { ResourceLink } from './components/ResourceLink';
export { ResourceIcon } from './components/ResourceIcon';
export { ListPageBody, ListPageCreateButton, ListPageHeader } from './components/ListPage';
export { Timestamp } from './components/Timestamp';
export { CodeEditor } from './components/CodeEditor';
export { DocumentTitle } from './components/DocumentTitle';
export { ErrorBoundaryFallbackPage } from './components/ErrorBoundaryFallbackPage';
