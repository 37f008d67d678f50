import { describe, expect, it } from "vitest";
import { notificationFixture as item } from "../notification-fixture";
import { newArrivals } from "./new-arrivals";

describe("newArrivals", () => {
  it("alerts nothing on the first answer, only remembers it", () => {
    const first = newArrivals(null, [item(2), item(1)]);
    expect(first.fresh).toEqual([]);
    expect([...first.seen].sort()).toEqual([1, 2]);
  });

  it("alerts the unread ones that arrived since, oldest first", () => {
    const { seen } = newArrivals(null, [item(1)]);
    const next = newArrivals(seen, [item(4), item(3), item(2, true), item(1)]);
    expect(next.fresh.map((n) => n.id)).toEqual([3, 4]);
    expect([...next.seen].sort()).toEqual([1, 2, 3, 4]);
  });

  it("never alerts the same notification twice", () => {
    const { seen } = newArrivals(new Set(), [item(5)]);
    expect(newArrivals(seen, [item(5)]).fresh).toEqual([]);
  });

  it("alerts after an empty first answer", () => {
    const { seen } = newArrivals(null, []);
    expect(newArrivals(seen, [item(1)]).fresh.map((n) => n.id)).toEqual([1]);
  });
});
