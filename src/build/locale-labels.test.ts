import { describe, expect, it } from 'vitest';
import { collectLabels, labelProblems } from './locale-labels.ts';

describe('labelProblems', () => {
  const extensions = [
    { type: 'console.navigation/section', properties: { name: '%plugin__p~VM Disks%' } },
    { type: 'console.navigation/href', properties: { name: '%plugin__p~Overview%', href: '/x' } },
  ];

  it('collects every %namespace~key% label', () => {
    expect(collectLabels(extensions)).toEqual([
      { namespace: 'plugin__p', key: 'VM Disks' },
      { namespace: 'plugin__p', key: 'Overview' },
    ]);
  });

  it('passes when every label is in the locale file', () => {
    expect(
      labelProblems(
        extensions,
        'plugin__p',
        { 'VM Disks': 'VM Disks', Overview: 'Overview' },
        'l.json',
      ),
    ).toEqual([]);
  });

  it('names each missing label and the file to add it to', () => {
    expect(labelProblems(extensions, 'plugin__p', { 'VM Disks': 'VM Disks' }, 'l.json')).toEqual([
      'Extension label "Overview" is missing from l.json; add "Overview": "Overview".',
    ]);
  });

  it('refuses labels of another namespace', () => {
    const other = [{ properties: { name: '%plugin__other~X%' } }];
    expect(labelProblems(other, 'plugin__p', { X: 'X' }, 'l.json')[0]).toContain('use "plugin__p"');
  });
});
