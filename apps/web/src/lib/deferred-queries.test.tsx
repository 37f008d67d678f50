// @vitest-environment happy-dom
import {
  type DehydratedState,
  dehydrate,
  hashKey,
  infiniteQueryOptions,
  QueryClient,
  queryOptions,
} from "@tanstack/react-query";
import { act, cleanup, render, screen, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  QueryEngineProvider,
  queryHash,
  useDeferredInfiniteQuery,
  useDeferredMutation,
  useDeferredQuery,
} from "./deferred-queries";
import { listKeys } from "./lists";
import { type QueryEngine, startQueryEngine } from "./query-engine";

afterEach(cleanup);

/** What the server does for a page: fetch with a client of its own, then dehydrate. */
async function serverState(
  fill: (client: QueryClient) => Promise<unknown>,
): Promise<DehydratedState> {
  const client = new QueryClient();
  await fill(client);
  return dehydrate(client);
}

const names = (names: string[]) => ({ items: names.map((name) => ({ name })) });

function namesOptions(queryFn: () => Promise<ReturnType<typeof names>>) {
  return queryOptions({
    queryKey: ["names", { b: 1, a: 2 }],
    queryFn,
    select: (data) => data.items.map((item) => item.name),
  });
}

function Names({ queryFn }: { queryFn: () => Promise<ReturnType<typeof names>> }) {
  const { data, isPending } = useDeferredQuery(namesOptions(queryFn));
  return <p>{isPending ? "pending" : data?.join(", ")}</p>;
}

describe("queryHash", () => {
  it("names every kind of key this app makes as TanStack's hashKey does", () => {
    // The shapes of features/tasks/api/task-keys.ts's keys (filters in any order) and lists.ts's.
    const keys = [
      ["tasks", "u1", "list", { status: "pending", sort: "due_date", order: "asc", q: "milk" }],
      ["tasks", "u1", "list", { q: "milk", order: "asc", sort: "due_date", status: "pending" }],
      ["tasks", "u1", "count", { status: "completed", sort: "created_at", list_id: "inbox" }],
      ["tasks", "u1", "detail", 42],
      listKeys.all("u1"),
      [...listKeys.all("u1"), "inbox-count"],
      ["names", { b: 1, a: { d: [1, { z: 1, y: 2 }], c: null, "10": 1, "9": 2 } }],
    ];
    for (const key of keys) expect(queryHash(key)).toBe(hashKey(key));
    expect(queryHash(keys[0] ?? [])).toBe(queryHash(keys[1] ?? []));
  });
});

const askedFor = vi.fn(async (view: string) => `${view}, asked for`);

function viewOptions(view: string) {
  return queryOptions({ queryKey: ["view", view], queryFn: () => askedFor(view) });
}

/** A page whose query depends on the address, as the task list's does on its filters. */
function View({ view }: { view: string }) {
  const text = useDeferredQuery(viewOptions(view)).data ?? "none";
  rendered.push(text);
  return <p>{text}</p>;
}

const rendered: string[] = [];

