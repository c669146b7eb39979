// What scripts/bench-site.ts imports from this package, resolved from this folder's node_modules.

export { launch } from "chrome-launcher";
export { default as lighthouse } from "lighthouse";
