import { describe, expect, it } from 'vitest';
import {
  isDNS1123Label,
  isDNS1123Subdomain,
  isLabelKey,
  isLabelValue,
  maxLenError,
  objectNameError,
  regexError,
  suggestName,
  validateDNS1123Label,
  validateDNS1123Subdomain,
} from './k8s-names';

const LABEL_ERROR =
  "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const SUBDOMAIN_ERROR =
  "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

describe('DNS-1123 label', () => {
  it.each(['a', 'my-name', '123-abc', '0', 'a'.repeat(63), 'a-b-c'])('%s is valid', (name) => {
    expect(validateDNS1123Label(name)).toEqual([]);
  });

  it.each(['', 'My-Name', '-a', 'a-', 'a.b', 'a_b', 'a b', 'é'])(
    '%j gets the regex message',
    (name) => {
      expect(validateDNS1123Label(name)).toEqual([LABEL_ERROR]);
    },
  );

  it('reports length and pattern separately, length first', () => {
    expect(validateDNS1123Label('a'.repeat(64))).toEqual(['must be no more than 63 characters']);
    expect(validateDNS1123Label(`${'a'.repeat(63)}-`)).toEqual([
      'must be no more than 63 characters',
      LABEL_ERROR,
    ]);
  });
});

describe('DNS-1123 subdomain', () => {
  it.each([
    'example.com',
    'a',
    'blank-disk',
    'a.b.c',
    '1.2.3',
    `${'a'.repeat(63)}.${'b'.repeat(63)}`,
  ])('%s is valid', (name) => {
    expect(validateDNS1123Subdomain(name)).toEqual([]);
  });

  it.each(['', 'Example.com', '.a', 'a.', 'a..b', 'a_b', 'a.-b', 'disk 1'])(
    '%j gets the regex message',
    (name) => {
      expect(validateDNS1123Subdomain(name)).toEqual([SUBDOMAIN_ERROR]);
    },
  );

  it('limits the length to 253', () => {
    expect(validateDNS1123Subdomain('a'.repeat(253))).toEqual([]);
    expect(validateDNS1123Subdomain('a'.repeat(254))).toEqual([
      'must be no more than 253 characters',
    ]);
  });
});

describe('objectNameError', () => {
  it('names the required value first', () => {
    expect(objectNameError('')).toBe('name or generateName is required');
  });
  it('uses the subdomain rule by default and the label rule on request', () => {
    expect(objectNameError('a.b')).toBeUndefined();
    expect(objectNameError('a.b', 'label')).toBe(LABEL_ERROR);
    expect(objectNameError('Disk')).toBe(SUBDOMAIN_ERROR);
  });
});

describe('message builders', () => {
  it('formats like the API server', () => {
    expect(maxLenError(10)).toBe('must be no more than 10 characters');
    expect(regexError('bad', 'x+')).toBe("bad (regex used for validation is 'x+')");
    expect(regexError('bad', 'x+', 'x', 'xx')).toBe(
      "bad (e.g. 'x',  or 'xx', regex used for validation is 'x+')",
    );
  });
});

describe('suggestName', () => {
  it.each([
    ['Fedora-Cloud-Base-39.x86_64.qcow2.xz', 'fedora-cloud-base-39-x86-64'],
    ['rhel-9.2.qcow2', 'rhel-9-2'],
    ['C:\\Images\\Windows Server 2022.iso', 'windows-server-2022'],
    ['/home/me/disks/cirros-0.6.2-x86_64-disk.img', 'cirros-0-6-2-x86-64-disk'],
    ['ubuntu.raw.gz', 'ubuntu'],
    ['archive.tar', 'archive'],
    ['My_Disk (copy).vmdk', 'my-disk-copy'],
    ['Äpfel-Übung.vhdx', 'apfel-ubung'],
    ['--weird--.img', 'weird'],
    ['notes.txt', 'notes-txt'],
    ['.hidden', 'hidden'],
    ['日本語.iso', 'disk'],
    ['', 'disk'],
  ])('%j → %j', (input, expected) => {
    const name = suggestName(input);
    expect(name).toBe(expected);
    expect(validateDNS1123Label(name)).toEqual([]);
  });

  it('truncates to a valid label without a trailing dash', () => {
    const name = suggestName(`${'a'.repeat(62)}-b-c.qcow2`);
    expect(name).toBe('a'.repeat(62));
    expect(name.length).toBeLessThanOrEqual(63);
    expect(validateDNS1123Label(suggestName('x'.repeat(200)))).toEqual([]);
  });

  it('honours maxLength and the fallback', () => {
    expect(suggestName('fedora-cloud.qcow2', { maxLength: 6 })).toBe('fedora');
    expect(suggestName('fedora-cloud.qcow2', { maxLength: 7 })).toBe('fedora');
    expect(suggestName('???', { fallback: 'image' })).toBe('image');
  });
});

describe('name and label predicates (k8s.io/apimachinery/pkg/util/validation/validation.go)', () => {
  it.each([
    ['my-name', true, true],
    ['a.b', false, true],
    ['x'.repeat(63), true, true],
    ['x'.repeat(64), false, true],
    [`${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.${'w'.repeat(61)}`, false, true],
    [`${'x'.repeat(63)}.${'y'.repeat(63)}.${'z'.repeat(63)}.${'w'.repeat(62)}`, false, false],
    ['Upper', false, false],
    ['-lead', false, false],
    ['', false, false],
  ])('%s: label %s, subdomain %s', (value, label, subdomain) => {
    expect(isDNS1123Label(value)).toBe(label);
    expect(isDNS1123Subdomain(value)).toBe(subdomain);
  });

  it.each([
    ['kubernetes.io/hostname', true],
    ['node-role.kubernetes.io/worker', true],
    ['app', true],
    ['My_Label.x', true],
    ['Example.com/app', false],
    ['a/', false],
    ['/a', false],
    ['x'.repeat(64), false],
    ['a b', false],
  ])('label key %s: %s', (key, valid) => {
    expect(isLabelKey(key)).toBe(valid);
  });

  it.each([
    ['', true],
    ['worker', true],
    ['v1.2_x-y', true],
    ['-x', false],
    ['x'.repeat(64), false],
    ['rm -rf', false],
  ])('label value %j: %s', (value, valid) => {
    expect(isLabelValue(value)).toBe(valid);
  });
});
