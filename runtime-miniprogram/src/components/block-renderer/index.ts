// block-renderer: a list of blocks, each as the component of its registry type (index.wxml is
// generated from the registry: one branch per type, and a nested renderer inside every block that
// holds children). Its host takes no box (index.wxss), so a container's grid lays out the blocks
// themselves. (Not `virtualHost`: miniprogram-simulate renders nothing inside a virtual host.)
(Component as unknown as (o: Record<string, unknown>) => void)({
  properties: {
    /** Blocks as core/prepare-blocks.ts gives them (props parsed, unknown types dropped). */
    blocks: { type: Array, value: [] },
    /** Key of the page's context (core/page-context.ts). */
    ctx: { type: String, value: "" },
  },
});
