/**
 * Type declarations for packages a snippet imports whose own types are not installed here.
 * `express-session`: the part of @types/express-session 1.18 the session snippet uses, with the
 * same shape (a CommonJS `export =` function plus a namespace whose `SessionData` interface
 * applications augment, and `req.session` declared on Express's Request), so the snippet's
 * `declare module 'express-session'` augmentation is checked as it would be against the real types.
 */
export const typeStubs: Readonly<Record<string, string>> = {
  'express-session': `
import express = require('express');
import { EventEmitter } from 'events';

declare global {
  namespace Express {
    interface Request {
      session: session.Session & Partial<session.SessionData>;
      sessionID: string;
    }
  }
}

export = session;

declare function session(options?: session.SessionOptions): express.RequestHandler;

declare namespace session {
  interface SessionData {
    cookie: Cookie;
  }

  class Session {
    private constructor(request: express.Request, data: SessionData);
    id: string;
    cookie: Cookie;
    regenerate(callback: (err: any) => void): this;
    destroy(callback: (err: any) => void): this;
    reload(callback: (err: any) => void): this;
    resetMaxAge(): this;
    save(callback?: (err: any) => void): this;
    touch(): this;
  }

  interface CookieOptions {
    maxAge?: number | undefined;
    partitioned?: boolean | undefined;
    priority?: 'low' | 'medium' | 'high' | undefined;
    signed?: boolean | undefined;
    expires?: Date | undefined;
    httpOnly?: boolean | undefined;
    path?: string | undefined;
    domain?: string | undefined;
    secure?: boolean | 'auto' | undefined;
    encode?: ((val: string) => string) | undefined;
    sameSite?: boolean | 'lax' | 'strict' | 'none' | undefined;
  }

  class Cookie implements CookieOptions {
    originalMaxAge: number | null;
    maxAge?: number | undefined;
    signed?: boolean | undefined;
    expires?: Date | null | undefined;
    httpOnly?: boolean | undefined;
    path?: string | undefined;
    domain?: string | undefined;
    secure?: boolean | 'auto' | undefined;
    sameSite?: boolean | 'lax' | 'strict' | 'none' | undefined;
  }

  interface SessionOptions {
    secret: string | string[];
    genid?(req: express.Request): string;
    name?: string | undefined;
    store?: Store | undefined;
    cookie?: CookieOptions | undefined;
    rolling?: boolean | undefined;
    resave?: boolean | undefined;
    proxy?: boolean | undefined;
    saveUninitialized?: boolean | undefined;
    unset?: 'destroy' | 'keep' | undefined;
  }

  abstract class Store extends EventEmitter {
    abstract get(sid: string, callback: (err: any, session?: SessionData | null) => void): void;
    abstract set(sid: string, session: SessionData, callback?: (err?: any) => void): void;
    abstract destroy(sid: string, callback?: (err?: any) => void): void;
  }

  class MemoryStore extends Store {
    get(sid: string, callback: (err: any, session?: SessionData | null) => void): void;
    set(sid: string, session: SessionData, callback?: (err?: any) => void): void;
    destroy(sid: string, callback?: (err?: any) => void): void;
  }
}
`,
};
