/**
 * A few assertions that throw, enough for our browser tests without chai or @open-wc/testing
 * (neither is a dependency). Mocha reports the thrown AssertionError's message.
 */
export class AssertionError extends Error {
  override name = 'AssertionError';
}

function show(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(JSON.stringify(value) ?? value);
}

interface Assert {
  equal<T>(actual: T, expected: T, message?: string): void;
  deepEqual<T>(actual: T, expected: T, message?: string): void;
  ok(value: unknown, message?: string): asserts value;
  match(actual: string, pattern: RegExp, message?: string): void;
  throws(run: () => unknown, message?: string): unknown;
}

/** Typed explicitly: TypeScript only narrows through `asserts` on an annotated name. */
export const assert: Assert = {
  /** Strict equality (Object.is). */
  equal<T>(actual: T, expected: T, message?: string): void {
    if (!Object.is(actual, expected)) {
      throw new AssertionError(`${message ? `${message}: ` : ''}expected ${show(expected)}, got ${show(actual)}`);
    }
  },

  /** Structural equality of plain JSON values (arrays, objects, primitives). */
  deepEqual<T>(actual: T, expected: T, message?: string): void {
    if (JSON.stringify(actual) !== JSON.stringify(expected)) {
      throw new AssertionError(`${message ? `${message}: ` : ''}expected ${show(expected)}, got ${show(actual)}`);
    }
  },

  ok(value: unknown, message = 'expected a truthy value'): asserts value {
    if (!value) throw new AssertionError(`${message} (got ${show(value)})`);
  },

  match(actual: string, pattern: RegExp, message?: string): void {
    if (typeof actual !== 'string' || !pattern.test(actual)) {
      throw new AssertionError(`${message ? `${message}: ` : ''}expected ${show(actual)} to match ${pattern}`);
    }
  },

  /** Runs a function that must throw; returns the error so the test can inspect it. */
  throws(run: () => unknown, message = 'expected the function to throw'): unknown {
    try {
      run();
    } catch (error) {
      return error;
    }
    throw new AssertionError(message);
  },
};
