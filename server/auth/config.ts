import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { SignInInput } from "../accounts/schemas";
import { authenticate } from "../accounts/services/authenticate";
import { completeSignUp } from "../accounts/services/complete-sign-up";
import { endSessions } from "../accounts/services/end-sessions";
import { getDb } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { logger } from "../logger";
import { clientIp } from "./client-ip";

// The session version travels in the (encrypted) cookie and is compared with the user's on every
// request (server/auth/session.ts): bumping it ends every session issued before.
declare module "next-auth" {
  interface User {
    sessionVersion?: number;
  }
  interface Session {
    sessionVersion?: number;
  }
}
declare module "@auth/core/jwt" {
  interface JWT {
    sv?: number;
  }
}

class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: env.AUTH_SECRET,
  // The JWT only says who signed in and with which session version; role, tenant, whether the
  // account is still active and whether the version is still current are read from the database
  // on every request (server/auth/session.ts), so changes and revocations apply immediately.
  session: { strategy: "jwt", maxAge: 7 * 24 * 3600 },
  pages: { signIn: "/sign-in", error: "/sign-in" },
  logger: {
    error: (error) => {
      if (error instanceof CredentialsSignin) return;
      logger.error("auth error", { error });
    },
    warn: (code) => logger.warn("auth warning", { code }),
    debug: () => {},
  },
  providers: [
    Credentials({
      credentials: {
        email: { label: "Email", type: "email" },
        password: { label: "Password", type: "password" },
      },
      authorize: async (credentials, request) => {
        const parsed = SignInInput.safeParse(credentials);
        if (!parsed.success) throw new SignInRefused("invalid_input");
        try {
          const user = await authenticate(await getDb(), { ...parsed.data, ip: clientIp(request.headers) });
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        } catch (error) {
          if (error instanceof AppError)
            throw new SignInRefused(String(error.details?.reason ?? "invalid_credentials"));
          throw error;
        }
      },
    }),
    // Following a sign-up's emailed link: the single-use token creates the organization and signs
    // its first admin in (server/accounts/services/complete-sign-up.ts); no password is sent again.
    Credentials({
      id: "sign-up-link",
      credentials: { token: { label: "Token", type: "text" } },
      authorize: async (credentials) => {
        const token = typeof credentials.token === "string" ? credentials.token : "";
        if (token.length < 20 || token.length > 200) throw new SignInRefused("invalid_link");
        try {
          const user = await completeSignUp(await getDb(), token);
          return { id: user.id, email: user.email, name: user.name, sessionVersion: user.sessionVersion };
        } catch (error) {
          // NOT_FOUND, CONFLICT (used, or the email has an account now) or PRECONDITION_FAILED (expired)
          if (error instanceof AppError) throw new SignInRefused(error.code);
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sv = user.sessionVersion;
      }
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      session.sessionVersion = token.sv;
      return session;
    },
  },
  events: {
    // Signing out ends every session of the user, not just this cookie: a copy of it stops working.
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (!token?.sub || typeof token.sv !== "number") return;
      await endSessions(await getDb(), { userId: token.sub, sessionVersion: token.sv, reason: "sign_out" });
    },
  },
});
