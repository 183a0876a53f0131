// All the inputs of one mlsys-index run, read and checked together before anything is written.
#pragma once

#include "mlsys/indexer/paper_reader.h"
#include "mlsys/indexer/record_spool.h"

#include <memory>

#include <set>
#include <string>
#include <vector>

namespace mlsys::indexer {

struct InputSet {
    // Valid records, in input order (one paper may be several), kept in a temporary file.
    std::shared_ptr<RecordSpool> records = std::make_shared<RecordSpool>();
    std::vector<Problem> problems;  // every record left out, and why
    std::set<std::string> files;    // every file read, as sources name it (source_file)
    std::vector<Problem> unread;    // lines the readers did not understand (ReadResult::unread)
};

// Reads every file with the reader of `format` (detected per file for Auto). A file that
// cannot be opened throws InputError. Records of one paper are merged later (collection.h).
InputSet read_inputs(const std::vector<std::string>& files, InputFormat format, const VenueAliases& aliases);

}  // namespace mlsys::indexer
