import { queryOptions, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { NotificationCollection } from "@todo/contract/notification";
import type { ApiClient } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-context";

/** The bell asks this often while the tab is visible (and at once when it comes back into view). */
const POLL_INTERVAL_MS = 30_000;

function notificationsPath(userId: string, rest = ""): string {
  return `/api/${encodeURIComponent(userId)}/notifications${rest}`;
}

const notificationKeys = {
  all: (userId: string) => ["notifications", userId] as const,
};

function notificationsOptions(client: ApiClient, userId: string) {
  return queryOptions({
    queryKey: notificationKeys.all(userId),
    queryFn: ({ signal }) =>
      client.request<NotificationCollection>("GET", notificationsPath(userId), { signal }),
    // React Query pauses the interval while the tab is hidden and refetches when it is shown.
    refetchInterval: POLL_INTERVAL_MS,
    refetchOnWindowFocus: "always",
    staleTime: 0,
  });
}

export function useNotifications(userId: string) {
  return useQuery(notificationsOptions(useApiClient(), userId));
}

/** The collection with `ids` (all when null) read, as the server will have it. */
export function markedRead(
  collection: NotificationCollection,
  ids: ReadonlySet<number> | null,
): NotificationCollection {
  const items = collection.items.map((item) =>
    !item.read && (ids === null || ids.has(item.id)) ? { ...item, read: true } : item,
  );
  const newlyRead = items.filter((item, index) => item.read && !collection.items[index]?.read);
  // The list holds the last 100 only: an older unread one still counts until all are read.
  return {
    items,
    unread: ids === null ? 0 : Math.max(0, collection.unread - newlyRead.length),
  };
}

/** Marks one (an id) or all (null) read: the bell changes at once, the server's answer follows. */
export function useMarkRead(userId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const key = notificationKeys.all(userId);
  return useMutation({
    mutationFn: (id: number | null) =>
      client.request<void>(
        "POST",
        notificationsPath(userId, id === null ? "/read-all" : `/${id}/read`),
      ),
    onMutate: async (id) => {
      await queryClient.cancelQueries({ queryKey: key });
      const before = queryClient.getQueryData<NotificationCollection>(key);
      if (before) {
        queryClient.setQueryData(key, markedRead(before, id === null ? null : new Set([id])));
      }
      return { before };
    },
    onError: (_error, _id, context) => {
      if (context?.before) queryClient.setQueryData(key, context.before);
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });
}
