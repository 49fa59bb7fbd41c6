import type { KeyDef } from '../types';

/** The app's own proxy. */
export const NETWORK_KEYS = [
  {
    name: 'egressProxyUrl', section: 'network', type: 'string', format: 'proxy-url', providers: 'all',
    availability: 'mdm', since: '1.44121.1', secret: false,
    description: 'HTTP(S) proxy for the app\'s own traffic; a bootstrap-delivered value is not applied.',
  },
  {
    name: 'egressProxyPacUrl', section: 'network', type: 'string', format: 'proxy-url', providers: 'all',
    availability: 'mdm', since: '1.44121.1', secret: false,
    description: 'URL of a proxy auto-config (PAC) file; a bootstrap-delivered value is not applied.',
  },
] as const satisfies readonly KeyDef[];
