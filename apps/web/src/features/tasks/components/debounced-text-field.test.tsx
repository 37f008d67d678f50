// @vitest-environment happy-dom
import { act, cleanup, fireEvent, render, screen } from "@testing-library/react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DebouncedTextField } from "./debounced-text-field";

/** The field as the toolbar uses it: `value` is the URL's, `onCommit` writes the URL. */
function renderField(value: string) {
  const onCommit = vi.fn<(value: string) => void>();
  const view = render(<DebouncedTextField label="Tag" value={value} onCommit={onCommit} />);
  const input = screen.getByLabelText<HTMLInputElement>("Tag");
  return {
    input,
    onCommit,
    type: (text: string) => fireEvent.change(input, { target: { value: text } }),
    /** The URL changed: from outside, or our own commit coming back. */
    urlBecomes: (next: string) =>
      view.rerender(<DebouncedTextField label="Tag" value={next} onCommit={onCommit} />),
  };
}

const wait = (ms: number) => act(() => vi.advanceTimersByTime(ms));

describe("DebouncedTextField", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    cleanup();
    vi.useRealTimers();
  });

  it("commits once typing pauses, not per keystroke", () => {
    const field = renderField("");
    field.type("h");
    wait(200);
    field.type("home");
    wait(299);
    expect(field.onCommit).not.toHaveBeenCalled();
    wait(1);
    expect(field.onCommit).toHaveBeenCalledExactlyOnceWith("home");
  });

  it("shows a value changed from outside when nothing is being typed", () => {
    const field = renderField("");
    field.urlBecomes("home");
    expect(field.input.value).toBe("home");
    wait(1000);
    expect(field.onCommit).not.toHaveBeenCalled();
  });

  it("keeps what is being typed when the URL changes during the pause, and commits it", () => {
    const field = renderField("");
    field.type("groc");
    wait(100);
    // A tag clicked (or Back pressed) before the pause is over.
    field.urlBecomes("home");
    expect(field.input.value).toBe("groc");
    wait(300);
    expect(field.onCommit).toHaveBeenCalledExactlyOnceWith("groc");
    // Its own commit coming back leaves the text alone.
    field.urlBecomes("groc");
    expect(field.input.value).toBe("groc");
  });

  it("follows the URL again once what was typed is committed", () => {
    const field = renderField("");
    field.type("work");
    wait(300);
    field.urlBecomes("work");
    // Clear filters, or Back to an entry without the tag.
    field.urlBecomes("");
    expect(field.input.value).toBe("");
    field.urlBecomes("home");
    expect(field.input.value).toBe("home");
    wait(1000);
    expect(field.onCommit).toHaveBeenCalledExactlyOnceWith("work");
  });

  it("does not lose typing to its own slow round trip", () => {
    const field = renderField("");
    field.type("alp");
    wait(300);
    expect(field.onCommit).toHaveBeenLastCalledWith("alp");
    field.type("alpha");
    // The URL catches up with the first commit only now.
    field.urlBecomes("alp");
    expect(field.input.value).toBe("alpha");
    wait(300);
    expect(field.onCommit).toHaveBeenLastCalledWith("alpha");
  });

  it("does not commit what the URL already says", () => {
    const field = renderField("");
    field.type("home");
    wait(100);
    field.urlBecomes("home");
    wait(1000);
    expect(field.onCommit).not.toHaveBeenCalled();
    expect(field.input.value).toBe("home");
  });
});
