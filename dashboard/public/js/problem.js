// Maps an application/problem+json answer onto the form's fields: { name: "...", email: "..." }.

const FIELDS = ['name', 'email'];

export function fieldErrors(result) {
  const problem = result.data && typeof result.data === 'object' ? result.data : {};
  const errors = {};
  // Bean Validation answers list violations whose field is a path such as "save.user.email".
  const listed = [
    ...(problem.violations ?? []),
    ...(problem.errors ?? []),
    ...(problem['invalid-params'] ?? problem.invalidParams ?? []),
  ];
  for (const item of listed) {
    const field = lastSegment(item.field ?? item.name ?? item.pointer ?? item.path);
    const message = item.message ?? item.reason ?? item.detail;
    if (FIELDS.includes(field) && message) errors[field] = errors[field] ? `${errors[field]}; ${message}` : message;
  }
  if (FIELDS.includes(lastSegment(problem.field))) errors[lastSegment(problem.field)] = problem.detail ?? problem.title;
  if (result.status === 409) errors.email ??= problem.detail ?? 'this email is already taken';
  // Last resort: a detail that names exactly one field belongs next to that field.
  if (Object.keys(errors).length === 0 && result.status === 400 && typeof problem.detail === 'string') {
    const named = FIELDS.filter((field) => new RegExp(`\\b${field}\\b`, 'i').test(problem.detail));
    if (named.length === 1) errors[named[0]] = problem.detail;
  }
  return errors;
}

function lastSegment(path) {
  return typeof path === 'string' ? path.split(/[./]/).filter(Boolean).pop() : undefined;
}
