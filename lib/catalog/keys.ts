import { CONNECTION_KEYS } from './sections/connection';
import { PROVIDER_KEYS } from './sections/providers';
import { MODEL_KEYS } from './sections/models';
import { WORKSPACE_KEYS } from './sections/workspace';
import { CONNECTOR_KEYS } from './sections/connectors';
import { TELEMETRY_KEYS } from './sections/telemetry';
import { UPDATE_KEYS } from './sections/updates';
import { USAGE_KEYS } from './sections/usage';
import { APPEARANCE_KEYS } from './sections/appearance';
import { NETWORK_KEYS } from './sections/network';
import { BOOTSTRAP_KEYS } from './sections/bootstrap';

/**
 * Every Claude Desktop managed key, as literal data. Order: section order of the app's window, then
 * the order within each section file; writers emit keys in this order.
 */
export const KEYS = [
  ...CONNECTION_KEYS,
  ...PROVIDER_KEYS,
  ...MODEL_KEYS,
  ...WORKSPACE_KEYS,
  ...CONNECTOR_KEYS,
  ...TELEMETRY_KEYS,
  ...UPDATE_KEYS,
  ...USAGE_KEYS,
  ...APPEARANCE_KEYS,
  ...NETWORK_KEYS,
  ...BOOTSTRAP_KEYS,
] as const;

/** The literal type of the catalogue array. */
export type CatalogKeys = typeof KEYS;
/** The name of any catalogue key. */
export type KeyName = CatalogKeys[number]['name'];
