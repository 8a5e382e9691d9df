export declare const BROWSER_ARGS: readonly string[];
export declare const DEFAULT_BROWSER_PATHS: Readonly<Record<string, readonly string[]>>;
export declare function browserCandidates(env?: Record<string, string | undefined>, platform?: string): string[];
/** The first candidate that is an executable file, or null. */
export declare function findBrowser(candidates?: readonly string[]): string | null;
export declare function missingBrowserMessage(candidates?: readonly string[]): string;
