import type { SinceMarker } from './types';

/** Parses `1.46388.4` or `1.10628` into numbers; `undefined` when it is not a version. */
export function parseAppVersion(text: string): number[] | undefined {
  if (!/^\d+(\.\d+){1,3}$/.test(text)) return undefined;
  return text.split('.').map(Number);
}

/** Compares two app versions numerically, missing parts counting as 0. */
export function compareAppVersions(a: string, b: string): number {
  const pa = parseAppVersion(a) ?? [];
  const pb = parseAppVersion(b) ?? [];
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d < 0 ? -1 : 1;
  }
  return 0;
}

/** A first-version marker split into its relation and build. */
export interface Since {
  /** `exact`: first honoured in `build`; `present-in`: already in `build`; `after`: added after `build`. */
  readonly relation: 'exact' | 'present-in' | 'after';
  /** The Claude Desktop build the marker names, without its `<=`/`>` prefix (e.g. `1.5354.0`). */
  readonly build: string;
}

/** Reads a {@link SinceMarker}. */
export function parseSince(marker: SinceMarker): Since {
  if (marker.startsWith('<=')) return { relation: 'present-in', build: marker.slice(2) };
  if (marker.startsWith('>')) return { relation: 'after', build: marker.slice(1) };
  return { relation: 'exact', build: marker };
}

/** Says in words which build first reads a key. */
export function describeSince(marker: SinceMarker): string {
  const s = parseSince(marker);
  if (s.relation === 'exact') return `Claude Desktop ${s.build}`;
  if (s.relation === 'present-in') return `Claude Desktop ${s.build} or earlier (first build not documented)`;
  return `a build after ${s.build} (exact build not documented)`;
}

/**
 * Whether a fleet whose oldest build is `appVersion` may not read a key first seen at `marker`.
 * `after` markers count as too new for the build they name and any older one.
 */
export function isNewerThanFleet(marker: SinceMarker, appVersion: string): boolean {
  const s = parseSince(marker);
  const cmp = compareAppVersions(appVersion, s.build);
  return s.relation === 'after' ? cmp <= 0 : cmp < 0;
}
