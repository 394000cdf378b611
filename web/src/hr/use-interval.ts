import { useEffect, useRef } from 'react';

/** Calls `callback` every `ms` while `ms` is not null (progress polling); the latest callback wins. */
export function useInterval(callback: () => void, ms: number | null): void {
  const latest = useRef(callback);
  latest.current = callback;
  useEffect(() => {
    if (ms === null) return;
    const id = setInterval(() => latest.current(), ms);
    return () => clearInterval(id);
  }, [ms]);
}
