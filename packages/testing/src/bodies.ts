// How the tests build a request body: a complete, valid default in which the test replaces whole
// fields (a nested field given in `overrides` replaces the default's, it is not merged into it).

/** A builder of `defaults` with overrides; each call starts from a fresh copy, so no test sees another's edits. */
export function bodyBuilder<T extends object>(defaults: T) {
  return (overrides: Record<string, unknown> = {}) => ({ ...structuredClone(defaults), ...overrides });
}
