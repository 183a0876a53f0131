#include "mlsys/indexer/input_set.h"

#include "mlsys/indexer/collection.h"

#include <cerrno>
#include <cstring>
#include <fstream>

namespace mlsys::indexer {

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
        inputs.files.insert(source_file(file));
        std::move(result.unread.begin(), result.unread.end(), std::back_inserter(inputs.unread));
    }
    return inputs;
}

}  // namespace mlsys::indexer
