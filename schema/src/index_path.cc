#include "mlsys/schema/index_path.h"

#include "mlsys/schema/schema.h"

#include <xapian.h>

#include <filesystem>
#include <iterator>

namespace mlsys::schema {

namespace fs = std::filesystem;

namespace {

// Indexes written before the marker file existed carry the schema version in their metadata.
bool holds_schema_version(const std::string& path) {
    try {
        return !Xapian::Database(path).get_metadata(std::string(kSchemaVersionKey)).empty();
    } catch (const Xapian::Error&) {
        return false;
    }
}

}  // namespace

IndexPath classify_index_path(const std::string& path) {
    std::error_code error;
    const fs::file_status status = fs::status(path, error);  // an index may be reached by a link
    if (status.type() == fs::file_type::not_found) {
        const bool dangling_link = fs::symlink_status(path, error).type() == fs::file_type::symlink;
        return dangling_link ? IndexPath::Foreign : IndexPath::Missing;
    }
    if (status.type() == fs::file_type::regular)
        return holds_schema_version(path) ? IndexPath::OwnStub : IndexPath::Foreign;
    if (status.type() != fs::file_type::directory) return IndexPath::Foreign;
    if (fs::is_empty(path, error) && !error) return IndexPath::EmptyFolder;
    if (fs::is_regular_file(fs::path(path) / kIndexMarkerFile, error)) return IndexPath::OwnIndex;
    return holds_schema_version(path) ? IndexPath::OwnIndex : IndexPath::Foreign;
}

std::string describe_foreign_path(const std::string& path) {
    std::error_code error;
    if (fs::symlink_status(path, error).type() == fs::file_type::symlink && !fs::exists(path, error)) {
        return "a symbolic link to nothing";
    }
    const fs::file_status status = fs::status(path, error);
    if (status.type() == fs::file_type::regular) return "a file";
    if (status.type() != fs::file_type::directory) return "not a folder";
    const auto entries = std::distance(fs::directory_iterator(path, error), fs::directory_iterator());
    return "a folder holding " + std::to_string(entries) + (entries == 1 ? " entry" : " entries");
}

}  // namespace mlsys::schema
