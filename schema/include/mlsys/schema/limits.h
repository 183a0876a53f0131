// The bounds on what the tools read and are asked, in one place (docs/limits.md lists them).
// Each is far above what a real paper list or query holds, and low enough that the readers,
// the JSON parser and Xapian never run out of stack or memory on a hostile input: past a
// bound, the input is refused with a message naming it, never truncated in silence.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>

namespace mlsys::limits {

inline constexpr std::size_t kMiB = 1024 * 1024;

// Inputs of mlsys-index.
inline constexpr std::uintmax_t kMaxInputFileBytes = 1024 * kMiB;  // one input file
inline constexpr std::size_t kMaxRecordBytes = 16 * kMiB;          // one line of JSON lines
inline constexpr std::size_t kMaxJsonDepth = 64;                   // arrays and objects in one record
inline constexpr std::size_t kMaxTitleBytes = 2000;                // a title
inline constexpr std::size_t kMaxTextBytes = 1 * kMiB;             // other text: an abstract
inline constexpr std::size_t kMaxValueBytes = 10000;               // any other string, each list item
inline constexpr std::size_t kMaxListItems = 10000;                // items of one list field

// Queries of mlsys-query.
inline constexpr std::size_t kMaxQueryBytes = 10000;  // the query text (and --like's draft: kMaxTextBytes)
inline constexpr std::size_t kMaxQueryTerms = 200;    // words, phrases' words and field values
inline constexpr unsigned kMaxWildcardTerms = 1000;   // terms one wild* may expand to
inline constexpr std::size_t kMaxResults = 100000;    // --limit
inline constexpr std::size_t kMaxOffset = 10000000;   // --offset

// A bound in bytes as messages give it: "2000 bytes", "16 MiB", "1 GiB".
inline std::string describe_bytes(std::uintmax_t bytes) {
    constexpr std::uintmax_t kGiB = 1024 * kMiB;
    if (bytes >= kGiB && bytes % kGiB == 0) return std::to_string(bytes / kGiB) + " GiB";
    if (bytes >= kMiB && bytes % kMiB == 0) return std::to_string(bytes / kMiB) + " MiB";
    return std::to_string(bytes) + " bytes";
}

}  // namespace mlsys::limits
