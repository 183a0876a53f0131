// Python literals as repr() writes them, which some CSV exports put in their cells:
// [{'Name': 'Aurick Qiao', 'Author ID': '1762117'}, …] or ['8046d5…', None].
#pragma once

#include "mlsys/schema/paper.h"

#include <stdexcept>
#include <string_view>

namespace mlsys::indexer {

class PythonLiteralError : public std::runtime_error {
  public:
    using std::runtime_error::runtime_error;
};

// Lists and tuples become arrays, dicts objects (keys must be strings), 'single' and "double"
// quoted strings (with \\ \' \" \n \t \r \xHH \uHHHH \UHHHHHHHH escapes) strings, integers and
// floats numbers, True/False booleans and None null. Throws PythonLiteralError naming the
// character where the text stops being a literal.
Json parse_python_literal(std::string_view text);

}  // namespace mlsys::indexer
