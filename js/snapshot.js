// Every argument is copied into plain data in JS before anything enters wasm, so no user code (getters, Proxy traps,
// iterators) ever runs inside a wasm call: an exception while reading becomes INVALID_INPUT (the original as `cause`);
// nesting beyond MAX_DEPTH is TOO_DEEP and input beyond MAX_INPUT_UNITS is TOO_LARGE, measured without expanding objects
// referenced several times (the same bounds as the Rust reader, src/json.rs).
import { coded } from "./errors.js";

/** Nesting deeper than this is refused (TOO_DEEP). */
export const MAX_DEPTH = 32;
/** Total size bound (TOO_LARGE): every string counts its length, every value NODE_COST more. */
export const MAX_INPUT_UNITS = 8 << 20;
const NODE_COST = 16;


class Refusal extends Error {}

/** A plain-data copy of `value` (objects, arrays, strings, numbers, booleans, null, bigints), or a coded Error. */
export function snapshot(value, field = "argument") {
  const memo = new Map(); // object → { copy, cost, height } (null while being read: a cycle)
  let read = 0;
  const refuse = (code, message) => { const r = new Refusal(message); r.code = code; throw r; };
  const count = (n) => {
    read += n;
    if (read > MAX_INPUT_UNITS || n > MAX_INPUT_UNITS) refuse("TOO_LARGE", `${field}: more than ${MAX_INPUT_UNITS} units`);
    return n;
  };
  const visit = (x, depth) => {
    if (depth > MAX_DEPTH) refuse("TOO_DEEP", `${field}: nested deeper than ${MAX_DEPTH} levels`);
    switch (typeof x) {
      case "undefined": return [null, NODE_COST, 0];
      case "boolean": case "number": return [x, NODE_COST, 0];
      case "string": return [x, count(x.length + NODE_COST), 0];
      case "bigint": { const s = x.toString(); return [x, count(s.length + NODE_COST), 0]; }
      case "function": case "symbol": refuse("INVALID_INPUT", `${field}: a ${typeof x} is not data`);
    }
    if (x === null) return [null, NODE_COST, 0];
    if (memo.has(x)) {
      const m = memo.get(x);
      if (m === null || depth + m.height > MAX_DEPTH) refuse("TOO_DEEP", `${field}: nested deeper than ${MAX_DEPTH} levels (or a cycle)`);
      return [m.copy, m.cost, m.height];
    }
    memo.set(x, null);
    let cost = count(NODE_COST), height = 0;
    const add = (c, h) => {
      cost += c;
      height = Math.max(height, h + 1);
      if (cost > MAX_INPUT_UNITS) refuse("TOO_LARGE", `${field}: more than ${MAX_INPUT_UNITS} units`);
    };
    let copy;
    if (Array.isArray(x)) {
      const len = x.length;
      if (!(len <= MAX_INPUT_UNITS / NODE_COST)) refuse("TOO_LARGE", `${field}: an array of ${len} elements`);
      copy = new Array(len);
      for (let i = 0; i < len; i++) { const [c, k, h] = visit(x[i], depth + 1); add(k, h); copy[i] = c; }
    } else {
      copy = {};
      const keys = Object.keys(x);
      if (keys.length > MAX_INPUT_UNITS / NODE_COST) refuse("TOO_LARGE", `${field}: an object of ${keys.length} keys`);
      for (const key of keys) {
        const ku = count(key.length);
        const [c, k, h] = visit(x[key], depth + 1);
        add(k + ku, h);
        Object.defineProperty(copy, key, { value: c, enumerable: true, writable: true, configurable: true });
      }
    }
    memo.set(x, { copy, cost, height });
    return [copy, cost, height];
  };
  try {
    return visit(value, 0)[0];
  } catch (e) {
    if (e instanceof Refusal) throw coded(e.code, e.message);
    let text;
    try { text = String(e?.message ?? e); } catch { text = "an unreadable exception"; }
    throw coded("INVALID_INPUT", `${field}: the argument could not be read: ${text}`, { cause: e });
  }
}
