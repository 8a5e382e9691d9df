// The mocha globals @web/test-runner defines in the browser (the BDD interface).
// Declared here because @types/mocha is not a dependency.
interface MochaContext {
  /** Sets the time a test or hook may take, in ms (replication tests need more than the default). */
  timeout(ms: number): void;
}
type MochaCallback = (this: MochaContext) => void | Promise<void>;

declare function describe(title: string, suite: (this: MochaContext) => void): void;
declare function it(title: string, test: MochaCallback): void;
declare function before(hook: MochaCallback): void;
declare function after(hook: MochaCallback): void;
declare function beforeEach(hook: MochaCallback): void;
declare function afterEach(hook: MochaCallback): void;
declare namespace it {
  /** A test kept but not run (say why next to it). */
  function skip(title: string, test: MochaCallback): void;
}
