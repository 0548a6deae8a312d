package usersapi.auth;

/** The roles of the auth service's tokens that users-api checks (their {@code roles} claim). */
public final class Roles {

    public static final String USERS_WRITE = "users:write";

    private Roles() {
    }
}
