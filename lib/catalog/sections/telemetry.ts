import type { KeyDef } from '../types';
import { DEPRECATION_CUTOFF as CUTOFF } from '../constants';

const STRING_MAP_SHAPES = [
  { shape: 'header-string', cutoff: CUTOFF },
  { shape: 'header-list', cutoff: CUTOFF, acceptsEquals: true },
] as const;

/** Telemetry to Anthropic and OpenTelemetry export. */
export const TELEMETRY_KEYS = [
  {
    name: 'deploymentOrganizationUuid', section: 'telemetry', type: 'string', format: 'uuid', providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'A UUID you generate to tag this deployment\'s telemetry; not a credential.',
    notes: ['Unset: the placeholder 00000000-0000-4000-8000-000000000001 is sent.'],
  },
  {
    name: 'disableEssentialTelemetry', section: 'telemetry', type: 'boolean', default: false, providers: 'all',
    availability: 'mdm', since: '<=1.5354.0', secret: false,
    description: 'Block crash, performance and error reports to Anthropic.',
  },
  {
    name: 'disableNonessentialTelemetry', section: 'telemetry', type: 'boolean', default: false, providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Block usage analytics and diagnostic-report uploads to claude.ai.',
  },
  {
    name: 'disableNonessentialServices', section: 'telemetry', type: 'boolean', default: false, providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Block the favicon service and the artifact-preview origin.',
  },
  {
    name: 'endUserAttribution', section: 'telemetry', type: 'boolean', providers: 'all',
    availability: 'both', since: '1.24012.0', secret: false,
    description: 'Attribute requests and telemetry to the signed-in end user.',
    legacyNames: [{ name: 'enduserAttribution', cutoff: CUTOFF }],
  },
  {
    name: 'otlpEndpoint', section: 'telemetry', type: 'string', format: 'https-url', providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Base URL of your OpenTelemetry collector; its host is added to the sandbox allow-list.',
  },
  {
    name: 'otlpProtocol', section: 'telemetry', type: 'string', enum: ['http/protobuf', 'http/json', 'grpc'], default: 'http/protobuf',
    providers: 'all', availability: 'both', since: '<=1.5354.0', secret: false,
    description: 'Wire protocol of the OTLP export.',
  },
  {
    name: 'otlpHeaders', section: 'telemetry', type: 'object', values: { type: 'string', secret: true }, keyFormat: 'header-name',
    providers: 'all', availability: 'both', since: '<=1.5354.0', secret: true,
    description: 'Headers sent with the OTLP export (usually its credential), as a JSON object.',
    deprecatedShapes: STRING_MAP_SHAPES,
  },
  {
    name: 'otlpHeadersHelper', section: 'telemetry', type: 'string', format: 'absolute-path', providers: 'all',
    availability: 'both', since: '1.30096.1', secret: false,
    description: 'Executable that prints the OTLP headers as JSON.',
  },
  {
    name: 'otlpAuthMode', section: 'telemetry', type: 'string', enum: ['none', 'inference-credential'], providers: 'all',
    availability: 'both', since: '1.30096.1', secret: false,
    description: 'Send the inference credential to the collector too, or nothing.',
  },
  {
    name: 'otlpResourceAttributes', section: 'telemetry', type: 'object', values: { type: 'string', secret: true }, providers: 'all',
    availability: 'both', since: '<=1.5354.0', secret: true,
    description: 'Extra OpenTelemetry resource attributes; names that collide with built-ins such as service.name are dropped.',
    deprecatedShapes: STRING_MAP_SHAPES,
  },
  {
    name: 'otlpDesktopLogLevel', section: 'telemetry', type: 'string', enum: ['off', 'error', 'warn', 'info', 'debug'], default: 'error',
    providers: 'all', availability: 'both', since: '>1.5354.0', secret: false,
    description: 'Lowest severity of desktop-app events exported.',
  },
  {
    name: 'otlpContentCapture', section: 'telemetry', type: 'stringList',
    enum: ['userPrompts', 'assistantResponses', 'toolDetails', 'toolContent', 'rawApiBodies'], default: [],
    providers: 'all', availability: 'both', since: '>1.5354.0', secret: false,
    description: 'Content categories exported unredacted (unset: all redacted).',
  },
  {
    name: 'otlpTracesEnabled', section: 'telemetry', type: 'boolean', beta: true, providers: 'all',
    availability: 'both', since: '1.22209.0', secret: false,
    description: 'Export traces as well as logs and metrics.',
  },
] as const satisfies readonly KeyDef[];
