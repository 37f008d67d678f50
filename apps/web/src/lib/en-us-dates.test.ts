import { afterEach, describe, expect, it, vi } from "vitest";
import { DATE_STYLES, type DateStyle, formatEnUs, localDay } from "./en-us-dates";

const styles = Object.keys(DATE_STYLES) as DateStyle[];
const zoneAtStart = process.env.TZ;

/** Every 7 h 13 min through 2026 and into 2027: all hours, weekdays, months, both DST changes. */
const moments = Array.from(
  { length: 1_300 },
  (_, i) => new Date(Date.UTC(2026, 0, 1) + i * (7 * 3_600_000 + 13 * 60_000)),
);

describe("en-US dates without Intl", () => {
  afterEach(() => {
    if (zoneAtStart === undefined) delete process.env.TZ;
    else process.env.TZ = zoneAtStart;
  });

  it("write UTC as Intl's en-US does", () => {
    for (const style of styles) {
      const intl = new Intl.DateTimeFormat("en-US", { ...DATE_STYLES[style], timeZone: "UTC" });
      for (const moment of moments) {
        expect(formatEnUs(moment, style, true)).toBe(intl.format(moment));
      }
    }
  });

  it.each([
    ["Europe/Paris", -60],
    ["America/New_York", 300],
    ["Asia/Kolkata", -330],
    ["Pacific/Chatham", -825],
  ])("write the runtime's own zone (%s) as Intl's en-US does", (zone, januaryOffset) => {
    // Node applies a new TZ to Date and to Intl's default zone at once.
    process.env.TZ = zone;
    expect(new Date(Date.UTC(2026, 0, 1)).getTimezoneOffset()).toBe(januaryOffset);
    for (const style of styles) {
      const intl = new Intl.DateTimeFormat("en-US", DATE_STYLES[style]);
      for (const moment of moments) {
        expect(formatEnUs(moment, style, false)).toBe(intl.format(moment));
      }
    }
    const dayParts = new Intl.DateTimeFormat("en-CA", { dateStyle: "short" });
    for (const moment of moments) expect(localDay(moment)).toBe(dayParts.format(moment));
  });
});

describe("due labels for an en-US reader in their own zone", () => {
  it("are written without building an Intl.DateTimeFormat", async () => {
    vi.resetModules();
    const original = Intl.DateTimeFormat;
    let built = 0;
    Intl.DateTimeFormat = new Proxy(original, {
      construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
        built += 1;
        return new target(...args);
      },
    });
    try {
      const { dueLabel, formatDueDate } = await import("./due-label");
      const now = new Date("2026-12-02T09:00:00Z");
      for (const due of ["2026-12-02", "2026-12-05", "2027-03-01", "2026-12-04T17:00:00Z"]) {
        expect(dueLabel(due, { now, locale: "en-US" }).text).not.toBe("");
        expect(formatDueDate(due, { locale: "en-US" })).toMatch(/\d{4}/);
      }
      expect(built).toBe(0);
      // Another language still goes through Intl.
      expect(dueLabel("2026-12-04", { now, locale: "fr-FR", timeZone: "UTC" }).text).toBe(
        "vendredi",
      );
      expect(built).toBeGreaterThan(0);
    } finally {
      Intl.DateTimeFormat = original;
    }
  });
});
