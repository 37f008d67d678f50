import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateListInput, List, ListCollection, UpdateListInput } from "@todo/contract/list";
import { ApiError, describeError } from "@/lib/api-client";
import { useApiClient } from "@/lib/api-client-context";
import { listKeys, listsPath } from "@/lib/lists";

export function useCreateList(userId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: CreateListInput) =>
      client.request<List>("POST", listsPath(userId), { body: input }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: listKeys.all(userId) }),
  });
}

interface UpdateListRequest {
  id: number;
  changes: UpdateListInput;
}

/** Rename or recolor. */
export function useUpdateList(userId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ id, changes }: UpdateListRequest) =>
      client.request<List>("PATCH", listsPath(userId, id), { body: changes }),
    onSettled: () => queryClient.invalidateQueries({ queryKey: listKeys.all(userId) }),
  });
}

export function useDeleteList(userId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (id: number) => client.request<void>("DELETE", listsPath(userId, id)),
    // The list's tasks went with it: every task query (lists, counts) is stale too.
    onSettled: () => queryClient.invalidateQueries(),
  });
}

/** The list moved elsewhere (another tab, another device) since this page last read the order. */
class ListsChangedError extends Error {
  constructor() {
    super("Your lists were reordered elsewhere; they now show the current order. Try again.");
    this.name = "ListsChangedError";
  }
}

/** A sentence for a failed move. */
export function moveErrorMessage(error: unknown): string {
  return error instanceof ListsChangedError ? error.message : describeError(error);
}

/** The lists with `id` moved to `position`, the others shifting by one, as the API does it. */
export function movedLists(lists: List[], id: number, position: number): List[] {
  const moving = lists.find((list) => list.id === id);
  if (!moving) return lists;
  const others = lists.filter((list) => list.id !== id);
  others.splice(position, 0, moving);
  return others.map((list, index) => ({ ...list, position: index }));
}

interface MoveListRequest {
  /** The list as the user saw it, in the place they saw it. */
  list: List;
  position: number;
}

/**
 * Moves a list (drag or keyboard), shown at once and put back if the API refuses. The move is
 * conditional (`If-Match`) on the list still being where the user saw it: its ETag changes
 * whenever its position does, so a reorder made elsewhere meanwhile fails instead of landing
 * somewhere unintended. Moves run one after another, each checked against the one before.
 */
export function useMoveList(userId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  const queryKey = listKeys.all(userId);
  const mutationKey = ["move-list", userId];
  return useMutation({
    mutationKey,
    scope: { id: `move-list-${userId}` },
    mutationFn: async ({ list, position }: MoveListRequest) => {
      const current = await client.requestVersioned<List>("GET", listsPath(userId, list.id));
      if (current.data.position !== list.position) throw new ListsChangedError();
      try {
        return await client.request<List>("PATCH", listsPath(userId, list.id), {
          body: { position },
          ifMatch: current.etag ?? undefined,
        });
      } catch (error) {
        throw error instanceof ApiError && error.status === 412 ? new ListsChangedError() : error;
      }
    },
    onMutate: async ({ list, position }: MoveListRequest) => {
      await queryClient.cancelQueries({ queryKey, exact: true });
      const previous = queryClient.getQueryData<ListCollection>(queryKey);
      if (previous) {
        queryClient.setQueryData<ListCollection>(queryKey, {
          ...previous,
          items: movedLists(previous.items, list.id, position),
        });
      }
      return previous;
    },
    onError: (_error, _request, previous) => {
      if (previous) queryClient.setQueryData(queryKey, previous);
    },
    // Read the order again once the last queued move is done, not between two of them.
    onSettled: () =>
      queryClient.isMutating({ mutationKey }) === 1
        ? queryClient.invalidateQueries({ queryKey, exact: true })
        : undefined,
  });
}
