import type { NotificationCollection } from "@todo/contract/notification";
import { describe, expect, it } from "vitest";
import { notificationFixture } from "../notification-fixture";
import { markedRead } from "./notifications";

const collection = (unread: number, reads: boolean[]): NotificationCollection => ({
  unread,
  items: reads.map((read, index) => notificationFixture(index + 1, read)),
});

describe("markedRead", () => {
  it("reads one and counts it off", () => {
    const after = markedRead(collection(2, [false, false]), new Set([2]));
    expect(after.items.map((item) => item.read)).toEqual([false, true]);
    expect(after.unread).toBe(1);
  });

  it("does not count off one already read", () => {
    expect(markedRead(collection(1, [false, true]), new Set([2])).unread).toBe(1);
  });

  it("reads all, older ones beyond the list included", () => {
    const after = markedRead(collection(150, [false, true, false]), null);
    expect(after.items.every((item) => item.read)).toBe(true);
    expect(after.unread).toBe(0);
  });
});
