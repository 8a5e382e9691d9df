// The mocha globals @web/test-runner defines in the browser (the BDD interface).
// Declared here because @types/mocha is not a dependency.
type MochaCallback = (this: unknown) => void | Promise<void>;

declare function describe(title: string, suite: (this: unknown) => void): void;
declare function it(title: string, test: MochaCallback): void;
declare function before(hook: MochaCallback): void;
declare function after(hook: MochaCallback): void;
declare function beforeEach(hook: MochaCallback): void;
declare function afterEach(hook: MochaCallback): void;
