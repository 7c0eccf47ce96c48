// The designer store in React: DesignerProvider hands one editor's store down; useDesigner reads a
// slice of it with a selector (components re-render only when what they select changes).
import { createContext, type ReactNode, useContext } from "react";
import { useStore } from "zustand";
import type { DesignerStore } from "./index.ts";
import type { DesignerState } from "./types.ts";

const DesignerContext = createContext<DesignerStore | null>(null);

export function DesignerProvider({ store, children }: { store: DesignerStore; children?: ReactNode }) {
  return <DesignerContext.Provider value={store}>{children}</DesignerContext.Provider>;
}

/** The editor's store itself, for imperative use (event handlers, commands, autosave). */
export function useDesignerStore(): DesignerStore {
  const store = useContext(DesignerContext);
  if (!store) throw new Error("useDesigner needs a <DesignerProvider> above it");
  return store;
}

/** A selected part of the designer state: `useDesigner((s) => s.nodesById.get(id))`. */
export function useDesigner<T>(selector: (state: DesignerState) => T): T {
  return useStore(useDesignerStore(), selector);
}
