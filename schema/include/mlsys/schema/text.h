// Small text helpers shared by the readers, the schema and the query tool.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace mlsys::text {

// The byte offset of the first invalid UTF-8 sequence (overlong forms, surrogates and code
// points past U+10FFFF are invalid), or nullopt when `s` is valid.
std::optional<std::size_t> invalid_utf8_offset(std::string_view s);

// Unicode-aware lower case of UTF-8 text.
std::string lower(std::string_view s);

// Strips leading and trailing white space and folds inner runs of it into one space.
std::string squeeze_spaces(std::string_view s);

// ASCII white space (space, tab, new line, vertical tab, form feed, carriage return), whatever
// the locale: what the readers and the query preparation split on.
bool is_space(char c);

// `s` without the characters of `spaces` at either end.
std::string_view trim(std::string_view s, std::string_view spaces = " \t\n\v\f\r");

std::vector<std::string> split(std::string_view s, char separator);

std::string join(const std::vector<std::string>& parts, std::string_view separator);

bool starts_with(std::string_view s, std::string_view prefix);

// A short hash of `s` as 8 hex digits (FNV-1a, 32 bits): unlike std::hash, the same on every
// platform and release, so ids and terms made with it stay the same.
std::string stable_hash(std::string_view s);

}  // namespace mlsys::text
