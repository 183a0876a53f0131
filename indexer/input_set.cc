#include "mlsys/indexer/input_set.h"

#include "mlsys/indexer/collection.h"
#include "mlsys/schema/limits.h"

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>

namespace mlsys::indexer {

namespace {

namespace fs = std::filesystem;

// What keeps `file` from being read as a paper list, said before a byte of it is read: a
// FIFO or device could block or never end, and a file past the size bound would not fit in
// memory (the Markdown, BibTeX and CSV readers hold a whole file).
void check_input_file(const std::string& file) {
    std::error_code error;
    const fs::file_status status = fs::status(file, error);
    if (error) throw InputError(file + ": cannot open: " + error.message());
    if (fs::is_directory(status)) throw InputError(file + ": is a directory; give the paper list files in it");
    if (!fs::is_regular_file(status)) {
        throw InputError(file + ": not a regular file (a FIFO, socket or device); give a file");
    }
    const std::uintmax_t bytes = fs::file_size(file, error);
    if (error) throw InputError(file + ": cannot open: " + error.message());
    if (bytes > limits::kMaxInputFileBytes) {
        throw InputError(file + ": " + std::to_string(bytes) + " bytes; an input file holds at most " +
                         limits::describe_bytes(limits::kMaxInputFileBytes) + " (docs/limits.md)");
    }
}

}  // namespace

InputSet read_inputs(const std::vector<std::string>& files, InputFormat format, const VenueAliases& aliases) {
    InputSet inputs;
    for (const std::string& file : files) {
        check_input_file(file);
        std::ifstream in(file, std::ios::binary);
        if (!in) throw InputError(file + ": cannot open: " + std::strerror(errno));
        const auto reader = make_reader(detect_format(format, file), aliases);
        ReadResult result = reader->read(in, file, *inputs.records);
        if (in.bad()) throw InputError(file + ": read error: " + std::strerror(errno));
        std::move(result.problems.begin(), result.problems.end(), std::back_inserter(inputs.problems));
        inputs.files.insert(source_file(file));
        std::move(result.unread.begin(), result.unread.end(), std::back_inserter(inputs.unread));
    }
    return inputs;
}

}  // namespace mlsys::indexer
