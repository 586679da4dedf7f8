// Package privacy protects personal data (names, 居民身份证号, phone numbers,
// addresses) of the people the platform's records are about. It is pure: no
// database, no I/O but the environment variable holding the data key.
//
// When to use what:
//
//   - Public pages (公示 of enforcement decisions, the portal, exports meant for
//     publication): MaskName, MaskIDNumber, MaskPhone, MaskAddress for fields,
//     MaskText for free text such as 违法事实. IsOrganisationName tells legal
//     persons (published in full) from natural persons (masked). Where a rule
//     is ambiguous the functions mask: a leak cannot be undone, over-masking can.
//   - Storage of personal data at rest: Cipher.Seal before writing a column and
//     Cipher.Open after reading it; store Cipher.Index next to the sealed value
//     when the column must be searchable by exact match (身份证号, phone).
//     The key comes from FAZHI_DATA_KEY (KeyFromEnv).
//   - Input validation: ValidateIDNumber (GB 11643-1999), with BirthDate and Sex
//     reading a valid number; NormalizeIDNumber before sealing and indexing.
//
// Never log keys, plaintexts or unmasked values.
package privacy
