// @vitest-environment happy-dom
import { act } from "react";
import { createRoot, hydrateRoot } from "react-dom/client";
import { renderToString } from "react-dom/server";
import { afterEach, describe, expect, it } from "vitest";
import { useHydrated } from "./use-hydrated";

// React warns unless it is told the test drives it through act().
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

function Probe({ renders }: { renders: boolean[] }) {
  const hydrated = useHydrated();
  renders.push(hydrated);
  return <p>{hydrated ? "live" : "served"}</p>;
}

let container: HTMLElement;
afterEach(() => container.remove());

describe("useHydrated", () => {
  it("is false in the server's HTML and while hydrating, then true in a render of its own", async () => {
    container = document.body.appendChild(document.createElement("div"));
    container.innerHTML = renderToString(<Probe renders={[]} />);
    expect(container.textContent).toBe("served");

    const renders: boolean[] = [];
    await act(async () => {
      hydrateRoot(container, <Probe renders={renders} />);
    });
    expect(container.textContent).toBe("live");
    // Hydration, then React's synchronous re-render of the store's readers, which must stay
    // as cheap as hydration (still false), then the background render that shows `true`.
    expect(renders).toEqual([false, false, true]);
  });

  it("is true from the first render of a component mounted after hydration", async () => {
    container = document.body.appendChild(document.createElement("div"));
    const renders: boolean[] = [];
    await act(async () => {
      createRoot(container).render(<Probe renders={renders} />);
    });
    expect(renders).toEqual([true]);
    expect(container.textContent).toBe("live");
  });
});
