// What is built from the settings once per Env (a parsed configuration, a client): tests and
// benchmarks make their own Env, so the cache is keyed by it rather than global.
import type { Env } from "../env.ts";

export function perEnv<T>(build: (env: Env) => T): (env: Env) => T {
  const built = new WeakMap<Env, { value: T }>();
  return (env) => {
    let hit = built.get(env);
    if (!hit) {
      hit = { value: build(env) };
      built.set(env, hit);
    }
    return hit.value;
  };
}
