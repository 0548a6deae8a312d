import { describe } from './http.js';

// users-api's 401 and 403 say what the token lacks; a person needs to know what to do about it.
export function whyRefused(result, sentToken) {
  if (result.status === 401) {
    return sentToken
      ? 'your sign-in was not accepted — sign in again (HTTP 401)'
      : 'sign in first — writes need a signed-in user (HTTP 401)';
  }
  if (result.status === 403) return 'your account may not change users — writes need the role users:write (HTTP 403)';
  return describe(result);
}
