import { useEffect, useRef } from "react";

/**
 * Calls `save` once typing pauses for `delay` ms, and once more on leaving the page, so a
 * member's draft is never more than a moment behind what they typed.
 */
export function useAutosave<T>(value: T | null, save: (value: T) => void, delay = 800) {
  const latest = useRef<{ value: T | null; saved: boolean }>({ value, saved: true });
  const first = useRef(true);
  useEffect(() => {
    if (first.current || value === null) {
      first.current = value === null;
      return;
    }
    latest.current = { value, saved: false };
    const timer = setTimeout(() => {
      latest.current.saved = true;
      save(value);
    }, delay);
    return () => clearTimeout(timer);
  }, [value, save, delay]);
  useEffect(
    () => () => {
      const { value: last, saved } = latest.current;
      if (!saved && last !== null) save(last);
    },
    [save],
  );
}
