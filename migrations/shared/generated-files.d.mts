// Types of generated-files.mjs (plain JavaScript, so that recipes run it with `node`), for its tests.

export declare const GENERATORS: readonly { readonly folder: string; readonly bin: string; readonly args: readonly string[] }[];
export declare function generateMissing(cwd?: string): { readonly command: string; readonly status: number | null }[];
export declare function missingGenerated(cwd?: string): string[];
