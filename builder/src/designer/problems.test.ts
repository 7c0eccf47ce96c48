// Publish problems name places by path; the designer walks the path back to the block it concerns.
import { describe, expect, it } from "vitest";
import { ApiFailure } from "../api/client.ts";
import { blockAtPath, issuesOf, problemsByBlock } from "./problems.ts";
import { sampleDocument } from "./store/test-document.ts";

describe("blockAtPath", () => {
  const { blocks } = sampleDocument();

  it("finds a root block by its index, whatever follows in the path", () => {
    expect(blockAtPath(blocks, "blocks.1.props.title")?.id).toBe("t1");
    expect(blockAtPath(blocks, "blocks.3")?.id).toBe("g1");
    expect(blockAtPath(blocks, "blocks.3.props.source.categoryId")?.id).toBe("g1");
  });

  it("walks into children, as deep as the path goes", () => {
    expect(blockAtPath(blocks, "blocks.2.children.0.props.title")?.id).toBe("t2");
    expect(blockAtPath(blocks, "blocks.2.children.1.children.0.props.height")?.id).toBe("s1");
    // A problem with the container's children list itself is the container's.
    expect(blockAtPath(blocks, "blocks.2.children")?.id).toBe("c1");
  });

  it("stops at the deepest block that exists", () => {
    expect(blockAtPath(blocks, "blocks.2.children.9.props")?.id).toBe("c1");
    expect(blockAtPath(blocks, "blocks.99.props")).toBeNull();
  });

  it("gives nothing for page-level paths", () => {
    expect(blockAtPath(blocks, "")).toBeNull();
    expect(blockAtPath(blocks, "blocks")).toBeNull();
    expect(blockAtPath(blocks, "title")).toBeNull();
  });
});

describe("problemsByBlock", () => {
  it("groups messages by block id, page-level ones under the empty id", () => {
    const doc = sampleDocument();
    expect(
      problemsByBlock(doc, [
        { path: "blocks.3.props.source", message: "product grid: category missing" },
        { path: "blocks.2.children.1.children.0.props.background", message: "bad colour" },
        { path: "blocks.3.props.limit", message: "too many" },
        { path: "", message: "the page is over 128 KB" },
      ]),
    ).toEqual({
      g1: ["product grid: category missing", "too many"],
      s1: ["bad colour"],
      "": ["the page is over 128 KB"],
    });
  });
});

describe("issuesOf", () => {
  it("reads a refusal's details and ignores anything else", () => {
    const refusal = new ApiFailure(422, "validation_failed", "cannot publish", "r1", [
      { path: "blocks.0.props.image", message: "media missing" },
    ]);
    expect(issuesOf(refusal)).toEqual([{ path: "blocks.0.props.image", message: "media missing" }]);
    expect(issuesOf(new ApiFailure(422, "validation_failed", "x", "r1", "not a list"))).toEqual([]);
    expect(issuesOf(new Error("network"))).toEqual([]);
  });
});
