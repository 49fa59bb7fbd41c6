import type { SectionDef } from './types';

/**
 * Sections of Claude Desktop's configuration window, in the window's order. They become ADMX
 * categories, Jamf groups and the headings of the docs.
 */
export const SECTIONS = [
  { id: 'connection', title: 'Connection', description: 'Inference provider, credential source and request headers.' },
  { id: 'gateway', title: 'LLM gateway', description: 'An Anthropic-compatible gateway (TrueFoundry, LiteLLM, Portkey and others).' },
  { id: 'anthropic', title: 'Anthropic API', description: 'Direct access to the Anthropic API with an API key.' },
  { id: 'bedrock', title: 'Amazon Bedrock', description: 'Claude models on Amazon Bedrock.' },
  { id: 'vertex', title: 'Google Vertex AI', description: 'Claude models on Google Cloud Vertex AI.' },
  { id: 'foundry', title: 'Microsoft Foundry', description: 'Claude models on Microsoft Foundry (Azure AI Foundry).' },
  { id: 'models', title: 'Models', description: 'The model picker, discovery and pricing.' },
  { id: 'workspace', title: 'Workspace and tools', description: 'Tabs, folders, built-in tools and what the agent may reach.' },
  { id: 'connectors', title: 'Connectors and extensions', description: 'MCP servers, desktop extensions and plugins.' },
  { id: 'telemetry', title: 'Telemetry and OpenTelemetry', description: 'What the app reports to Anthropic and to your OTLP collector.' },
  { id: 'updates', title: 'Updates', description: 'How the app updates and relaunches.' },
  { id: 'usage', title: 'Usage limits', description: 'Client-side token caps.' },
  { id: 'appearance', title: 'Branding', description: 'Banner, names and instructions users see.' },
  { id: 'network', title: 'Network', description: 'Proxy settings for the app itself.' },
  { id: 'bootstrap', title: 'Bootstrap', description: 'A server that delivers per-user settings at launch.' },
] as const satisfies readonly SectionDef[];

/** The id of a section. */
export type SectionId = (typeof SECTIONS)[number]['id'];
