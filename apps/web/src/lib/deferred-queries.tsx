import {
  type DehydratedState,
  type InfiniteData,
  type InfiniteQueryObserverOptions,
  type MutationOptions,
  type QueryClient,
  QueryClientContext,
  type QueryKey,
  type QueryObserverOptions,
} from "@tanstack/react-query";
import {
  createContext,
  type ReactNode,
  use,
  useCallback,
  useEffect,
  useMemo,
  useSyncExternalStore,
} from "react";
import type { QueryEngine } from "./query-engine";

// TanStack Query's hooks, for a page that loads TanStack Query after its first load (ADR 0051).
// Until the engine (query-engine.ts) arrives, a query reads what the server fetched for the
// page, and a mutation cannot run: such a page keeps its controls disabled until then. Once it
// has arrived, each hook drives TanStack's own observer as `useQuery` does (its useBaseQuery),
// so the cache, retries, refetches and optimistic updates are TanStack's.

/**
 * TanStack's `hashKey`, for the keys this app makes (arrays of strings, numbers and plain
 * objects): the dehydrated state names each query by it. Importing TanStack's would bring its
 * utilities into the first load; a test holds the two equal.
 */
export function queryHash(queryKey: QueryKey): string {
  return JSON.stringify(queryKey, (_, value: unknown) =>
    value !== null && typeof value === "object" && !Array.isArray(value)
      ? Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)))
      : value,
  );
}

const QueryEngineContext = createContext<QueryEngine | null>(null);
const InitialQueriesContext = createContext<DehydratedState | undefined>(undefined);

/**
 * Provides the engine (null until it is loaded), its client as TanStack's own hooks look for it
 * (the parts of the page that load later use those), and the server's queries for the page.
 */
export function QueryEngineProvider({
  engine,
  initialState,
  children,
}: {
  engine: QueryEngine | null;
  /** What the server fetched for the page: what the hooks read before the engine arrives. */
  initialState?: DehydratedState;
  children: ReactNode;
}) {
  // The server's data goes into the cache, first the page's and then each navigation's: a query
  // the cache lacks before anything renders with it, the others (they may have observers) after
  // the render, as TanStack's HydrationBoundary does.
  const known = useMemo(() => {
    if (!engine || !initialState) return undefined;
    const cache = engine.client.getQueryCache();
    const fresh = initialState.queries.filter((query) => !cache.get(query.queryHash));
    engine.hydrate(engine.client, { ...initialState, queries: fresh });
    return { ...initialState, queries: initialState.queries.filter((q) => !fresh.includes(q)) };
  }, [engine, initialState]);
  useEffect(() => {
    if (engine && known) engine.hydrate(engine.client, known);
  }, [engine, known]);
  useEffect(() => {
    if (!engine) return;
    // Refetches on focus and on reconnecting, as QueryClientProvider would.
    engine.client.mount();
    return () => engine.client.unmount();
  }, [engine]);
  return (
    <QueryClientContext value={engine?.client}>
      <QueryEngineContext value={engine}>
        <InitialQueriesContext value={initialState}>{children}</InitialQueriesContext>
      </QueryEngineContext>
    </QueryClientContext>
  );
}

/** The loaded engine, or null while the page still shows the server's data. */
export function useQueryEngine(): QueryEngine | null {
  return use(QueryEngineContext);
}

/** What a component reads of a query. */
export interface QueryView<TData> {
  data: TData | undefined;
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  failureReason: Error | null;
  refetch: () => Promise<unknown>;
}

