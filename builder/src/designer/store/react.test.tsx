// DesignerProvider / useDesigner: a view selecting one block re-renders when that block changes and
// not when another one does (the identity the store keeps is what makes this work).
import { act, cleanup, render, screen } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { createDesignerStore } from "./index.ts";
import { DesignerProvider, useDesigner, useDesignerStore } from "./react.tsx";
import { sampleDocument } from "./test-document.ts";

afterEach(cleanup);

describe("useDesigner", () => {
  it("re-renders a block's view only when that block changes", () => {
    const store = createDesignerStore(sampleDocument(), 1);
    const renders: Record<string, number> = {};
    function BlockLabel({ id }: { id: string }) {
      const node = useDesigner((s) => s.nodesById.get(id));
      renders[id] = (renders[id] ?? 0) + 1;
      return <span data-testid={id}>{String(node?.props.title ?? node?.props.height)}</span>;
    }
    render(
      <DesignerProvider store={store}>
        <BlockLabel id="t1" />
        <BlockLabel id="t2" />
        <BlockLabel id="s1" />
      </DesignerProvider>,
    );
    expect(renders).toEqual({ t1: 1, t2: 1, s1: 1 });
    act(() => {
      store.getState().dispatch({ type: "update-props", id: "t2", props: { title: "右" } });
    });
    expect(screen.getByTestId("t2").textContent).toBe("右");
    expect(renders).toEqual({ t1: 1, t2: 2, s1: 1 });
    act(() => {
      store.getState().select("t1");
      store.getState().setViewport(320);
    });
    expect(renders).toEqual({ t1: 1, t2: 2, s1: 1 });
    act(() => store.getState().undo());
    expect(screen.getByTestId("t2").textContent).toBe("左");
  });

  it("gives imperative access to the same store, and needs a provider", () => {
    const store = createDesignerStore(sampleDocument(), 1);
    let seen: unknown = null;
    function Probe() {
      seen = useDesignerStore();
      return null;
    }
    render(
      <DesignerProvider store={store}>
        <Probe />
      </DesignerProvider>,
    );
    expect(seen).toBe(store);
    function Orphan() {
      useDesigner((s) => s.selectedId);
      return null;
    }
    const err = console.error;
    console.error = () => {};
    try {
      expect(() => render(<Orphan />)).toThrow(/DesignerProvider/);
    } finally {
      console.error = err;
    }
  });
});
