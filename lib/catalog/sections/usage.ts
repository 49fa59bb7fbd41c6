import type { KeyDef } from '../types';

/** Client-side token caps. */
export const USAGE_KEYS = [
  {
    name: 'inferenceMaxTokensPerWindow', section: 'usage', type: 'integer', minimum: 1, providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Cap on input plus output tokens per user and device in each window; set inferenceTokenWindowHours too.',
  },
  {
    name: 'inferenceTokenWindowHours', section: 'usage', type: 'integer', minimum: 1, maximum: 720, providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Length of the tumbling window of the token cap, in hours (1 to 720).',
  },
] as const satisfies readonly KeyDef[];
