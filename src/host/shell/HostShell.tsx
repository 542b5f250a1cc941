// The page frame: masthead, sidebar nav, load errors, and the routes (built-in + plugin).
import type { FC, ReactElement } from 'react';
import { Suspense, useEffect, useState } from 'react';
import { Page, PageSidebar, PageSidebarBody } from '@patternfly/react-core';
import { useExtensions } from '@openshift/dynamic-plugin-sdk';
import { Route, Routes } from 'react-router';
import type { LoadError } from '../loader/load-plugins';
import { LoadErrorsAlert } from '../loader/LoadErrorsAlert';
import { HomePage } from '../pages/HomePage';
import { NotFoundPage } from '../pages/NotFoundPage';
import { ResourceDetailsPage } from '../pages/ResourceDetailsPage';
import { ResourceListPage } from '../pages/ResourceListPage';
import { YamlSamplesPage } from '../pages/YamlSamplesPage';
import { ErrorBoundary } from './ErrorBoundary';
import { inAdminPerspective, isRoutePage } from './extension-types';
import { HostMasthead } from './HostMasthead';
import { PageFallback } from './PageFallback';
import { pluginRouteElements } from './plugin-routes';
import { SideNav } from './SideNav';

const builtin = (element: ReactElement, title: string) => (
  <ErrorBoundary title={title}>
    <Suspense fallback={<PageFallback />}>{element}</Suspense>
  </ErrorBoundary>
);

export const HostShell: FC<{ loadErrors: LoadError[]; ready: Promise<void> }> = ({
  loadErrors,
  ready,
}) => {
  const [errors, setErrors] = useState<LoadError[]>([]);
  useEffect(() => {
    let live = true;
    void ready.then(() => {
      if (live) setErrors([...loadErrors]);
    });
    return () => {
      live = false;
    };
  }, [ready, loadErrors]);
  const routes = useExtensions(isRoutePage).filter(inAdminPerspective);

  return (
    <Page
      masthead={<HostMasthead />}
      sidebar={
        <PageSidebar>
          <PageSidebarBody>
            <SideNav />
          </PageSidebarBody>
        </PageSidebar>
      }
      isManagedSidebar
      mainContainerId="content"
    >
      <LoadErrorsAlert errors={errors} />
      <Routes>
        <Route path="/" element={builtin(<HomePage />, 'Home failed')} />
        <Route path="/yaml-samples" element={builtin(<YamlSamplesPage />, 'YAML samples failed')} />
        <Route
          path="/k8s/ns/:ns/:resource"
          element={builtin(<ResourceListPage />, 'List failed')}
        />
        <Route
          path="/k8s/all-namespaces/:resource"
          element={builtin(<ResourceListPage />, 'List failed')}
        />
        <Route
          path="/k8s/cluster/:resource"
          element={builtin(<ResourceListPage />, 'List failed')}
        />
        <Route
          path="/k8s/ns/:ns/:resource/:name"
          element={builtin(<ResourceDetailsPage />, 'Details failed')}
        />
        <Route
          path="/k8s/cluster/:resource/:name"
          element={builtin(<ResourceDetailsPage />, 'Details failed')}
        />
        <Route
          path="/k8s/ns/:ns/:resource/:name/yaml"
          element={builtin(<ResourceDetailsPage />, 'Details failed')}
        />
        <Route
          path="/k8s/cluster/:resource/:name/yaml"
          element={builtin(<ResourceDetailsPage />, 'Details failed')}
        />
        {pluginRouteElements(routes)}
        <Route path="*" element={<NotFoundPage />} />
      </Routes>
    </Page>
  );
};
