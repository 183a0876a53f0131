// How far one typed name is from another: the "did you mean" of an option name or a filter
// value that names nothing.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace mlsys::text {

// The fewest edits (insert, delete or replace a byte, or swap two neighbours) that turn `a`
// into `b`: "fromat" is one from "format".
std::size_t edit_distance(std::string_view a, std::string_view b);

// Up to `count` of `candidates` at most `bound` edits from `typed`, case ignored, nearest first
// (ties in the candidates' order).
std::vector<std::string> closest(std::string_view typed, const std::vector<std::string>& candidates, std::size_t count,
                                 std::size_t bound);

}  // namespace mlsys::text
