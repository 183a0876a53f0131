// One reader (MLSYS_FUZZ_FORMAT: papers, beir, markdown, bibtex, csv) on the fuzz input as a
// whole file. A reader turns anything into records and problems: it never throws, and every
// record and problem names the file and one of its lines.
#include "fuzz_support.h"

#include "mlsys/schema/venue_aliases.h"

#include <sstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mlsys;
    static const auto reader = indexer::make_reader(fuzz::format_named(MLSYS_FUZZ_FORMAT), VenueAliases::bundled());
    const std::string text = fuzz::as_text(data, size);
    std::istringstream in(text);
    const std::string file_name = "fuzz." MLSYS_FUZZ_FORMAT;
    const indexer::ReadResult result = reader->read(in, file_name);
    fuzz::check_locations(result, file_name, fuzz::line_count(text));
    return 0;
}
