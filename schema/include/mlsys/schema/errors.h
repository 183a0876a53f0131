// The domain errors: code deep inside throws these with full context; each command catches them
// once, at its boundary (mlsys/cli/command.h), which maps them to exit codes. Nothing else
// calls exit().
#pragma once

#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

namespace mlsys {

struct SourceLocation {
    std::string file;
    std::size_t line = 0;  // 1-based; 0 when the problem concerns the whole file
};

// One thing wrong with one input record: "file:line: field: message".
struct Problem {
    SourceLocation where;
    std::string field;  // empty when the problem is not about one field
    std::string message;

    std::string describe() const;
};

// What every JSON reader says of a number no double holds (1e999), which the parser refuses
// apart from its syntax errors.
inline constexpr const char* kNumberOutOfRange = "a number beyond the range of JSON numbers (a double)";

class UsageError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

class InputError : public std::runtime_error {
  public:
    explicit InputError(const std::string& message) : std::runtime_error(message) {}
    explicit InputError(const std::vector<Problem>& problems);
};

// The index is missing, locked or unreadable; the message says what to do.
class IndexError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

}  // namespace mlsys
