// The error a promise rejects with. vitest 4's `rejects.toThrow(/…/)` also passes when the
// promise rejects with `undefined` (a `throw` of a function that returns nothing), so a test
// that must see a message reads it from the Error this returns instead.
export async function rejection(promise: Promise<unknown>): Promise<Error> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Error) return error;
    throw new Error(`rejected with ${String(error)}, not an Error`, { cause: error });
  }
  throw new Error('expected a rejection');
}
