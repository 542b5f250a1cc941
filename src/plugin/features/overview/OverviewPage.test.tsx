// Renders the real Overview (PatternFly, react-router, i18next with the real locale file) to HTML, with the
// console SDK replaced by a stand-in that answers each watch from a table: the console provides the SDK at run
// time, so only it is swapped. Proves per-section states, the 403 message, windowed rows and the focus highlight.
import { describe, expect, it, vi } from 'vitest';

interface SdkStandIn {
  watches: Record<string, [unknown[], boolean, unknown]>;
  namespace: string;
  requests: { kind: string; namespace?: string }[];
}

const sdk = vi.hoisted((): SdkStandIn => ({ watches: {}, namespace: '#ALL_NS#', requests: [] }));

vi.mock('@openshift-console/dynamic-plugin-sdk', async () => {
  const { createElement } = await import('react');
  return {
    useK8sWatchResource: (resource: { groupVersionKind: { kind: string }; namespace?: string }) => {
      sdk.requests.push({ kind: resource.groupVersionKind.kind, namespace: resource.namespace });
      return sdk.watches[resource.groupVersionKind.kind] ?? [[], false, undefined];
    },
    useActiveNamespace: () => [sdk.namespace, () => undefined],
    ResourceLink: ({ name, namespace }: { name?: string; namespace?: string }) =>
      createElement('a', { 'data-test-link': `${namespace ?? ''}/${name ?? ''}` }, name),
    ListPageHeader: ({ title }: { title: string }) => createElement('h1', null, title),
    DocumentTitle: () => null,
  };
});

import { renderToString } from 'react-dom/server';
import { StaticRouter } from 'react-router';
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import en from '../../../../locales/en/plugin__vm-disks-plugin.json';
import type { NodeKind, PersistentVolumeKind } from '../../k8s/types';
import { nodeInfo } from '../../testing/kind-fixtures';
import { OverviewPage } from './OverviewPage';

await i18next.use(initReactI18next).init({
  lng: 'en',
  fallbackLng: 'en',
  ns: ['plugin__vm-disks-plugin'],
  defaultNS: 'plugin__vm-disks-plugin',
  nsSeparator: '~',
  keySeparator: false,
  resources: { en: { 'plugin__vm-disks-plugin': en } },
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});

const render = (url = '/vm-disks/overview'): string =>
  renderToString(
    <StaticRouter location={url}>
      <OverviewPage />
    </StaticRouter>,
  );

/** The HTML of one section card. */
const section = (html: string, testId: string): string => {
  const start = html.indexOf(`data-test="${testId}"`);
  expect(start, `section ${testId}`).toBeGreaterThan(-1);
  return html.slice(start, html.indexOf('</section>', start));
};

const stateOf = (html: string, testId: string): string =>
  /data-state="([a-z]+)"/.exec(section(html, testId))?.[1] ?? '';

const node = (name: string): NodeKind => ({
  metadata: { name, uid: name, labels: { 'node-role.kubernetes.io/worker': '' } },
  status: {
    nodeInfo: nodeInfo({ osImage: 'Red Hat Enterprise Linux CoreOS 416.94' }),
    conditions: [{ type: 'Ready', status: 'True' }],
  },
});

const pv = (name: string, host: string): PersistentVolumeKind => ({
  metadata: { name, uid: name },
  spec: {
    capacity: { storage: '10Gi' },
    local: { path: `/mnt/${name}` },
    nodeAffinity: {
      required: {
        nodeSelectorTerms: [
          { matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [host] }] },
        ],
      },
    },
  },
  status: { phase: 'Available' },
});

const forbidden = (resource: string): Error =>
  Object.assign(
    new Error(
      `${resource} is forbidden: User "developer" cannot list resource "${resource}" in API group "" at the cluster scope`,
    ),
    { response: { status: 403 } },
  );

const SECTIONS = [
  'overview-nodes',
  'overview-storageclasses',
  'overview-pvs',
  'overview-pvcs',
  'overview-datavolumes',
  'overview-vms',
];

