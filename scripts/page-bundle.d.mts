export declare const root: string;
export declare const SERVICE_MODULES: { readonly ems: RegExp; readonly delegation: RegExp };
/** The package's subpaths that define a custom element: tag → `./dist/lib/…/<tag>.js`. */
export declare function elementEntries(): Record<string, string>;
export interface PageChunk {
  readonly name: string;
  /** Loaded with the page (the entry and what it imports statically), not behind a dynamic import. */
  readonly eager: boolean;
  readonly bytes: number;
  readonly gzip: number;
  /** Source modules with code in the chunk: `components/ems/ems-inbox/ems-inbox.ts`. */
  readonly modules: readonly string[];
}
export interface PageTotals {
  readonly bytes: number;
  readonly gzip: number;
  readonly modules: readonly string[];
}
export declare function bundlePage(entries: readonly string[], options?: { from?: 'source' | 'package' }): Promise<{
  chunks: PageChunk[];
  eager: PageTotals;
  lazy: PageTotals;
  /** The package's modules a page loads without a bundler: everything its static imports reach. */
  unbundled: readonly string[];
}>;
