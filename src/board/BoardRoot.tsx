import { QueryClientProvider, type QueryClient } from "@tanstack/react-query";
import { SessionContext, type Session } from "./session";
import { BoardApp } from "./BoardApp";

/** The board for a session, whoever provides it (a real tenant or the demo). */
export function BoardRoot({ session, queryClient }: { session: Session; queryClient: QueryClient }) {
  return (
    <QueryClientProvider client={queryClient}>
      <SessionContext.Provider value={session}>
        <BoardApp />
      </SessionContext.Provider>
    </QueryClientProvider>
  );
}
