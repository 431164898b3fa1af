import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { SignInInput } from "../accounts/schemas";
import { authenticate } from "../accounts/services/authenticate";
import { getDb } from "../db";
import { env } from "../env";
import { AppError } from "../errors";
import { logger } from "../logger";
import { clientIp } from "./client-ip";

class SignInRefused extends CredentialsSignin {
  constructor(code: string) {
    super();
    this.code = code;
  }
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  secret: env.AUTH_SECRET,
  // The JWT only says who signed in; role, tenant and whether the account is still active are read
  // from the database on every request (server/auth/session.ts), so changes apply immediately.
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
          return { id: user.id, email: user.email, name: user.name };
        } catch (error) {
          if (error instanceof AppError)
            throw new SignInRefused(String(error.details?.reason ?? "invalid_credentials"));
          throw error;
        }
      },
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub) session.user.id = token.sub;
      return session;
    },
  },
});
