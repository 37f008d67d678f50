import { describe, expect, it } from "vitest";
import { afterCommit } from "./after-commit";

const nextTask = () => new Promise((resolve) => setTimeout(resolve));

describe("afterCommit", () => {
  it("starts in a later task, not in the one that asked", async () => {
    const started: string[] = [];
    afterCommit(() => started.push("start"));
    await Promise.resolve();
    expect(started).toEqual([]);
    await nextTask();
    expect(started).toEqual(["start"]);
  });

  it("does not start once cancelled, as an effect's cleanup does", async () => {
    const started: string[] = [];
    const cancel = afterCommit(() => started.push("start"));
    cancel();
    await nextTask();
    expect(started).toEqual([]);
  });
});
