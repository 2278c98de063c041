import { QueryClient } from "@tanstack/react-query";

export function createBoardQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // A pinned board is never "focused"; polling has its own schedule (usePresencePolling).
        refetchOnWindowFocus: false,
        // Keep asking even when navigator.onLine is wrong (kiosk browsers often are); backoff handles real outages.
        networkMode: "always",
        retry: false,
        gcTime: 60 * 60 * 1000,
      },
    },
  });
}
