import { useEffect, useId, useState } from "react";
import { useQuery } from "@tanstack/react-query";
import type { Person } from "../../graph/directory";
import { sanitizeInline } from "../../presence/safeText";

interface Props<T> {
  label: string;
  placeholder: string;
  /** Directory lookup; results are cached per query by React Query. */
  search: (query: string, signal: AbortSignal) => Promise<T[]>;
  queryKey: string;
  describe: (item: T) => { id: string; primary: string; secondary: string | null };
  onPick: (item: T) => void;
  /** Ids already chosen, shown as such. */
  chosen?: ReadonlySet<string>;
  /** Text to start with (e.g. a search restored after a consent redirect). */
  initialText?: string;
  /** Shown under the label (what this box does, e.g. that it asks for a permission). */
  hint?: string;
}

/** Debounce what is typed so a fast typist sends one search, not one per key. */
function useDebounced(value: string, ms: number): string {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/**
 * An accessible combobox (WAI-ARIA 1.2 pattern): type, arrow keys move through results, Enter adds, Escape clears.
 */
export function Picker<T>({ label, placeholder, search, queryKey, describe, onPick, chosen, initialText, hint }: Props<T>) {
  const [text, setText] = useState(initialText ?? "");
  const [active, setActive] = useState(0);
  const query = useDebounced(text.trim(), 300);
  const listId = useId();
  const inputId = useId();
  const hintId = useId();
  const results = useQuery({
    queryKey: ["directory-search", queryKey, query],
    queryFn: ({ signal }) => search(query, signal),
    enabled: query.length >= 2,
    staleTime: 5 * 60 * 1000,
  });
  const items = query.length >= 2 ? (results.data ?? []) : [];
  const open = query.length >= 2;
  const activeIndex = Math.min(active, Math.max(0, items.length - 1));

  const pick = (item: T) => {
    onPick(item);
    setText("");
    setActive(0);
  };

  return (
    <div className="picker">
      <label htmlFor={inputId} className="picker-label">
        {label}
      </label>
      {hint ? (
        <p id={hintId} className="muted small">
          {hint}
        </p>
      ) : null}
      <input
        id={inputId}
        type="text"
        role="combobox"
        aria-expanded={open && items.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        aria-describedby={hint ? hintId : undefined}
        aria-activedescendant={open && items[activeIndex] ? `${listId}-${activeIndex}` : undefined}
        placeholder={placeholder}
        autoComplete="off"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setActive(0);
        }}
        onKeyDown={(e) => {
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive(Math.min(items.length - 1, activeIndex + 1));
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive(Math.max(0, activeIndex - 1));
          } else if (e.key === "Enter" && items[activeIndex]) {
            e.preventDefault();
            pick(items[activeIndex]);
          } else if (e.key === "Escape") {
            setText("");
          }
        }}
      />
      <ul id={listId} role="listbox" aria-label={`${label} results`} className="picker-results" hidden={!open}>
        {open && results.isFetching && items.length === 0 ? <li className="picker-note" role="presentation">Searching…</li> : null}
        {open && results.isError ? (
          <li className="picker-note" role="presentation">
            Search failed: {(results.error as Error).message}
          </li>
        ) : null}
        {open && !results.isFetching && results.isSuccess && items.length === 0 ? (
          <li className="picker-note" role="presentation">No match for “{query}”.</li>
        ) : null}
        {items.map((item, i) => {
          const d = describe(item);
          const already = chosen?.has(d.id.toLowerCase()) ?? false;
          return (
            <li
              key={d.id}
              id={`${listId}-${i}`}
              role="option"
              aria-selected={i === activeIndex}
              className={`picker-option${i === activeIndex ? " is-active" : ""}`}
              onMouseDown={(e) => e.preventDefault()}
              onClick={() => pick(item)}
              onMouseEnter={() => setActive(i)}
            >
              <span className="picker-primary" dir="auto">
                {sanitizeInline(d.primary, 200)}
                {already ? <span className="muted"> (on the board)</span> : null}
              </span>
              {d.secondary ? (
                <span className="picker-secondary" dir="auto">
                  {sanitizeInline(d.secondary, 200)}
                </span>
              ) : null}
            </li>
          );
        })}
      </ul>
    </div>
  );
}

export function describePerson(p: Person) {
  return { id: p.id, primary: p.displayName, secondary: [p.jobTitle, p.mail ?? p.userPrincipalName].filter(Boolean).join(" · ") || null };
}
