import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import type { NotificationSettings } from "@todo/contract/notification-settings";
import { useApiClient } from "@/lib/api-client-context";

const settingsPath = (userId: string) => `/api/${encodeURIComponent(userId)}/notification-settings`;

const settingsKey = (userId: string) => ["notification-settings", userId] as const;

export function useNotificationSettings(userId: string) {
  const client = useApiClient();
  return useQuery({
    queryKey: settingsKey(userId),
    queryFn: ({ signal }) =>
      client.request<NotificationSettings>("GET", settingsPath(userId), { signal }),
  });
}

export function useUpdateEmailReminders(userId: string) {
  const client = useApiClient();
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: boolean) =>
      client.request<NotificationSettings>("PUT", settingsPath(userId), { body: { email } }),
    onSuccess: (settings) => queryClient.setQueryData(settingsKey(userId), settings),
  });
}
