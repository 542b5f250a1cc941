// The console extension types the host interprets, with their type guards.
import type { CodeRef, Extension } from '@openshift/dynamic-plugin-sdk';

export type NavSection = Extension<
  'console.navigation/section',
  {
    id: string;
    name?: string;
    perspective?: string;
    insertBefore?: string | string[];
    insertAfter?: string | string[];
    dataAttributes?: Record<string, string>;
  }
>;

export type NavHref = Extension<
  'console.navigation/href',
  {
    id: string;
    name: string;
    href: string;
    perspective?: string;
    section?: string;
    insertBefore?: string | string[];
    insertAfter?: string | string[];
    namespaced?: boolean;
    prefixNamespaced?: boolean;
    startsWith?: string[];
    dataAttributes?: Record<string, string>;
  }
>;

export type RoutePage = Extension<
  'console.page/route',
  { path: string | string[]; component: CodeRef; exact?: boolean; perspective?: string }
>;

export interface ExtensionModel {
  group?: string;
  version: string;
  kind: string;
}

export type ResourceActionProvider = Extension<
  'console.action/resource-provider',
  { model: ExtensionModel; provider: CodeRef }
>;

export type YamlTemplate = Extension<
  'console.yaml-template',
  { model: ExtensionModel; name: string; template: CodeRef }
>;

export const isNavSection = (e: Extension): e is NavSection =>
  e.type === 'console.navigation/section';
export const isNavHref = (e: Extension): e is NavHref => e.type === 'console.navigation/href';
export const isRoutePage = (e: Extension): e is RoutePage => e.type === 'console.page/route';
export const isResourceActionProvider = (e: Extension): e is ResourceActionProvider =>
  e.type === 'console.action/resource-provider';
export const isYamlTemplate = (e: Extension): e is YamlTemplate =>
  e.type === 'console.yaml-template';

/** The admin perspective is the default: extensions without a perspective show there. */
export const inAdminPerspective = (e: { properties: { perspective?: string } }): boolean =>
  (e.properties.perspective ?? 'admin') === 'admin';
