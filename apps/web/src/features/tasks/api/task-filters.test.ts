import { describe, expect, it } from "vitest";
import { DEFAULT_FILTERS, filtersToParams, parseFilters } from "./task-filters";

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

describe("sort direction", () => {
  it("follows the sort key when the URL names none", () => {
    const read = (query: string) => parseFilters(new URLSearchParams(query)).order;
    expect(read("")).toBe("desc");
    expect(read("sort=due_date")).toBe("asc");
    expect(read("sort=title")).toBe("asc");
    expect(read("sort=priority")).toBe("desc");
    expect(read("sort=updated_at")).toBe("desc");
  });

  it("keeps the direction the user chose", () => {
    expect(parseFilters(new URLSearchParams("sort=title&order=desc")).order).toBe("desc");
    expect(filtersToParams({ sort: "title", order: "desc" }).toString()).toBe(
      "sort=title&order=desc",
    );
  });

  it("leaves defaults and the natural direction out of the URL", () => {
    expect(filtersToParams(DEFAULT_FILTERS).toString()).toBe("");
    expect(filtersToParams({ ...DEFAULT_FILTERS, sort: "due_date", order: "asc" }).toString()).toBe(
      "sort=due_date",
    );
    expect(filtersToParams({ status: "pending", q: "milk", order: "asc" }).toString()).toBe(
      "status=pending&q=milk&order=asc",
    );
  });
});
