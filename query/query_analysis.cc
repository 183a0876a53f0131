#include "mlsys/query/query_analysis.h"

#include "mlsys/schema/errors.h"

#include <algorithm>

namespace mlsys::query {

namespace {

// A line a stage, the names in a column: "case:     (rdma OR ...) parameter server".
void write_text(std::ostream& out, const QueryAnalysis& analysis) {
    std::size_t longest_name = std::string("query").size();
    for (const QueryStage& stage : analysis.stages) longest_name = std::max(longest_name, stage.name.size());
    const auto write_line = [&](const std::string& name, const std::string& text) {
        out << name << ':' << std::string(longest_name - name.size() + 1, ' ') << text << '\n';
    };
    for (const QueryStage& stage : analysis.stages) write_line(stage.name, stage.text);
    write_line("query", analysis.query);
}

void write_json(std::ostream& out, const QueryAnalysis& analysis) {
    Json stages = Json::array();
    for (const QueryStage& stage : analysis.stages) stages.push_back({{"name", stage.name}, {"text", stage.text}});
    Json json = Json::object();
    json["format"] = kJsonFormat;
    json["stages"] = stages;
    json["query"] = analysis.query;
    json["plain_words"] = analysis.plain_words;
    out << json.dump() << '\n';
}

}  // namespace

void write_analysis(std::ostream& out, const QueryAnalysis& analysis, OutputFormat format) {
    if (format == OutputFormat::Text) return write_text(out, analysis);
    if (format == OutputFormat::Json) return write_json(out, analysis);
    throw UsageError("--analyze writes text or json");
}

}  // namespace mlsys::query
