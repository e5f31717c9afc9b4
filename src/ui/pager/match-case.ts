// "Smart case", as in less -i and vim's smartcase: a query in lower case matches any case; a
// query with an upper-case letter matches exactly. One rule for finding and for highlighting.

export function matcherCase(plain: string, query: string): { haystack: string; needle: string } {
  if (query !== query.toLowerCase()) return { haystack: plain, needle: query };
  const lower = plain.toLowerCase();
  // A few characters change length in lower case; positions must stay those of `plain`.
  return lower.length === plain.length
    ? { haystack: lower, needle: query }
    : { haystack: plain, needle: query };
}
