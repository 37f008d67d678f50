import { describe, expect, it } from "vitest";
import { DEFAULT_FILTERS, parseFilters } from "./task-filters";

describe("parseFilters", () => {
  it("reads every filter from the URL", () => {
    const params = new URLSearchParams(
      "status=completed&priority=high&tag=home&q=milk&sort=due_date&order=asc",
    );
    expect(parseFilters(params)).toEqual({
      status: "completed",
      priority: "high",
      tag: "home",
      q: "milk",
      sort: "due_date",
      order: "asc",
    });
  });

  it("falls back to the default for each unknown value and keeps the valid ones", () => {
    const params = new URLSearchParams("status=done&priority=urgent&sort=toString&order=asc");
    expect(parseFilters(params)).toEqual({ ...DEFAULT_FILTERS, order: "asc" });
  });

  it("leaves blank text filters out, since the API refuses empty values", () => {
    expect(parseFilters(new URLSearchParams("q=%20%20&tag="))).toEqual(DEFAULT_FILTERS);
  });
});
