import type { KeyDef } from '../types';

/** What users see: banner, names, instructions. */
export const APPEARANCE_KEYS = [
  {
    name: 'banner', section: 'appearance', type: 'object',
    fields: {
      enabled: { type: 'boolean', description: 'Show the banner.' },
      text: { type: 'string', maxLength: 200, description: 'Banner text, at most 200 characters; required when enabled.' },
      backgroundColor: { type: 'string', format: 'hex-color', default: '#F5F5F5', description: 'Background colour, #RRGGBB.' },
      textColor: { type: 'string', format: 'hex-color', default: '#000000', description: 'Text colour, #RRGGBB.' },
      linkUrl: { type: 'string', format: 'https-url', description: 'Where the banner links to.' },
    },
    providers: 'all', availability: 'both', since: '>1.5354.0', secret: false,
    description: 'A banner users cannot dismiss, shown after sign-in.',
  },
  {
    name: 'deploymentDisplayName', section: 'appearance', type: 'string', providers: 'all',
    availability: 'both', since: '1.24012.0', secret: false,
    description: 'Name of this deployment shown in the app.',
  },
  {
    name: 'deploymentDisplaySubtitle', section: 'appearance', type: 'string', providers: 'all',
    availability: 'both', since: '1.24012.0', secret: false,
    description: 'Subtitle shown under the deployment name.',
  },
  {
    name: 'organizationInstructions', section: 'appearance', type: 'string', providers: 'all',
    availability: 'both', since: '1.37937.0', secret: false,
    description: 'Instructions from the organisation added to every conversation.',
  },
  {
    name: 'disableConfigDeprecationWarnings', section: 'appearance', type: 'boolean', providers: 'all',
    availability: 'both', since: '1.40609.0', secret: false,
    description: 'Hide the in-app warnings about deprecated configuration.',
  },
] as const satisfies readonly KeyDef[];
