import type { StringFormat } from './types';

/**
 * One table for every named string format: the regular expression the JSON Schema carries (so
 * editors flag mistakes as you type) and the words an error message uses.
 */
export const FORMATS: { readonly [F in StringFormat]: { readonly pattern: string; readonly expected: string; readonly hint: string } } = {
  'https-url': {
    pattern: '^https://[^\\s/?#@]+([/?#]\\S*)?$',
    expected: 'an https:// URL without user name or password',
    hint: 'Claude Desktop only accepts https:// URLs and refuses credentials inside a URL; use https://host/path and put credentials in their own key',
  },
  // The app's own check reads "must use https (or http on loopback)": a gateway proxy on the device
  // itself may be plain http, on one of the app's loopback hosts as written: 127.0.0.1, [::1], localhost.
  'gateway-url': {
    pattern: '^(https://[^\\s/?#@]+|http://(127\\.0\\.0\\.1|\\[::1\\]|localhost)(:[0-9]{1,5})?)([/?#]\\S*)?$',
    expected: 'an https:// URL without user name or password, or an http:// URL to 127.0.0.1, [::1] or localhost',
    hint: 'Claude Desktop accepts https://, and http:// only to 127.0.0.1, [::1] or localhost (a proxy on the device itself); it refuses credentials inside a URL',
  },
  'https-origin': {
    pattern: '^https://[^\\s/?#@]+/?$',
    expected: 'an https:// origin (scheme and host, no path)',
    hint: 'write only https://host[:port], without a path',
  },
  'proxy-url': {
    pattern: '^https?://[^\\s/?#@]+([/?#]\\S*)?$',
    expected: 'an http:// or https:// URL without user name or password',
    hint: 'write the proxy as http://host:port or https://host:port',
  },
  'absolute-path': {
    pattern: '^(/|[A-Za-z]:[\\\\/]|\\\\\\\\)',
    expected: 'an absolute path',
    hint: 'start with / on macOS and Linux, or a drive letter such as C:\\ on Windows; ~ and environment variables are not expanded',
  },
  uuid: {
    pattern: '^[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}$',
    expected: 'a UUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)',
    hint: 'generate one with uuidgen',
  },
  'hex-color': {
    pattern: '^#[0-9A-Fa-f]{6}$',
    expected: 'a colour as #RRGGBB',
    hint: 'for example #F5F5F5',
  },
  'host-pattern': {
    pattern: '^(\\*|(\\*\\.)?[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*)$',
    expected: 'a host name, *.domain or *',
    hint: 'write a bare host such as api.example.com (no scheme, port or path), *.example.com for one label, or * for all',
  },
  'header-name': {
    pattern: "^[!#$%&'*+.^_`|~0-9A-Za-z-]+$",
    expected: 'a valid HTTP header name',
    hint: 'header names use letters, digits and - (no spaces, colons or control characters)',
  },
};

/** The formats whose values are http(s) URLs (hosts for the egress list, summaries without query). */
export const URL_FORMATS: ReadonlySet<StringFormat> = new Set<StringFormat>(['https-url', 'gateway-url', 'https-origin', 'proxy-url']);

/** Header values may not hold CR, LF or NUL (they would split or end the header). */
export const HEADER_VALUE_PATTERN = '^[^\\r\\n\\u0000]*$';

/** Profile `name`: usable as a file and folder name everywhere. */
export const PROFILE_NAME_PATTERN = '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$';

/** Profile `identifier`: reverse-DNS, at least two labels. */
export const IDENTIFIER_PATTERN = '^[A-Za-z0-9][A-Za-z0-9-]*(\\.[A-Za-z0-9][A-Za-z0-9-]*)+$';

/** `appVersion`: a Claude Desktop build such as 1.46388.4 or 1.10628. */
export const APP_VERSION_PATTERN = '^[0-9]+(\\.[0-9]+){1,3}$';

/** The marker `init` writes where a value must be filled in; validation rejects it. */
export const PLACEHOLDER_MARKER = 'CHANGE_ME';
