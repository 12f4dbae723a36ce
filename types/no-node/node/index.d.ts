// An empty stand-in for @types/node, seen by shared/ and renderer/ (their tsconfig.json typeRoots): apache-arrow's
// declarations say `/// <reference types="node" />`, which would otherwise bring Node's globals (Buffer, process,
// fs) into code that runs in browsers and workers. Its Node stream methods then type as any;
// neither room calls them.
export {};
