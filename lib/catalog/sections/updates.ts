import type { KeyDef } from '../types';

/** Updates and relaunch. */
export const UPDATE_KEYS = [
  {
    name: 'disableAutoUpdates', section: 'updates', type: 'boolean', default: false, providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Block update checks and downloads.',
    notes: ['A managed source that sets only update keys enforces just those; the rest stays user-editable.'],
  },
  {
    name: 'autoUpdaterEnforcementHours', section: 'updates', type: 'integer', minimum: 1, maximum: 72, default: 72, providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Hours after which a downloaded update is installed by force (1 to 72; unset means 72).',
  },
  {
    name: 'updateViaUpdatesHost', section: 'updates', type: 'boolean', providers: 'all',
    availability: 'both', since: '1.26832.0', secret: false,
    description: 'Download updates from releases.claude.com.',
  },
  {
    name: 'relaunchEnforcementHours', section: 'updates', type: 'integer', minimum: 1, default: 24, providers: 'all',
    availability: 'both', since: '1.46388.1', secret: false,
    description: 'Hours after which the app relaunches by force to apply an update.',
    notes: ['Before build 1.46388.1 only a bootstrap response could set it.'],
  },
] as const satisfies readonly KeyDef[];
