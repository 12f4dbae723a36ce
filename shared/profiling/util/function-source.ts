/**
 * The source text of self-contained functions, for a host that runs them on worker threads without a module loader
 * (node/profiling/). Module transformers rewrite calls to imported functions as namespace reads — Vite/vitest's
 * `(0,__vite_ssr_import_0__.f)`, CommonJS output's `(0, import_mod.f)` — which mean nothing in a worker; since every
 * function called is shipped beside the caller under its own name, those reads become the plain name again.
 */
export function functionSource(functions: readonly ((...args: never[]) => unknown)[]): string {
  return functions
    .map(String)
    .join('\n')
    .replace(/\(0,\s*(?:__vite_ssr_import_\d+__|import_[\w$]+)\.([\w$]+)\)/g, '$1')
    .replace(/__vite_ssr_import_\d+__\.([\w$]+)/g, '$1');
}
