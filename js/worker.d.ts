// Types of the package's module Worker entry (`zkbridge-light/worker.js`, worker.js). It has no exports: `BridgeClient`
// starts it itself with `new Worker(new URL("./worker.js", import.meta.url), { type: "module" })` and talks to it with
// messages (see worker.js). This file exists so that the `./worker.js` export resolves to types; do not import the module
// on a page (it would run as a Worker there).
export {};
