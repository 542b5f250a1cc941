// Routes from `console.page/route` extensions; each page component is resolved lazily through its code ref.
import type { CodeRef, LoadedExtension } from '@openshift/dynamic-plugin-sdk';
import type { ComponentType, LazyExoticComponent } from 'react';
import { Suspense, lazy } from 'react';
import { Route } from 'react-router';
import { ErrorBoundary } from './ErrorBoundary';
import type { RoutePage } from './extension-types';
import { PageFallback } from './PageFallback';

const lazyComponents = new WeakMap<CodeRef, LazyExoticComponent<ComponentType>>();

const lazyPage = (codeRef: CodeRef): LazyExoticComponent<ComponentType> => {
  let component = lazyComponents.get(codeRef);
  if (!component) {
    component = lazy(async () => ({ default: (await codeRef()) as ComponentType }));
    lazyComponents.set(codeRef, component);
  }
  return component;
};

/** The router path(s) of a route extension: non-exact routes also match sub-paths. */
export const routePaths = (properties: { path: string | string[]; exact?: boolean }): string[] =>
  (Array.isArray(properties.path) ? properties.path : [properties.path]).map((p) =>
    properties.exact ? p : `${p.replace(/\/+$/, '')}/*`,
  );

export const pluginRouteElements = (routes: LoadedExtension<RoutePage>[]) =>
  routes.flatMap((route) => {
    const Page = lazyPage(route.properties.component);
    return routePaths(route.properties).map((path) => (
      <Route
        key={`${route.uid}:${path}`}
        path={path}
        element={
          <ErrorBoundary title="This page failed to load">
            <Suspense fallback={<PageFallback />}>
              <Page />
            </Suspense>
          </ErrorBoundary>
        }
      />
    ));
  });
