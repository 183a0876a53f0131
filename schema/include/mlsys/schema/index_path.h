// What stands at an index path, so that no command ever writes over, or deletes, a path that is
// not its own index: the indexer writes only where this says Missing, EmptyFolder or OwnIndex,
// and the query tool names what it found.
#pragma once

#include <string>

namespace mlsys::schema {

enum class IndexPath {
    Missing,      // nothing there: a first build may create it
    EmptyFolder,  // an empty folder: a first build may fill it
    OwnIndex,     // an index mlsys-index wrote (even one Xapian can no longer open)
    OwnStub,      // a Xapian stub file listing such indexes: searched, never written
    Foreign,      // anything else: a file, a folder with other content, another Xapian database
};

// The file every index mlsys-index writes holds beside Xapian's own: it marks the folder as ours
// even when the database in it is damaged beyond opening, so that --rebuild can replace it.
inline constexpr const char* kIndexMarkerFile = "mlsys-search-index";

IndexPath classify_index_path(const std::string& path);

// What a Foreign path is, for messages: "a file", "a folder holding 3 entries", …
std::string describe_foreign_path(const std::string& path);

}  // namespace mlsys::schema
