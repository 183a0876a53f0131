#include "mlsys/schema/errors.h"

namespace mlsys {

std::string Problem::describe() const {
    std::string out = where.file;
    if (where.line > 0) out += ":" + std::to_string(where.line);
    out += ": ";
    if (!field.empty()) out += field + ": ";
    return out + message;
}

namespace {
std::string describe_all(const std::vector<Problem>& problems) {
    std::string out;
    for (const Problem& p : problems) {
        if (!out.empty()) out += '\n';
        out += p.describe();
    }
    return out;
}
}  // namespace

InputError::InputError(const std::vector<Problem>& problems) : std::runtime_error(describe_all(problems)) {}

}  // namespace mlsys
