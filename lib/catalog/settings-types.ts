import type { CatalogKeys, KeyName } from './keys';

/** A secret given by the name of an environment variable the caller passes in. */
export interface EnvRef {
  /** Name of the environment variable that holds the secret. */
  readonly env: string;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

type EnumOf<S> = S extends { enum: readonly (infer E)[] } ? E : string;
type SecretOr<S, T> = S extends { secret: true } ? T | EnvRef : T;

type RequiredFields<F> = { [K in keyof F as F[K] extends { required: true } ? K : never]: NativeOf<F[K]> };
type OptionalFields<F> = { [K in keyof F as F[K] extends { required: true } ? never : K]?: NativeOf<F[K]> };
type ObjectOf<F> = Mutable<RequiredFields<F> & OptionalFields<F>>;

/** The native JSON value a profile writes for a value spec of the catalogue. */
export type NativeOf<S> = S extends { type: 'string' }
  ? SecretOr<S, EnumOf<S>>
  : S extends { type: 'boolean' }
    ? boolean
    : S extends { type: 'integer' | 'number' }
      ? number
      : S extends { type: 'stringList' }
        ? EnumOf<S>[]
        : S extends { type: 'object'; values: infer V }
          ? { [name: string]: NativeOf<V> }
          : S extends { type: 'object'; fields: infer F }
            ? ObjectOf<F> | (S extends { allowTrue: true } ? true : never)
            : S extends { type: 'objectList'; fields: infer F }
              ? (ObjectOf<F> | (S extends { itemsMayBeString: true } ? string : never))[]
              : never;

/** The catalogue entry of one key name. */
export type KeyEntry<N extends KeyName> = Extract<CatalogKeys[number], {
  /** The key's name, `N`. */
  name: N;
}>;

/**
 * The settings of a profile: Claude's key names with native JSON values (true, 42, arrays,
 * objects). Derived from the catalogue data, never typed by hand.
 */
export type Settings = { -readonly [N in KeyName]?: NativeOf<KeyEntry<N>> };
