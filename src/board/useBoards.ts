import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { loadBoards, saveBoards, type BoardsState, type StorageProblem } from "./storage";

function browserStorage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null;
  }
}

const unavailable: Pick<Storage, "getItem" | "setItem"> = {
  getItem: () => {
    throw new Error("localStorage unavailable");
  },
  setItem: () => {
    throw new Error("localStorage unavailable");
  },
};

/** Saved boards, loaded once (validated, migrated, bad data set aside) and saved on every change. */
export function useBoards() {
  const storage = useMemo(() => browserStorage() ?? unavailable, []);
  const [loaded] = useState(() => loadBoards(storage, () => new Date()));
  const [state, setState] = useState<BoardsState>(loaded.state);
  const [saveError, setSaveError] = useState<string | null>(null);
  const first = useRef(true);

  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const result = saveBoards(storage, state);
    setSaveError(result.ok ? null : result.message);
  }, [state, storage]);

  const update = useCallback((fn: (s: BoardsState) => BoardsState) => setState((s) => fn(s)), []);
  const problem: StorageProblem | null = loaded.problem;
  return { state, update, problem, readOnly: loaded.readOnly, saveError };
}