/** … and of an infinite one. */
export interface InfiniteQueryView<TData> extends QueryView<TData> {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

/** The part of TanStack's observers (QueryObserver, InfiniteQueryObserver) a hook drives. */
interface Observer<TResult> {
  getOptimisticResult(options: never): TResult;
  getCurrentResult(): TResult;
  setOptions(options: never): void;
  subscribe(listener: () => void): () => void;
  updateResult(): void;
}

// Before the engine nothing can ask for more: the page's controls are disabled until then.
const notYet = () => Promise.resolve();

/** What a component reads of the server's data: through `select`, as the engine would give it. */
function selected<TQueryFnData, TData>(
  data: TQueryFnData | undefined,
  select: ((data: TQueryFnData) => TData) | undefined,
): TData | undefined {
  return data === undefined || !select ? (data as TData | undefined) : select(data);
}

function fromServer<TData>(data: TData | undefined): QueryView<TData> {
  return {
    data,
    isPending: data === undefined,
    isError: false,
    error: null,
    failureReason: null,
    refetch: notYet,
  };
}

function useObserved<TResult>(
  observerKind: "QueryObserver" | "InfiniteQueryObserver",
  options: { queryKey: QueryKey },
  beforeEngine: (serverData: unknown) => TResult,
): TResult {
  const engine = useQueryEngine();
  const initialState = use(InitialQueriesContext);
  const defaulted = engine && {
    ...engine.client.defaultQueryOptions(options as never),
    _optimisticResults: "optimistic" as const,
  };
  // One observer per engine, as useBaseQuery keeps one per component; later options reach it
  // through setOptions below.
  // biome-ignore lint/correctness/useExhaustiveDependencies: made once, with the first options
  const observer = useMemo(() => {
    if (!engine) return null;
    const Kind = engine[observerKind] as unknown as new (
      client: QueryClient,
      options: never,
    ) => Observer<TResult>;
    return new Kind(engine.client, defaulted as never);
  }, [engine, observerKind]);
  useSyncExternalStore(
    useCallback(
      (onStoreChange: () => void) => {
        if (!engine || !observer) return () => {};
        const unsubscribe = observer.subscribe(engine.notifyManager.batchCalls(onStoreChange));
        observer.updateResult();
        return unsubscribe;
      },
      [engine, observer],
    ),
    () => observer?.getCurrentResult(),
    () => observer?.getCurrentResult(),
  );
  useEffect(() => {
    if (observer && defaulted) observer.setOptions(defaulted as never);
  });
  if (observer && defaulted) return observer.getOptimisticResult(defaulted as never);
  const hash = queryHash(options.queryKey);
  return beforeEngine(initialState?.queries.find((query) => query.queryHash === hash)?.state.data);
}

/** `useQuery`, deferred. */
export function useDeferredQuery<
  TQueryFnData,
  TData = TQueryFnData,
  TQueryKey extends QueryKey = QueryKey,
>(
  options: QueryObserverOptions<TQueryFnData, Error, TData, TQueryFnData, TQueryKey>,
): QueryView<TData> {
  return useObserved("QueryObserver", options, (data) =>
    fromServer(selected(data as TQueryFnData | undefined, options.select)),
  );
}

/** `useInfiniteQuery`, deferred. */
export function useDeferredInfiniteQuery<TPage, TData, TQueryKey extends QueryKey, TPageParam>(
  options: InfiniteQueryObserverOptions<TPage, Error, TData, TQueryKey, TPageParam>,
): InfiniteQueryView<TData> {
  return useObserved("InfiniteQueryObserver", options, (serverData) => {
    const data = serverData as InfiniteData<TPage, TPageParam> | undefined;
    const lastPage = data?.pages.at(-1);
    const hasNextPage =
      data !== undefined &&
      lastPage !== undefined &&
      options.getNextPageParam(
        lastPage,
        data.pages,
        data.pageParams.at(-1) as TPageParam,
        data.pageParams,
      ) != null;
    return {
      ...fromServer(selected(data, options.select)),
      hasNextPage,
      isFetchingNextPage: false,
      fetchNextPage: notYet,
    };
  });
}

/**
 * A mutation's `mutateAsync`, deferred: rejects until the engine is in (controls are disabled
 * until then). `options` must keep its identity across renders, as the function returned does.
 */
export function useDeferredMutation<TData, TVariables, TOnMutateResult>(
  options: (queryClient: QueryClient) => MutationOptions<TData, Error, TVariables, TOnMutateResult>,
): (variables: TVariables) => Promise<TData> {
  const engine = useQueryEngine();
  return useCallback(
    (variables: TVariables) => {
      if (!engine) return Promise.reject(new Error("The page is still loading. Try again."));
      const observer = new engine.MutationObserver(engine.client, options(engine.client));
      // Without an observer left on it, the finished mutation is collected like useMutation's.
      return observer.mutate(variables).finally(() => observer.reset());
    },
    [engine, options],
  );
}
