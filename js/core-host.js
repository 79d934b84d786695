// Where a BridgeClient's core runs: in this thread (InlineCore, the wasm BridgeClientCore itself) or in the package's
// module Worker (WorkerCore: worker.js, started with `new URL("./worker.js", import.meta.url)`); errors from the Worker are
// made BridgeErrors here, on the page's side (classes do not survive postMessage).
import { coded, toBridgeError } from "./errors.js";
import { core, guarded } from "./wasm.js";

const closed = () => coded("FREED", "this BridgeClient was closed");

/** The core in this thread: the wasm `BridgeClientCore` itself. */
export class InlineCore {
  where = "inline";
  #base = [0, 0];
  constructor(setup, endpoints) {
    this.open(setup, endpoints);
  }
  /** `[requests, ms]` of every core this one has been (see `BridgeClientCore.io`). */
  get io() {
    if (this.freed) return [...this.#base];
    const [r, ms] = this.core.io();
    return [this.#base[0] + r, this.#base[1] + ms];
  }
  open(setup, endpoints) {
    const next = guarded(() => new core.BridgeClientCore(setup, endpoints ?? this.endpoints));
    if (this.core) this.#base = this.io;
    this.core?.free();
    this.core = next;
    this.endpoints = endpoints ?? this.endpoints;
    this.range = Array.from(next.verifiedRange());
    return Promise.resolve();
  }
  async call(method, ...args) {
    let value;
    try {
      value = await this.core[method](...args);
    } catch (e) {
      throw this.freed ? closed() : toBridgeError(e);
    }
    // Closed while the call ran: its answer is dropped (the core is gone).
    if (this.freed) throw closed();
    if (method === "verify" && value && typeof value === "object") value.verifiedIn = "inline";
    if (method === "trackStep" && value?.verdict) value.verdict.verifiedIn = "inline";
    this.range = Array.from(this.core.verifiedRange());
    return value;
  }
  free() {
    this.#base = this.io;
    this.freed = true;
    this.core.free();
  }
}

/**
 * The core in the package's module Worker (worker.js), which fetches URL endpoints itself; an EIP-1193 provider's requests
 * come back here, to the page.
 */
export class WorkerCore {
  where = "worker";
  io = [0, 0];
  #w; #endpoints; #pending = new Map(); #seq = 0; #dead = null;
  constructor(setup, endpoints) {
    this.#endpoints = endpoints;
    this.#w = new Worker(new URL("./worker.js", import.meta.url), { type: "module" });
    this.#w.onmessage = ({ data: m }) => {
      if (m.type === "io") {
        const done = this.#endpoints[m.ep].send(m.method, m.params);
        done.then((value) => this.#w.postMessage({ type: "io", sid: m.sid, ok: true, value }),
          (e) => this.#w.postMessage({ type: "io", sid: m.sid, ok: false, error: e && e.kind ? { ...e } : { kind: "network", message: String(e?.message ?? e) } }));
        return;
      }
      const p = this.#pending.get(m.id);
      this.#pending.delete(m.id);
      if (!p) return;
      if (m.ok) p.resolve(m.value);
      else p.reject(coded(m.error.code ?? "WORKER_FAILED", m.error.message));
    };
    const fail = (e) => this.#fail(coded("WORKER_FAILED", `the verification worker failed: ${e?.message ?? "it could not start"}`));
    this.#w.onerror = fail;
    this.#w.onmessageerror = fail;
    this.range = [Number(setup.anchor.blockNumber), Number(setup.anchor.blockNumber)];
    this.opening = this.open(setup);
    this.opening.catch(() => {}); // reported to the calls that wait for it, never as an unhandled rejection
  }
  #fail(e) {
    this.#dead = e;
    for (const p of this.#pending.values()) p.reject(e);
    this.#pending.clear();
  }
  #request(m) {
    if (this.#dead) return Promise.reject(this.#dead);
    return new Promise((resolve, reject) => {
      const id = ++this.#seq;
      this.#pending.set(id, { resolve, reject });
      this.#w.postMessage({ ...m, id });
    });
  }
  async open(setup) {
    const endpoints = this.#endpoints.map(({ send, ...plain }) => (send ? { ...plain, provider: true } : plain));
    const { range, io } = await this.#request({ type: "open", setup, endpoints });
    this.range = range;
    this.io = io;
  }
  async call(method, ...args) {
    await this.opening;
    const { value, range, io } = await this.#request({ type: "call", method, args });
    this.range = range;
    this.io = io;
    return value;
  }
  free() {
    this.#w.terminate();
    this.#fail(closed());
  }
}
