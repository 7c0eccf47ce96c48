// The import error report parser: quoted cells, commas, line breaks, BOM.
import { describe, expect, it } from "vitest";
import { parseCsv, parseErrorReport } from "./csv-report.ts";

describe("parseErrorReport", () => {
  it("reads row, field and message", () => {
    const csv = '\uFEFFrow,field,message\r\n3,price,"must be yuan, e.g. 259.90"\r\n1,,"unknown column ""colour"""\r\n';
    expect(parseErrorReport(csv)).toEqual([
      { row: 3, field: "price", message: "must be yuan, e.g. 259.90" },
      { row: 1, field: "", message: 'unknown column "colour"' },
    ]);
  });
  it("keeps line breaks inside quoted cells", () => {
    expect(parseCsv('a,b\n"x\ny",z')).toEqual([
      ["a", "b"],
      ["x\ny", "z"],
    ]);
  });
});
