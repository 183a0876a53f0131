// Where the commands look when no path is given: the index, and the bundled list. One rule for
// both tools, so that `mlsys-index` and `mlsys-query` without --db always meet at one index,
// whether they run in the source tree or installed on a user's PATH.
#pragma once

#include <string>

namespace mlsys::cli {

// The index without --db: $MLSYS_DB; else index/papers when the current folder is a source
// tree (it holds data/papers.jsonl or index/papers); else the user's data folder,
// $XDG_DATA_HOME/mlsys-search/papers ($HOME/.local/share/... when XDG_DATA_HOME is unset).
std::string default_index_path();

// The same rule, as --help and the man pages state it.
std::string default_index_help();

// The bundled list mlsys-index reads without INPUT: data/papers.jsonl in the current folder when
// there is one, else the one installed beside the executable (PREFIX/share/mlsys-search).
std::string default_input_path();

// The folder of installed data for an executable at PREFIX/bin: PREFIX/share/mlsys-search.
// Relative to the executable so that an installed tree works wherever it is moved or unpacked.
std::string installed_data_dir();

}  // namespace mlsys::cli
