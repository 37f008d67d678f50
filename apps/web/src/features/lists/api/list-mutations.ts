import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { CreateListInput, List, UpdateListInput } from "@todo/contract/list";
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

/** Rename, recolor or move; a move shifts the other lists, so the whole order is read again. */
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