describe("a deferred query", () => {
  it("shows the server's data before the engine, and is TanStack's query after it", async () => {
    const initialState = await serverState((client) =>
      client.prefetchQuery(namesOptions(async () => names(["Ada", "Bo"]))),
    );
    const queryFn = vi.fn(async () => names(["Ada", "Bo", "Cy"]));
    const page = (engine: QueryEngine | null) => (
      <QueryEngineProvider engine={engine} initialState={initialState}>
        <Names queryFn={queryFn} />
      </QueryEngineProvider>
    );
    const view = render(page(null));
    // Through `select`, as the engine's query would give it.
    expect(screen.getByText("Ada, Bo")).toBeTruthy();

    const engine = startQueryEngine({ staleTime: 60_000 });
    view.rerender(page(engine));
    expect(screen.getByText("Ada, Bo")).toBeTruthy();
    // The server's data is fresh: nothing is asked again when the engine takes over.
    expect(queryFn).not.toHaveBeenCalled();

    await act(() => engine.client.invalidateQueries({ queryKey: ["names"] }));
    await waitFor(() => expect(screen.getByText("Ada, Bo, Cy")).toBeTruthy());
    expect(queryFn).toHaveBeenCalledTimes(1);
  });

  it("is pending without server data, and fetches once the engine is in", async () => {
    const queryFn = vi.fn(async () => names(["Di"]));
    const page = (engine: QueryEngine | null) => (
      <QueryEngineProvider engine={engine} initialState={{ queries: [], mutations: [] }}>
        <Names queryFn={queryFn} />
      </QueryEngineProvider>
    );
    const view = render(page(null));
    expect(screen.getByText("pending")).toBeTruthy();
    view.rerender(page(startQueryEngine({})));
    await waitFor(() => expect(screen.getByText("Di")).toBeTruthy());
    expect(queryFn).toHaveBeenCalledTimes(1);
  });

  it("takes each navigation's server data without asking for it, and newer data over older", async () => {
    const engine = startQueryEngine({ staleTime: 60_000 });
    const page = (view: string, initialState: DehydratedState) => (
      <QueryEngineProvider engine={engine} initialState={initialState}>
        <View view={view} />
      </QueryEngineProvider>
    );
    const fromServer = (view: string, data: string) =>
      serverState((client) =>
        client.prefetchQuery({ ...viewOptions(view), queryFn: async () => data }),
      );
    const view = render(page("inbox", await fromServer("inbox", "inbox, from the server")));
    expect(screen.getByText("inbox, from the server")).toBeTruthy();
    // A view the cache has not seen: shown from the navigation's data in the same render.
    view.rerender(page("today", await fromServer("today", "today, from the server")));
    expect(screen.getByText("today, from the server")).toBeTruthy();
    // Back to a view the cache holds, with newer data from the server: it replaces the cached.
    view.rerender(page("inbox", await fromServer("inbox", "inbox, newer")));
    await waitFor(() => expect(screen.getByText("inbox, newer")).toBeTruthy());
    expect(askedFor).not.toHaveBeenCalled();
    // Never a render without the data, which would flash an empty list.
    expect(rendered).not.toContain("none");
  });
});

const pages = ["a", "b", "c"];
const options = infiniteQueryOptions({
  queryKey: ["pages"],
  queryFn: async ({ pageParam }) => ({
    item: pages[pageParam] ?? "",
    next: pageParam + 1 < pages.length ? pageParam + 1 : null,
  }),
  initialPageParam: 0,
  getNextPageParam: (page) => page.next,
});

function Pages() {
  const query = useDeferredInfiniteQuery(options);
  return (
    <>
      <p>{query.data?.pages.map((page) => page.item).join("") ?? "none"}</p>
      <p>{query.hasNextPage ? "more" : "all"}</p>
      <button type="button" onClick={() => void query.fetchNextPage()}>
        Load more
      </button>
    </>
  );
}

describe("a deferred infinite query", () => {
  it("knows from the server's pages whether there are more, and loads them with the engine", async () => {
    const initialState = await serverState((client) => client.prefetchInfiniteQuery(options));
    const page = (engine: QueryEngine | null) => (
      <QueryEngineProvider engine={engine} initialState={initialState}>
        <Pages />
      </QueryEngineProvider>
    );
    const view = render(page(null));
    expect(screen.getByText("a")).toBeTruthy();
    expect(screen.getByText("more")).toBeTruthy();

    view.rerender(page(startQueryEngine({ staleTime: 60_000 })));
    await act(async () => screen.getByRole("button").click());
    await waitFor(() => expect(screen.getByText("ab")).toBeTruthy());
    await act(async () => screen.getByRole("button").click());
    await waitFor(() => expect(screen.getByText("abc")).toBeTruthy());
    expect(screen.getByText("all")).toBeTruthy();
  });
});

const mutation = (queryClient: QueryClient) => ({
  mutationFn: async (name: string) => name.toUpperCase(),
  // Collected at once when nothing observes it any more.
  gcTime: 0,
  onMutate: (name: string) => queryClient.setQueryData(["saved"], name),
});

let mutate: ((name: string) => Promise<string>) | undefined;

function Saver() {
  mutate = useDeferredMutation(mutation);
  return null;
}

describe("a deferred mutation", () => {
  it("refuses before the engine, and runs TanStack's lifecycle after it", async () => {
    const page = (engine: QueryEngine | null) => (
      <QueryEngineProvider engine={engine}>
        <Saver />
      </QueryEngineProvider>
    );
    const view = render(page(null));
    await expect(mutate?.("early")).rejects.toThrow("still loading");

    const engine = startQueryEngine({});
    view.rerender(page(engine));
    await expect(mutate?.("ada")).resolves.toBe("ADA");
    expect(engine.client.getQueryData(["saved"])).toBe("ada");
    // Nothing observes the finished mutation any more, so TanStack collects it.
    await waitFor(() => expect(engine.client.getMutationCache().getAll()).toHaveLength(0));
  });
});
