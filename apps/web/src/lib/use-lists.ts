import type { List } from "@todo/contract/list";
import { useApiClient } from "./api-client-context";
import { useDeferredQuery } from "./deferred-queries";
import { inboxCountOptions, listsOptions } from "./lists";

// Apart from lists.ts, which the server's prefetch uses too and where React has no contexts.

/** The user's lists in their order; empty while they load. */
export function useLists(userId: string): List[] {
  const client = useApiClient();
  return useDeferredQuery(listsOptions(client, userId)).data ?? [];
}

/** How many open tasks are in the Inbox; undefined while it loads. */
export function useInboxCount(userId: string): number | undefined {
  const client = useApiClient();
  return useDeferredQuery(inboxCountOptions(client, userId)).data;
}
