// What the fuzz targets share. Each target is one LLVMFuzzerTestOneInput over a public entry
// point of the libraries: any crash, sanitizer report, leak, uncaught exception that is no
// UsageError/InputError where the commands expect one, or broken invariant (check()) is a defect.
#pragma once

#include "mlsys/indexer/paper_reader.h"

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace mlsys::fuzz {

// The fuzz input as text (any bytes, NULs included).
inline std::string as_text(const std::uint8_t* data, std::size_t size) {
    return std::string(reinterpret_cast<const char*>(data), size);
}

// A broken invariant: says which on stderr and aborts, so libFuzzer keeps the input.
void check(bool holds, std::string_view what);

// A folder of this process alone, made on first use and removed at exit.
const std::string& scratch_folder();

// data/papers.jsonl indexed once per process into a temporary folder (removed at exit): the
// index the query and collection targets search, built through the indexer library as
// mlsys-index builds it.
const std::string& bundled_index();

// The reader of the --format `name` (papers, beir, markdown, bibtex, csv).
indexer::InputFormat format_named(std::string_view name);

// `result` names `file_name` in every record and problem, and lines within the
// `lines` lines of the input.
void check_locations(const indexer::ReadResult& result, const std::string& file_name, std::size_t lines);

// Lines of `text`, counting a last one without a line end.
std::size_t line_count(std::string_view text);

}  // namespace mlsys::fuzz
