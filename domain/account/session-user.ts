/** A structure a professional works in, as the server describes it to the widgets. */
export interface SessionStructure {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly amNumber: string | null;
  readonly finess: string | null;
}

/** Who is signed in, as `POST /api/auth/login` and `GET /api/auth/session` describe them. */
export interface SessionUser {
  readonly id: string;
  readonly email: string;
  readonly role: string;
  readonly civility: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly structures: readonly SessionStructure[];
}
