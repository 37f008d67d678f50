// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from "@testing-library/react";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LiveFieldset } from "./live-fieldset";

afterEach(cleanup);

describe("LiveFieldset", () => {
  it("is served disabled and enabled by hydration, keeping the served controls", async () => {
    const onClick = vi.fn();
    const ui = (
      <LiveFieldset>
        <button type="button" onClick={onClick}>
          Save
        </button>
      </LiveFieldset>
    );
    const container = document.body.appendChild(document.createElement("div"));
    container.innerHTML = renderToString(ui);
    const served = screen.getByRole<HTMLButtonElement>("button", { name: "Save" });
    const fieldset = served.closest("fieldset");
    // As the server sends it: what is inside cannot be used before it has a handler (the
    // browser disables a disabled fieldset's controls; e2e/account.spec.ts sees it in Chromium).
    expect(fieldset?.disabled).toBe(true);

    render(ui, { container, hydrate: true });
    await waitFor(() => expect(fieldset?.disabled).toBe(false));
    // Hydrated in place (the same node), and now it works.
    expect(screen.getByRole("button", { name: "Save" })).toBe(served);
    served.click();
    expect(onClick).toHaveBeenCalledOnce();
  });

  it("renders enabled straight away on the client", () => {
    render(
      <LiveFieldset className="flex">
        <input aria-label="Title" />
      </LiveFieldset>,
    );
    const field = screen.getByLabelText<HTMLInputElement>("Title");
    expect(field.closest("fieldset")?.disabled).toBe(false);
    expect(field.closest("fieldset")?.className).toContain("flex");
  });

  it("stays disabled when told to, hydrated or not (a stand-in's)", () => {
    render(
      <LiveFieldset disabled>
        <input aria-label="Name" />
      </LiveFieldset>,
    );
    expect(screen.getByLabelText<HTMLInputElement>("Name").closest("fieldset")?.disabled).toBe(
      true,
    );
  });
});
