// The merge of records (indexer/collection): the fuzz input is read as papers JSONL (its first
// 16 records), and the records go through collect_papers twice, as mlsys-index does: for a
// fresh build with no index, and for an update of the bundled index, where records may join
// papers the index holds. Whatever the records, every paper comes out once, under an id of
// its own.
#include "fuzz_support.h"

#include "mlsys/indexer/collection.h"
#include "mlsys/schema/venue_aliases.h"

#include <set>
#include <sstream>

namespace {

using namespace mlsys;

constexpr std::size_t kMaxRecords = 16;  // a merge's cost grows with the records; a few make every case

void check_collection(const indexer::Collection& collection, std::size_t records) {
    std::set<std::string> ids;
    for (const Paper& paper : indexer::all_papers(*collection.papers)) {
        fuzz::check(!paper.id.empty(), "every paper has an id");
        fuzz::check(ids.insert(paper.id).second, "no two papers share an id");
    }
    fuzz::check(collection.papers->size() <= records, "no more papers than records");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto reader = indexer::make_reader(indexer::InputFormat::Papers, VenueAliases::bundled());
    static const Xapian::Database index(fuzz::bundled_index());
    std::istringstream in(fuzz::as_text(data, size));
    std::vector<indexer::ReadRecord> records = reader->read(in, "fuzz.jsonl").records;
    if (records.size() > kMaxRecords) records.resize(kMaxRecords);

    indexer::CollectOptions fresh;
    fresh.update = false;
    fresh.input_files = {"fuzz.jsonl"};
    check_collection(indexer::collect_papers(records, fresh), records.size());

    indexer::CollectOptions update = fresh;
    update.index = &index;
    update.update = true;
    check_collection(indexer::collect_papers(records, update), records.size());
    return 0;
}
