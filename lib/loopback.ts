/**
 * Loopback hosts in URLs. Claude Desktop accepts a plain-http gateway URL only on loopback: its own
 * check reads "must use https (or http on loopback)", and its loopback hosts are exactly
 * `127.0.0.1`, `localhost` and `[::1]` as written (the app's bundled config schema; LiteLLM's docs
 * show `http://localhost:4000`). A loopback host is also no firewall host: the service listens on
 * the device itself.
 */

/** The fix for a plain-http gateway URL that is not on one of the app's loopback hosts (one wording for validate and check). */
export const GATEWAY_HTTP_FIX = 'Claude Desktop accepts http:// only to 127.0.0.1, [::1] or localhost (a proxy on the device itself); change http:// to https://';

/** The app's loopback hosts, as `new URL().hostname` gives them. */
const LOOPBACK_HOSTS: ReadonlySet<string> = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Whether a URL's host (as `new URL().hostname` gives it) is one of the app's loopback hosts. */
export function isLoopbackHost(hostname: string): boolean {
  return LOOPBACK_HOSTS.has(hostname);
}

/**
 * Whether a URL is plain http:// to one of the app's loopback hosts, as written. `http://127.1`,
 * `http://0x7f.0.0.1` or `http://LOCALHOST` reach loopback once a URL parser has normalised them,
 * and `http://127.0.0.2` is loopback to the OS, but the app checks the text against its own set.
 */
export function isWrittenLoopbackHttp(url: string): boolean {
  return /^http:\/\/(127\.0\.0\.1|\[::1\]|localhost)(?=[:/?#]|$)/.test(url);
}

/** Whether a host is in 127.0.0.0/8 or is `localhost` or a name below it: loopback to the OS, written another way. */
export function isOtherLoopbackForm(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost') || /^127\.[0-9]{1,3}\.[0-9]{1,3}\.[0-9]{1,3}$/.test(h);
}

/** The host of an http(s) URL as `new URL()` reads it, or undefined when the text is no such URL. */
export function urlHostname(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'http:' || u.protocol === 'https:' ? u.hostname : undefined;
  } catch {
    return undefined;
  }
}
