/**
 * Error text that leaves the backend names no internal address (issue 13, break 10): Node's network and file
 * system errors carry the peer's IP and port (`connect ECONNREFUSED 127.0.0.1:6443`), URLs of in-cluster
 * Services, and file paths of the staging volume. The full text stays in the backend's log.
 */

const URLS = /\b[a-z][a-z0-9+.-]*:\/\/[^\s'"),]+/gi;
const IPV6_WITH_PORT = /\[[0-9a-f:.]+\](?::\d+)?/gi;
const IPV4_WITH_PORT = /\b\d{1,3}(?:\.\d{1,3}){3}(?::\d+)?\b/g;
const ABSOLUTE_PATHS = /(^|[\s'"(=])\/[^\s'"),]+/g;
const HOST_WITH_PORT = /\b[a-z0-9-]+(?:\.[a-z0-9-]+)+:\d+\b/gi;

export function withoutAddresses(message: string): string {
  return message
    .replace(URLS, '(address)')
    .replace(IPV6_WITH_PORT, '(address)')
    .replace(IPV4_WITH_PORT, '(address)')
    .replace(HOST_WITH_PORT, '(address)')
    .replace(ABSOLUTE_PATHS, '$1(path)');
}
