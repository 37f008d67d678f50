import { describe, expect, it } from "vitest";
import { isTypingTarget, type KeyPress, matchShortcut } from "./keyboard-shortcuts";

const press = (key: string, modifiers: Partial<KeyPress> = {}): KeyPress => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  ...modifiers,
});

describe("keyboard shortcuts", () => {
  it.each([
    ["q", "quickAdd"],
    ["/", "search"],
    ["j", "next"],
    ["k", "previous"],
    ["x", "complete"],
    ["e", "edit"],
    ["Delete", "delete"],
    ["?", "help"],
  ])("%s does %s", (key, action) => {
    expect(matchShortcut(press(key), [])).toEqual({ action, pending: [] });
  });

  it("reads g then i as one shortcut", () => {
    const first = matchShortcut(press("g"), []);
    expect(first).toEqual({ pending: ["g"] });
    expect(matchShortcut(press("i"), first.pending)).toEqual({ action: "goInbox", pending: [] });
  });

  it("goes to Today with g t and to Upcoming with g u", () => {
    expect(matchShortcut(press("t"), ["g"])).toEqual({ action: "goToday", pending: [] });
    expect(matchShortcut(press("u"), ["g"])).toEqual({ action: "goUpcoming", pending: [] });
  });

  it("lets a key that breaks a sequence act on its own", () => {
    expect(matchShortcut(press("j"), ["g"])).toEqual({ action: "next", pending: [] });
  });

  it("leaves presses with Ctrl, Meta or Alt to the browser", () => {
    expect(matchShortcut(press("q", { ctrlKey: true }), [])).toEqual({ pending: [] });
    expect(matchShortcut(press("k", { metaKey: true }), [])).toEqual({ pending: [] });
    expect(matchShortcut(press("j", { altKey: true }), ["g"])).toEqual({ pending: [] });
  });

  it("ignores keys that are no shortcut, and upper case letters", () => {
    expect(matchShortcut(press("z"), [])).toEqual({ pending: [] });
    expect(matchShortcut(press("Q"), [])).toEqual({ pending: [] });
  });
});

describe("typing targets", () => {
  it.each([
    [{ tagName: "INPUT", type: "text" }, true],
    [{ tagName: "INPUT", type: "search" }, true],
    [{ tagName: "input" }, true],
    [{ tagName: "INPUT", type: "date" }, true],
    [{ tagName: "TEXTAREA" }, true],
    [{ tagName: "SELECT" }, true],
    [{ tagName: "DIV", isContentEditable: true }, true],
    [{ tagName: "INPUT", type: "checkbox" }, false],
    [{ tagName: "BUTTON" }, false],
    [{ tagName: "LI" }, false],
    [{ tagName: "BODY" }, false],
  ])("%o is typing: %s", (target, typing) => {
    expect(isTypingTarget(target)).toBe(typing);
  });

  it("treats no target as not typing", () => {
    expect(isTypingTarget(null)).toBe(false);
  });
});
