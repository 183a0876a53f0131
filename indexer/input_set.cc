#include "mlsys/indexer/input_set.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <unordered_map>

namespace mlsys::indexer {

namespace {

std::string describe(const SourceLocation& where) { return where.file + ":" + std::to_string(where.line); }

void drop_duplicate_ids(InputSet& inputs) {
    std::unordered_map<std::string, SourceLocation> first_seen;
    std::vector<ReadRecord> unique;
    for (ReadRecord& record : inputs.records) {
        const auto [it, inserted] = first_seen.emplace(record.paper.id, record.where);
        if (inserted) {
            unique.push_back(std::move(record));
        } else {
            inputs.problems.push_back(Problem{record.where, "id",
                                              "duplicate id \"" + record.paper.id + "\" (first at " +
                                                  describe(it->second) + ")"});
        }
    }
    inputs.records = std::move(unique);
}

}  // namespace

InputSet read_inputs(const std::vector<std::string>& files, InputFormat format, const VenueAliases& aliases) {
    InputSet inputs;
    for (const std::string& file : files) {
        std::ifstream in(file, std::ios::binary);
        if (!in) throw InputError(file + ": cannot open: " + std::strerror(errno));
        const auto reader = make_reader(detect_format(format, file), aliases);
        ReadResult result = reader->read(in, file);
        if (in.bad()) throw InputError(file + ": read error: " + std::strerror(errno));
        std::move(result.records.begin(), result.records.end(), std::back_inserter(inputs.records));
        std::move(result.problems.begin(), result.problems.end(), std::back_inserter(inputs.problems));
        std::move(result.unread.begin(), result.unread.end(), std::back_inserter(inputs.unread));
    }
    drop_duplicate_ids(inputs);
    return inputs;
}

}  // namespace mlsys::indexer
