// Who is signed in, as the server sees it. The app asks GET /api/session on start and after each
// sign-in step; any 401 from the API afterwards means the session ended (expired, or signed out
// everywhere), and the app returns to the sign-in page saying so.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiError, onUnauthenticated, setCsrfToken } from '../api/client';
import { auth } from '../api/endpoints';
import type { SessionInfo } from '../api/types';

export type SessionState =
  | { status: 'loading' }
  /** `reason` explains why a previous session is gone, for the sign-in page to say. */
  | { status: 'anonymous'; reason?: 'expired' | 'signed_out' | 'signed_out_everywhere' | undefined }
  | { status: 'totp_required'; info: SessionInfo }
  | { status: 'totp_enrolment_required'; info: SessionInfo }
  | { status: 'signed_in'; info: SessionInfo }
  | { status: 'unavailable' };

type SessionContextValue = {
  state: SessionState;
  /** Asks the server again (after a sign-in step or a change to the account). */
  refresh: () => Promise<SessionState>;
  /** Records that the session ended, and why. */
  end: (reason: 'expired' | 'signed_out' | 'signed_out_everywhere') => void;
};

const SessionContext = createContext<SessionContextValue | undefined>(undefined);

async function loadSession(): Promise<SessionState> {
  try {
    const info = await auth.session();
    setCsrfToken(info.csrfToken);
    return { status: info.status, info };
  } catch (error) {
    setCsrfToken(undefined);
    if (error instanceof ApiError && error.status === 401) return { status: 'anonymous' };
    return { status: 'unavailable' };
  }
}

export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });

  const refresh = useCallback(async () => {
    const next = await loadSession();
    setState(next);
    return next;
  }, []);

  const end = useCallback((reason: 'expired' | 'signed_out' | 'signed_out_everywhere') => {
    setCsrfToken(undefined);
    setState({ status: 'anonymous', reason });
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  useEffect(
    () =>
      onUnauthenticated(() => {
        setState((current) =>
          current.status === 'signed_in' ? { status: 'anonymous', reason: 'expired' } : current,
        );
      }),
    [],
  );

  const value = useMemo(() => ({ state, refresh, end }), [state, refresh, end]);
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionContextValue {
  const value = useContext(SessionContext);
  if (!value) throw new Error('useSession must be used inside <SessionProvider>');
  return value;
}

/** The signed-in session; only for pages behind <RequireSignIn>. */
export function useSignedIn(): SessionInfo {
  const { state } = useSession();
  if (state.status !== 'signed_in') throw new Error('useSignedIn used outside a signed-in page');
  return state.info;
}
