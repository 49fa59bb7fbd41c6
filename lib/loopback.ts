/**
 * Loopback hosts in URLs. Claude Desktop accepts a plain-http gateway URL only on loopback (its own
 * check: "must use https (or http on loopback)"). Gateway vendors' docs disagree on `localhost`:
 * LiteLLM's shows `http://localhost:4000`, agentgateway's advises the literal 127.0.0.1 because
 * `localhost` does not always pass the check. A loopback host is also no firewall host: the service
 * listens on the device itself.
 */

/** Whether a URL's host (as `new URL().hostname` gives it) is a loopback address: 127.0.0.0/8 or [::1]. */
export function isLoopbackAddress(hostname: string): boolean {
  if (hostname === '[::1]') return true;
  const parts = hostname.split('.');
  return parts.length === 4 && parts[0] === '127' && parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255);
}

/**
 * How a plain http:// URL names a loopback host, as written: `address` (127.x.x.x or [::1]),
 * `localhost`, or undefined (https, another host, or a form such as `http://127.1` or
 * `http://0x7f.0.0.1` that reaches loopback only once a URL parser has normalised it: the text is
 * what the gateway URL's format allows).
 */
export function writtenLoopbackHttp(url: string): 'address' | 'localhost' | undefined {
  const m = /^http:\/\/(127(?:\.[0-9]{1,3}){3}|\[::1\]|localhost)(?=[:/?#]|$)/i.exec(url);
  if (m === null) return undefined;
  if (m[1] === 'localhost') return 'localhost';
  return isLoopbackAddress(m[1]!) ? 'address' : undefined;
}

/** Whether a host is `localhost` or a name below it, which resolves to loopback but is written as a name. */
export function isLocalhostName(hostname: string): boolean {
  const h = hostname.toLowerCase().replace(/\.$/, '');
  return h === 'localhost' || h.endsWith('.localhost');
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
