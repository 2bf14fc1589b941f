// Types of workspace-packages.mjs (plain JavaScript, so that recipes run it with `node`), for its tests.

export declare function workspaceGlobs(root?: string): string[];
export declare function workspacePackages(root?: string): string[];
