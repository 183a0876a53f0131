#include "mlsys/schema/index_metadata.h"

#include "mlsys/schema/paper.h"

#include <algorithm>

namespace mlsys::schema {

std::string merged_shard_metadata(std::string_view key, const std::vector<std::string>& values) {
    if (values.empty()) return {};
    if (key != kSourceCountsKey) return *std::max_element(values.begin(), values.end());
    Json sum = Json::object();
    for (const std::string& value : values) {
        const Json shard = Json::parse(value);  // named: items() refers to it
        for (const auto& [file, count] : shard.items()) sum[file] = sum.value(file, 0L) + count.get<long>();
    }
    return sum.dump();
}

}  // namespace mlsys::schema