describe('Overview page', () => {
  it('shows a skeleton in every section while nothing has loaded', () => {
    sdk.watches = {};
    const html = render();
    expect(html).toContain('<h1>VM Disks overview</h1>');
    for (const id of SECTIONS) expect(stateOf(html, id)).toBe('loading');
    expect(section(html, 'overview-pvs')).toContain('data-test="section-loading"');
  });

  it('names the missing permission in the section that got a 403 while the others work', () => {
    sdk.watches = {
      Node: [[node('worker-0'), node('worker-1')], true, undefined],
      PersistentVolume: [[], false, forbidden('persistentvolumes')],
      StorageClass: [[], true, undefined],
      PersistentVolumeClaim: [[], true, undefined],
      DataVolume: [
        [],
        true,
        Object.assign(new Error('404 page not found'), { response: { status: 404 } }),
      ],
      VirtualMachine: [[], true, undefined],
    };
    const html = render();
    const pvs = section(html, 'overview-pvs');
    expect(stateOf(html, 'overview-pvs')).toBe('error');
    expect(pvs).toContain('data-error-kind="forbidden"');
    expect(pvs).toContain('data-permission="list persistentvolumes"');
    expect(pvs).toContain('You need permission to list persistentvolumes at the cluster scope.');
    expect(pvs).toContain('The rest of this page still works.');

    expect(stateOf(html, 'overview-nodes')).toBe('ready');
    expect(section(html, 'overview-nodes')).toContain('data-test-row="worker-1"');
    expect(section(html, 'overview-nodes')).toContain('data-test="node-rhcos"');
    expect(stateOf(html, 'overview-storageclasses')).toBe('empty');
    expect(section(html, 'overview-storageclasses')).toContain('No storage classes');
    expect(stateOf(html, 'overview-datavolumes')).toBe('error');
    expect(section(html, 'overview-datavolumes')).toContain(
      'The API cdi.kubevirt.io/v1beta1 is not served. Is its operator installed?',
    );
    expect(stateOf(html, 'overview-vms')).toBe('empty');
  });

  it('groups PVs by node, renders only the first rows of a long group and reaches the focused row', () => {
    const pvs = Array.from({ length: 1000 }, (_, i) =>
      pv(`pv-${String(i).padStart(4, '0')}`, 'worker-0'),
    );
    sdk.watches = {
      Node: [[node('worker-0'), node('worker-1')], true, undefined],
      PersistentVolume: [pvs, true, undefined],
    };
    const plain = section(render(), 'overview-pvs');
    expect(plain).toContain('data-node="worker-0"');
    expect(plain).toContain('data-node="worker-1"');
    expect(plain).toContain('No PersistentVolumes on this node.');
    // The table announces all 1000 rows (plus the header) but renders a screenful from the top.
    expect(plain).toContain('aria-rowcount="1001"');
    expect(plain).toMatch(/aria-rowindex="2"[^>]*data-test-row="pv-0000"/);
    expect(plain).toContain('data-test-row="pv-0015"');
    expect(plain).not.toContain('data-test-row="pv-0100"');
    expect((plain.match(/data-test-row=/g) ?? []).length).toBeLessThan(40);
    expect(plain).toContain('10 GiB');
    expect(plain).not.toContain('data-focused');

    // pv-0500 is far down worker-0's list: the rows around it are rendered and it is highlighted.
    const focused = section(
      render('/vm-disks/overview?focus=PersistentVolume//pv-0500'),
      'overview-pvs',
    );
    expect(focused).toMatch(
      /aria-rowindex="502"[^>]*data-test-row="pv-0500"[^>]*data-focused="true"/,
    );
    expect(focused).toContain('data-test-row="pv-0495"');
    expect(focused).toContain('data-test-row="pv-0505"');
    expect(focused).not.toContain('data-test-row="pv-0000"');
    expect(focused).not.toContain('data-test-row="pv-0999"');
  });

  it('watches claims, DataVolumes and VMs in the active namespace only', () => {
    sdk.namespace = 'vms';
    sdk.requests = [];
    sdk.watches = {
      PersistentVolumeClaim: [
        [
          {
            metadata: { name: 'disk-1', namespace: 'vms', uid: 'u1' },
            spec: { resources: { requests: { storage: '5Gi' } } },
            status: { phase: 'Bound', capacity: { storage: '5Gi' } },
          },
        ],
        true,
        undefined,
      ],
    };
    const html = render('/vm-disks/overview?focus=PersistentVolumeClaim/vms/disk-1');
    const claims = section(html, 'overview-pvcs');
    expect(claims).toContain('In project vms');
    expect(claims).toMatch(/data-test-row="disk-1"[^>]*data-focused="true"/);
    expect(claims).not.toContain('>Namespace<');
    const namespaced = sdk.requests.filter((r) =>
      ['PersistentVolumeClaim', 'DataVolume', 'VirtualMachine', 'VirtualMachineInstance'].includes(
        r.kind,
      ),
    );
    expect(namespaced.length).toBeGreaterThanOrEqual(4);
    expect(namespaced.every((r) => r.namespace === 'vms')).toBe(true);
    expect(
      sdk.requests
        .filter((r) => r.kind === 'PersistentVolume')
        .every((r) => r.namespace === undefined),
    ).toBe(true);
    sdk.namespace = '#ALL_NS#';
  });
});
