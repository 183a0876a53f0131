// Format detection as mlsys-index --format auto runs it: the fuzz input is a file whose name
// says nothing (no extension), so its first line decides; then the detected reader reads it.
// Content that fits no format is an InputError naming the file, nothing else.
#include "fuzz_support.h"

#include "mlsys/schema/errors.h"
#include "mlsys/schema/venue_aliases.h"

#include <fstream>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mlsys;
    const std::string text = fuzz::as_text(data, size);
    static const std::string file = fuzz::scratch_folder() + "/input";
    {
        std::ofstream out(file, std::ios::binary | std::ios::trunc);
        out << text;
        fuzz::check(out.good(), "the input file is written");
    }
    indexer::InputFormat format = indexer::InputFormat::Auto;
    try {
        format = indexer::detect_format(indexer::InputFormat::Auto, file);
    } catch (const InputError& e) {
        fuzz::check(std::string(e.what()).rfind(file + ": ", 0) == 0, "a format not told names the file");
        return 0;
    }
    fuzz::check(format != indexer::InputFormat::Auto, "detection picks a format");
    std::ifstream in(file, std::ios::binary);
    const indexer::ReadResult result = indexer::make_reader(format, VenueAliases::bundled())->read(in, file);
    fuzz::check_locations(result, file, fuzz::line_count(text));
    return 0;
}
